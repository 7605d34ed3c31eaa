package io.github.nn4j.onnx;

import io.github.nn4j.onnx.proto.AttributeProto;
import io.github.nn4j.onnx.proto.GraphProto;
import io.github.nn4j.onnx.proto.NodeProto;
import io.github.nn4j.onnx.proto.TensorProto;
import io.github.nn4j.onnx.proto.TensorShapeProto;
import io.github.nn4j.onnx.proto.TypeProto;
import io.github.nn4j.onnx.proto.ValueInfoProto;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Collects the nodes and initializers of an exported graph in order, in one element type
 * (float32 or float64), and checks that no value name is used twice.
 */
final class GraphWriter {

    private final GraphProto.Builder graph = GraphProto.newBuilder();
    private final Set<String> names = new HashSet<>();
    private final Map<String, String> metadata = new LinkedHashMap<>();
    private final int elementType;
    private final int opset;

    /**
     * @param elementType {@code TensorProto.DataType.FLOAT_VALUE} or {@code DOUBLE_VALUE}
     * @param opset       the standard opset the graph is written for
     */
    GraphWriter(int elementType, int opset) {
        this.elementType = elementType;
        this.opset = opset;
    }

    /** The element type of the model's values. */
    int elementType() {
        return elementType;
    }

    /** The standard opset the graph is written for. */
    int opset() {
        return opset;
    }

    /** Adds a metadata property of the model. */
    void metadata(String key, String value) {
        metadata.put(key, value);
    }

    /** The model's metadata properties, in the order they were added. */
    Map<String, String> metadata() {
        return metadata;
    }

    /**
     * Adds a node.
     *
     * @param name       the node's name
     * @param op         the ONNX operator
     * @param inputs     the input value names, in the operator's order
     * @param output     the output value name
     * @param attributes the node's attributes
     * @return the builder of the added node, to set a doc string
     */
    NodeProto.Builder node(String name, String op, List<String> inputs, String output, AttributeProto... attributes) {
        claim(output);
        NodeProto.Builder node = graph.addNodeBuilder()
                .setName(name).setOpType(op).addAllInput(inputs).addOutput(output);
        for (AttributeProto attribute : attributes) {
            node.addAttribute(attribute);
        }
        return node;
    }

    /**
     * Adds a constant tensor.
     *
     * @param tensor the tensor, with its name set
     * @return its name
     */
    String initializer(TensorProto tensor) {
        claim(tensor.getName());
        graph.addInitializer(tensor);
        return tensor.getName();
    }

    /**
     * Declares the graph's input or output: a tensor of the model's element type with a symbolic
     * batch dimension and a fixed (or, for {@code features < 0}, symbolic) feature dimension.
     */
    static ValueInfoProto value(String name, int elementType, long features) {
        TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
        shape.addDimBuilder().setDimParam("batch");
        if (features >= 0) {
            shape.addDimBuilder().setDimValue(features);
        } else {
            shape.addDimBuilder().setDimParam("features");
        }
        TypeProto type = TypeProto.newBuilder()
                .setTensorType(TypeProto.Tensor.newBuilder().setElemType(elementType).setShape(shape)).build();
        return ValueInfoProto.newBuilder().setName(name).setType(type).build();
    }

    /** The graph with its input and output declared. */
    GraphProto build(String graphName, String input, long inputWidth, String output, long outputWidth) {
        return graph.setName(graphName)
                .addInput(value(input, elementType, inputWidth))
                .addOutput(value(output, elementType, outputWidth))
                .build();
    }

    static AttributeProto floatAttribute(String name, float value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.FLOAT).setF(value).build();
    }

    static AttributeProto intAttribute(String name, long value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INT).setI(value).build();
    }

    private void claim(String name) {
        if (!names.add(name)) {
            throw new IllegalStateException("value name '" + name + "' used twice in the exported graph");
        }
    }
}
