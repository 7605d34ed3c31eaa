package io.github.nn4j.onnx;

import io.github.nn4j.onnx.proto.GraphProto;
import io.github.nn4j.onnx.proto.NodeProto;
import io.github.nn4j.onnx.proto.TensorProto;
import io.github.nn4j.onnx.proto.ValueInfoProto;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What the chain reader looks up in a graph: its constant tensors (initializers) by name, how
 * often each value is read (by nodes and as the graph's output), the model's element type and
 * the standard opset version.
 */
final class GraphIndex {

    private final Map<String, TensorProto> initializers = new HashMap<>();
    private final Map<String, Integer> reads = new HashMap<>();
    private final DataType dataType;
    private final long opset;

    /**
     * Indexes a graph.
     *
     * @param graph    the graph
     * @param dataType the model's element type, FLOAT or DOUBLE
     * @param opset    the version of the standard operator set the model imports
     * @throws ImportProblem for a repeated or unnamed initializer
     */
    GraphIndex(GraphProto graph, DataType dataType, long opset) {
        this.dataType = dataType;
        this.opset = opset;
        for (TensorProto tensor : graph.getInitializerList()) {
            if (tensor.getName().isEmpty()) {
                throw new ImportProblem("the graph has an initializer without a name");
            }
            if (initializers.put(tensor.getName(), tensor) != null) {
                throw new ImportProblem("the graph has two initializers named '" + tensor.getName() + "'");
            }
        }
        for (NodeProto node : graph.getNodeList()) {
            for (String input : node.getInputList()) {
                if (!input.isEmpty()) {
                    reads.merge(input, 1, Integer::sum);
                }
            }
        }
        for (ValueInfoProto output : graph.getOutputList()) {
            reads.merge(output.getName(), 1, Integer::sum);
        }
    }

    /** The model's element type. */
    DataType dataType() {
        return dataType;
    }

    /** The version of the standard operator set. */
    long opset() {
        return opset;
    }

    /** Whether {@code name} is a constant stored in the file. */
    boolean isInitializer(String name) {
        return initializers.containsKey(name);
    }

    /** How often nodes and the graph's outputs read the value {@code name}. */
    int reads(String name) {
        return reads.getOrDefault(name, 0);
    }

    /**
     * The constant tensor {@code name}.
     *
     * @param role what the node uses it for, e.g. {@code "weight B"}
     * @throws ImportProblem when it is not an initializer
     */
    TensorProto constant(String name, String role) {
        TensorProto tensor = initializers.get(name);
        if (tensor == null) {
            throw new ImportProblem("its " + role + " '" + name + "' is not a constant stored in the file (an "
                    + "initializer) but computed by the graph or fed at run time; nn4j needs it stored");
        }
        return tensor;
    }

    /**
     * A constant tensor decoded as an array of the model's element type.
     *
     * @param name the initializer's name
     * @param role what the node uses it for
     * @throws ImportProblem when it is not an initializer, cannot be decoded, or is of another type
     *                       than the model (nn4j does not convert weights silently)
     */
    INDArray weights(String name, String role) {
        INDArray array = TensorReader.decode(constant(name, role));
        if (array.dataType() != dataType) {
            throw new ImportProblem("its " + role + " '" + name + "' is " + lower(array.dataType())
                    + " but the model's input is " + lower(dataType) + "; nn4j needs one type");
        }
        return array;
    }

    private static String lower(DataType type) {
        return type.name().toLowerCase(Locale.ROOT);
    }
}
