package io.github.nn4j.onnx;

import io.github.nn4j.onnx.proto.NodeProto;
import java.util.Arrays;
import java.util.Set;

/**
 * Reads the operators that only reshape: {@code Flatten} with axis 1 and {@code Reshape} to
 * {@code [batch, n]}, of a {@code [batch, d1, d2, …]} value (an image batch, say) or of a
 * {@code [batch, n]} value. Neither gives an nn4j layer: a model takes its input as rows of
 * features, so the imported model takes the flattened rows (row-major, as Flatten and Reshape
 * order them: for PyTorch's {@code [N, 1, 28, 28]} images, each image's 784 pixels row by row).
 *
 * <pre>
 * Flatten(axis 1, or 1 − rank)            → [batch, d1·d2·…]
 * Reshape(x, [-1, n]), ([0, -1]), ([0, n]) → [batch, n], with n = d1·d2·… where that is known
 * </pre>
 * A shape that fixes the batch size, or moves features into the batch, is refused.
 */
final class ShapeReader {

    private final GraphIndex index;

    ShapeReader(GraphIndex index) {
        this.index = index;
    }

    /**
     * Reads a Flatten node.
     *
     * @param node  the node
     * @param rank  the rank of the value it reads
     * @param width the number of features it will have as rows (the product of all but the batch
     *              dimension), or -1 when not known
     */
    static Link flatten(NodeProto node, int rank, long width) {
        Attributes attributes = new Attributes(node, Set.of("axis"));
        Arity.require(node, 1, 1, 1);
        long axis = attributes.intValue("axis", 1);
        if ((axis < 0 ? axis + rank : axis) != 1) {
            throw new ImportProblem("axis " + axis + " would mix the batch into the features, or keep some features "
                    + "apart (the value has rank " + rank + "); nn4j reads Flatten with axis 1, which makes [batch, features]");
        }
        return Link.of(1, node.getOutput(0), width, null);
    }

    /**
     * Reads a Reshape node whose shape is a stored constant of two entries that keep the batch.
     *
     * @param node  the node
     * @param width the number of features as rows, or -1 when not known
     */
    Link reshape(NodeProto node, long width) {
        Attributes attributes = new Attributes(node, Set.of("allowzero"));
        Arity.require(node, 2, 2, 1);
        long[] shape = TensorReader.longs(index.constant(node.getInput(1), "shape"));
        if (shape.length != 2) {
            throw new ImportProblem("reshapes to " + Arrays.toString(shape) + "; nn4j reads Reshape to [batch, n]");
        }
        boolean copiesBatch = shape[0] == 0 && attributes.intValue("allowzero", 0) == 0;
        if (shape[0] != -1 && !copiesBatch) {
            throw new ImportProblem("reshapes to " + Arrays.toString(shape) + ", which fixes the batch size; nn4j "
                    + "reads Reshape to [-1, n] or [0, n] (the batch kept as the rows)");
        }
        long columns = shape[1];
        if (columns == -1 && copiesBatch) {
            columns = width;
        } else if (columns <= 0 || width >= 0 && columns != width) {
            throw new ImportProblem("reshapes to " + Arrays.toString(shape) + ", but each example has "
                    + (width < 0 ? "an unknown number of" : String.valueOf(width)) + " features; nn4j reads Reshape "
                    + "that keeps every example's features in its row");
        }
        return Link.of(1, node.getOutput(0), columns, null);
    }
}
