package io.github.nn4j.onnx;

import io.github.nn4j.layers.Dense;
import io.github.nn4j.onnx.proto.NodeProto;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Reads a fully connected layer, {@code H = X·W + b} with {@code W [in, out]}, from either form
 * ONNX exporters write:
 *
 * <ul>
 * <li>{@code Gemm(X, B, C)}: {@code alpha·X·B' + beta·C} with {@code B' = Bᵀ} when {@code transB = 1}
 *     (PyTorch's {@code nn.Linear} stores {@code B [out, in]}). {@code alpha} and {@code beta} other
 *     than 1 are multiplied into {@code W} and {@code b}; {@code transA = 1} (features as rows) is
 *     refused. {@code C} may be absent (zero bias) or of shape {@code []}, {@code [1]},
 *     {@code [out]}, {@code [1, 1]} or {@code [1, out]}.</li>
 * <li>{@code MatMul(X, W)} followed by {@code Add(·, b)} (TensorFlow's and Keras's form), or a
 *     {@code MatMul} alone (zero bias).</li>
 * </ul>
 * {@code B}/{@code W} and {@code C}/{@code b} must be initializers of the model's element type.
 */
final class DenseReader {

    private final GraphIndex index;

    DenseReader(GraphIndex index) {
        this.index = index;
    }

    /** Reads a Gemm node whose input has {@code width} features (-1 if not known). */
    Link gemm(NodeProto node, long width) {
        Attributes attributes = new Attributes(node, Set.of("alpha", "beta", "transA", "transB"));
        Arity.require(node, 2, 3, 1);
        if (attributes.intValue("transA", 0) != 0) {
            throw new ImportProblem("transA = 1 reads the input as [features, batch]; nn4j models take "
                    + "[batch, features]");
        }
        long transB = attributes.intValue("transB", 0);
        if (transB != 0 && transB != 1) {
            throw new ImportProblem("transB must be 0 or 1, got " + transB);
        }
        INDArray b = matrix(node.getInput(1), "weight B");
        INDArray weights = transB == 1 ? b.transpose().dup('c') : b;
        requireWidth(weights, width, "B");
        weights = scaled(weights, attributes.floatValue("alpha", 1f), "alpha");
        String c = Arity.optionalInput(node, 2);
        INDArray bias = Nd4j.zeros(weights.dataType(), 1, weights.columns());
        float beta = attributes.floatValue("beta", 1f);
        if (!c.isEmpty() && beta != 0) {
            bias = scaled(row(index.weights(c, "bias C"), weights.columns(), "bias C"), beta, "beta");
        }
        return dense(1, node.getOutput(0), weights, bias);
    }

    /**
     * Reads a MatMul node and, when {@code next} adds a stored bias to its result, that Add too.
     *
     * @param node  the MatMul node
     * @param next  the node after it, or null
     * @param width the input's number of features, or -1
     */
    Link matMul(NodeProto node, NodeProto next, long width) {
        new Attributes(node, Set.of());
        Arity.require(node, 2, 2, 1);
        INDArray weights = matrix(node.getInput(1), "weight");
        requireWidth(weights, width, "the weight");
        String product = node.getOutput(0);
        if (next == null || !next.getOpType().equals("Add") || !next.getInputList().contains(product)) {
            return dense(1, product, weights, Nd4j.zeros(weights.dataType(), 1, weights.columns()));
        }
        INDArray bias;
        try {
            new Attributes(next, Set.of());
            Arity.require(next, 2, 2, 1);
            if (next.getInput(0).equals(next.getInput(1))) {
                throw new ImportProblem("adds the MatMul result to itself; nn4j reads MatMul + Add of a stored bias");
            }
            String other = next.getInput(0).equals(product) ? next.getInput(1) : next.getInput(0);
            bias = row(index.weights(other, "bias"), weights.columns(), "bias");
        } catch (ImportProblem problem) {
            throw new ImportProblem(problem.getMessage(), 1);
        }
        if (index.reads(product) != 1) {
            throw new ImportProblem("its output '" + product + "' is read " + index.reads(product) + " times; "
                    + "nn4j reads a chain without branches");
        }
        return dense(2, next.getOutput(0), weights, bias);
    }

    private static Link dense(int nodes, String output, INDArray weights, INDArray bias) {
        return new Link(nodes, output, weights.columns(), new Dense((int) weights.rows(), (int) weights.columns()),
                Map.of("W", weights, "b", bias));
    }

    private INDArray matrix(String name, String role) {
        INDArray array = index.weights(name, role);
        if (array.rank() != 2 || array.rows() == 0 || array.columns() == 0) {
            throw new ImportProblem("its " + role + " '" + name + "' has shape " + Arrays.toString(array.shape())
                    + "; a dense layer needs a non-empty matrix");
        }
        return array;
    }

    private static void requireWidth(INDArray weights, long width, String what) {
        if (width >= 0 && weights.rows() != width) {
            throw new ImportProblem(what + " expects " + weights.rows() + " input features, but the value it reads has "
                    + width);
        }
    }

    /** {@code array·factor} for a finite factor other than 1; the array itself for 1. */
    private static INDArray scaled(INDArray array, float factor, String name) {
        if (!Float.isFinite(factor)) {
            throw new ImportProblem(name + " is " + factor);
        }
        return factor == 1f ? array : array.mul(factor);
    }

    /** A bias broadcast over the batch as a {@code [1, out]} row, refusing shapes that depend on the batch. */
    static INDArray row(INDArray bias, long out, String role) {
        long[] shape = bias.shape();
        boolean scalar = bias.length() == 1 && (shape.length == 0 || shape.length == 1
                || shape.length == 2 && shape[0] == 1);
        boolean vector = shape.length == 1 && shape[0] == out || shape.length == 2 && shape[0] == 1 && shape[1] == out;
        if (scalar) {
            return Nd4j.valueArrayOf(new long[] {1, out}, bias.getDouble(0), bias.dataType());
        }
        if (!vector) {
            throw new ImportProblem("its " + role + " has shape " + Arrays.toString(shape) + "; nn4j needs one value "
                    + "per output feature ([" + out + "] or [1, " + out + "]) or one for all");
        }
        return bias.reshape(1, out);
    }
}
