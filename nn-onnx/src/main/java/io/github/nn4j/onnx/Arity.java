package io.github.nn4j.onnx;

import io.github.nn4j.onnx.proto.NodeProto;

/** Checks of how many inputs and outputs a node has, with the operator's optional inputs. */
final class Arity {

    private Arity() {
    }

    /**
     * Requires between {@code min} and {@code max} inputs and exactly {@code outputs} outputs.
     *
     * @throws ImportProblem saying what the operator takes and what the node has
     */
    static void require(NodeProto node, int min, int max, int outputs) {
        int inputs = node.getInputCount();
        if (inputs < min || inputs > max) {
            throw new ImportProblem("has " + inputs + " input(s); " + node.getOpType() + " takes "
                    + (min == max ? String.valueOf(min) : min + " to " + max));
        }
        if (node.getOutputCount() != outputs) {
            throw new ImportProblem("has " + node.getOutputCount() + " output(s); nn4j reads " + node.getOpType()
                    + " with " + outputs);
        }
    }

    /** Input {@code i}, or the empty string when the node leaves that optional input out. */
    static String optionalInput(NodeProto node, int i) {
        return i < node.getInputCount() ? node.getInput(i) : "";
    }
}
