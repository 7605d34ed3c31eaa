package io.github.nn4j.onnx;

import java.util.Map;

/**
 * The versions of every operator nn4j reads, as ONNX's operator tables list them up to opset
 * {@value #KNOWN_OPSET} (ONNX 1.20): the opsets in which each operator changed. An operator's
 * meaning in a file of opset V is its newest version at or below V, so a file is read operator by
 * operator: a newer opset than nn4j was written against is fine when every operator it uses is one
 * nn4j knows at that version. The changes of opsets 19 to 25 to the operators below only add element
 * types (float8, int4, float4, 2-bit) that nn4j refuses in tensors anyway; the readers handle the
 * versions whose meaning changed (Softmax's axis at 13, Dropout's ratio input at 12,
 * BatchNormalization's {@code spatial} before 9 and {@code training_mode} from 14, Reshape's
 * {@code allowzero} from 14).
 */
final class OpVersions {

    /** The newest opset whose operator changes nn4j knows. */
    static final int KNOWN_OPSET = 25;

    private static final Map<String, int[]> SINCE = Map.ofEntries(
            Map.entry("Gemm", new int[] {1, 6, 7, 9, 11, 13}),
            Map.entry("MatMul", new int[] {1, 9, 13}),
            Map.entry("Add", new int[] {1, 6, 7, 13, 14}),
            Map.entry("Sub", new int[] {1, 6, 7, 13, 14}),
            Map.entry("Mul", new int[] {1, 6, 7, 13, 14}),
            Map.entry("Div", new int[] {1, 6, 7, 13, 14}),
            Map.entry("Relu", new int[] {1, 6, 13, 14}),
            Map.entry("Sigmoid", new int[] {1, 6, 13}),
            Map.entry("Tanh", new int[] {1, 6, 13}),
            Map.entry("LeakyRelu", new int[] {1, 6, 16}),
            Map.entry("Elu", new int[] {1, 6, 22}),
            Map.entry("Softplus", new int[] {1, 22}),
            Map.entry("Softmax", new int[] {1, 11, 13}),
            Map.entry("LogSoftmax", new int[] {1, 11, 13}),
            Map.entry("Identity", new int[] {1, 13, 14, 16, 19, 21, 23, 24, 25}),
            Map.entry("Dropout", new int[] {1, 6, 7, 10, 12, 13, 22}),
            Map.entry("Flatten", new int[] {1, 9, 11, 13, 21, 23, 24, 25}),
            Map.entry("Reshape", new int[] {1, 5, 13, 14, 19, 21, 23, 24, 25}),
            Map.entry("Constant", new int[] {1, 9, 11, 12, 13, 19, 21, 23, 24, 25}),
            Map.entry("GreaterOrEqual", new int[] {12, 16}),
            Map.entry("Cast", new int[] {1, 6, 9, 13, 19, 21, 23, 24, 25}),
            Map.entry("Where", new int[] {9, 16}),
            Map.entry("BatchNormalization", new int[] {1, 6, 7, 9, 14, 15}),
            Map.entry("LayerNormalization", new int[] {17}));

    private OpVersions() {
    }

    /**
     * The version of {@code op} that a file of {@code opset} uses.
     *
     * @param op    the operator
     * @param opset the file's standard opset, from {@code OnnxImport.MIN_OPSET} to {@link #KNOWN_OPSET}
     * @return the operator's newest version at or below {@code opset}
     * @throws ImportProblem when nn4j does not read the operator, or it does not exist in that opset
     */
    static int of(String op, long opset) {
        int[] since = SINCE.get(op);
        if (since == null) {
            throw new ImportProblem("nn4j has no layer for operator " + op + "; it reads " + ChainReader.SUPPORTED);
        }
        if (opset < since[0]) {
            throw new ImportProblem(op + " does not exist before opset " + since[0] + "; this model uses opset " + opset);
        }
        int version = since[0];
        for (int v : since) {
            if (v <= opset) {
                version = v;
            }
        }
        return version;
    }

    /** Whether nn4j knows {@code op} at all. */
    static boolean knows(String op) {
        return SINCE.containsKey(op);
    }
}
