package io.github.nn4j.onnx;

import io.github.nn4j.onnx.proto.NodeProto;

/** Sends each node of a chain to the reader of its operator. */
final class ChainSteps {

    private final DenseReader dense;
    private final NormReader norms;
    private final ShapeReader shapes;
    private final ElementwiseReader elementwise;

    ChainSteps(GraphIndex index) {
        this.dense = new DenseReader(index);
        this.norms = new NormReader(index);
        this.shapes = new ShapeReader(index);
        this.elementwise = new ElementwiseReader(index);
    }

    /**
     * Reads the node starting a link of a {@code [batch, n]} value.
     *
     * @param node  the node
     * @param next  the node after it in the chain, or null
     * @param width the value's number of features, or -1
     */
    Link read(NodeProto node, NodeProto next, long width) {
        return switch (node.getOpType()) {
            case "Gemm" -> dense.gemm(node, width);
            case "MatMul" -> dense.matMul(node, next, width);
            case "BatchNormalization" -> norms.batchNormalization(node, width);
            case "LayerNormalization" -> norms.layerNormalization(node, width);
            case "Flatten" -> ShapeReader.flatten(node, 2, width);
            case "Reshape" -> shapes.reshape(node, width);
            default -> elementwise.read(node, next, width);
        };
    }

    /**
     * Reads the node that flattens an input of higher rank to {@code [batch, n]}.
     *
     * @param node  the first node
     * @param rank  the input's rank, above 2
     * @param width its number of features per example, or -1
     */
    Link flattening(NodeProto node, int rank, long width) {
        return switch (node.getOpType()) {
            case "Flatten" -> ShapeReader.flatten(node, rank, width);
            case "Reshape" -> shapes.reshape(node, width);
            default -> throw new ImportProblem("reads the rank-" + rank + " input as it is; nn4j models take "
                    + "[batch, features] and read a batch of higher rank only when the first node flattens it "
                    + "(Flatten with axis 1, or Reshape to [-1, n])");
        };
    }
}
