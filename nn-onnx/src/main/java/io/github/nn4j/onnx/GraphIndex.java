package io.github.nn4j.onnx;

import io.github.nn4j.onnx.proto.AttributeProto;
import io.github.nn4j.onnx.proto.GraphProto;
import io.github.nn4j.onnx.proto.NodeProto;
import io.github.nn4j.onnx.proto.TensorProto;
import io.github.nn4j.onnx.proto.ValueInfoProto;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What the chain reader looks up in a graph: its constant tensors by name (initializers, and the
 * outputs of {@code Constant} nodes, which are treated alike), how often each value is read (by
 * nodes and as the graph's output), the model's element type, the standard opset version and the
 * model's metadata.
 */
final class GraphIndex {

    private final Map<String, TensorProto> initializers = new HashMap<>();
    private final Set<String> constantNodeOutputs = new HashSet<>();
    private final Map<String, Integer> reads = new HashMap<>();
    private final DataType dataType;
    private final long opset;
    private final Map<String, String> metadata;

    /**
     * Indexes a graph.
     *
     * @param graph    the graph
     * @param dataType the model's element type, FLOAT or DOUBLE
     * @param opset    the version of the standard operator set the model imports
     * @param metadata the model's metadata properties
     * @throws ImportProblem for a repeated or unnamed initializer, or a Constant node nn4j cannot read
     */
    GraphIndex(GraphProto graph, DataType dataType, long opset, Map<String, String> metadata) {
        this.dataType = dataType;
        this.opset = opset;
        this.metadata = Map.copyOf(metadata);
        for (TensorProto tensor : graph.getInitializerList()) {
            if (tensor.getName().isEmpty()) {
                throw new ImportProblem("the graph has an initializer without a name");
            }
            if (initializers.put(tensor.getName(), tensor) != null) {
                throw new ImportProblem("the graph has two initializers named '" + tensor.getName() + "'");
            }
        }
        for (int i = 0; i < graph.getNodeCount(); i++) {
            NodeProto node = graph.getNode(i);
            if (isConstant(node)) {
                addConstant(node, i);
            }
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

    /** Whether a node is a standard {@code Constant}. */
    static boolean isConstant(NodeProto node) {
        return node.getOpType().equals("Constant") && (node.getDomain().isEmpty() || node.getDomain().equals("ai.onnx"));
    }

    /** Registers a Constant node's value like an initializer named after its output. */
    private void addConstant(NodeProto node, int position) {
        if (node.getInputCount() != 0 || node.getOutputCount() != 1 || node.getOutput(0).isEmpty()
                || node.getAttributeCount() != 1) {
            throw ImportProblem.atNode(position, "a Constant should have no input, one named output and one "
                    + "attribute holding its value");
        }
        String name = node.getOutput(0);
        AttributeProto value = node.getAttribute(0);
        TensorProto.Builder tensor = TensorProto.newBuilder().setName(name);
        switch (value.getName()) {
            case "value" -> tensor.mergeFrom(requireType(value, AttributeProto.AttributeType.TENSOR, position).getT())
                    .setName(name);
            case "value_float" -> tensor.setDataType(TensorProto.DataType.FLOAT_VALUE)
                    .addFloatData(requireType(value, AttributeProto.AttributeType.FLOAT, position).getF());
            case "value_floats" -> tensor.setDataType(TensorProto.DataType.FLOAT_VALUE).addDims(value.getFloatsCount())
                    .addAllFloatData(requireType(value, AttributeProto.AttributeType.FLOATS, position).getFloatsList());
            case "value_int" -> tensor.setDataType(TensorProto.DataType.INT64_VALUE)
                    .addInt64Data(requireType(value, AttributeProto.AttributeType.INT, position).getI());
            case "value_ints" -> tensor.setDataType(TensorProto.DataType.INT64_VALUE).addDims(value.getIntsCount())
                    .addAllInt64Data(requireType(value, AttributeProto.AttributeType.INTS, position).getIntsList());
            default -> throw ImportProblem.atNode(position, "it holds its value in attribute '" + value.getName()
                    + "'; nn4j reads value, value_float(s) and value_int(s)");
        }
        if (initializers.put(name, tensor.build()) != null) {
            throw ImportProblem.atNode(position, "it defines '" + name + "', which is also an initializer or the "
                    + "output of another Constant");
        }
        constantNodeOutputs.add(name);
    }

    private static AttributeProto requireType(AttributeProto attribute, AttributeProto.AttributeType type,
            int position) {
        if (attribute.getType() != type || !attribute.getRefAttrName().isEmpty()) {
            throw ImportProblem.atNode(position, "attribute '" + attribute.getName() + "' should be of type " + type
                    + ", but is " + attribute.getType());
        }
        return attribute;
    }

    /** The model's element type. */
    DataType dataType() {
        return dataType;
    }

    /** The version of the standard operator set. */
    long opset() {
        return opset;
    }

    /** The model's metadata properties, key → value. */
    Map<String, String> metadata() {
        return metadata;
    }

    /** Whether {@code name} is a constant: an initializer stored in the file, or a Constant node's output. */
    boolean isInitializer(String name) {
        return initializers.containsKey(name);
    }

    /** Whether {@code name} is the output of a Constant node. */
    boolean isConstantNodeOutput(String name) {
        return constantNodeOutputs.contains(name);
    }

    /** How often nodes and the graph's outputs read the value {@code name}. */
    int reads(String name) {
        return reads.getOrDefault(name, 0);
    }

    /**
     * The constant tensor {@code name}.
     *
     * @param role what the node uses it for, e.g. {@code "weight B"}
     * @throws ImportProblem when it is not a constant
     */
    TensorProto constant(String name, String role) {
        TensorProto tensor = initializers.get(name);
        if (tensor == null) {
            throw new ImportProblem("its " + role + " '" + name + "' is not a constant stored in the file (an "
                    + "initializer or a Constant node) but computed by the graph or fed at run time; nn4j needs it stored");
        }
        return tensor;
    }

    /**
     * A constant tensor decoded as an array of the model's element type.
     *
     * @param name the constant's name
     * @param role what the node uses it for
     * @throws ImportProblem when it is not a constant, cannot be decoded, or is of another type
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
