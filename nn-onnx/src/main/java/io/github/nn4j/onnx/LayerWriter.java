package io.github.nn4j.onnx;

import io.github.nn4j.base.Parameter;
import io.github.nn4j.io.JsonFields;
import io.github.nn4j.layers.Layer;
import io.github.nn4j.onnx.proto.TensorProto;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes one nn4j layer as ONNX nodes that compute the same values as its inference pass, in the
 * forms tabled in {@link OnnxExport}; nodes and intermediate values are named after the layer
 * ({@code step0}, {@code step0.non_negative}, {@code step0.cast}, ...).
 */
final class LayerWriter {

    private static final Pattern PARAMETERIZED = Pattern.compile("(leaky_relu|elu)\\((.+)\\)");

    private final GraphWriter graph;

    LayerWriter(GraphWriter graph) {
        this.graph = graph;
    }

    /**
     * Adds the nodes of one layer.
     *
     * @param name       the layer's name in the model, e.g. {@code dense0}; names its nodes and values
     * @param layer      the layer
     * @param parameters the layer's parameters, named as in the model file
     * @param input      the value the layer reads
     * @param output     the value the layer's last node writes
     * @throws IllegalArgumentException naming the layer when it has no ONNX form
     */
    void write(String name, Layer layer, List<Parameter> parameters, String input, String output) {
        String type = layer.typeName();
        switch (type) {
            case "dense" -> dense(name, parameters, input, output);
            case "dropout" -> dropout(name, settings(layer).number("p"), input, output);
            case "softmax" -> graph.node(name, "Softmax", List.of(input), output, GraphWriter.intAttribute("axis", 1));
            case "leaky_relu" -> leakyRelu(name, settings(layer).number("slope"), input, output);
            case "elu" -> elu(name, settings(layer).number("alpha"), input, output);
            case "activation" -> activation(name, layer, settings(layer).text("activation"),
                    input, output);
            default -> activation(name, layer, type, input, output);
        }
    }

    private void activation(String name, Layer layer, String activation, String input, String output) {
        Matcher parameterized = PARAMETERIZED.matcher(activation);
        if (parameterized.matches()) {
            double value = Double.parseDouble(parameterized.group(2));
            if (parameterized.group(1).equals("elu")) {
                elu(name, value, input, output);
            } else {
                leakyRelu(name, value, input, output);
            }
            return;
        }
        String op = Map.of("relu", "Relu", "sigmoid", "Sigmoid", "tanh", "Tanh", "softplus", "Softplus",
                "identity", "Identity").get(activation);
        if (op != null) {
            graph.node(name, op, List.of(input), output);
        } else if (activation.equals("step")) {
            String mask = nonNegative(name, input);
            graph.node(name + ".cast", "Cast", List.of(mask), output,
                    GraphWriter.intAttribute("to", graph.elementType()));
        } else if (activation.equals("sign")) {
            String mask = nonNegative(name, input);
            String plusOne = graph.initializer(TensorWriter.scalar(name + ".plus_one", 1.0, graph.elementType()));
            String minusOne = graph.initializer(TensorWriter.scalar(name + ".minus_one", -1.0, graph.elementType()));
            graph.node(name + ".where", "Where", List.of(mask, plusOne, minusOne), output);
        } else {
            throw new IllegalArgumentException("layer '" + name + "' " + layer + " (type '" + layer.typeName()
                    + "') has no ONNX form in nn4j; exported layer types are dense, relu, leaky_relu, elu, sigmoid, "
                    + "tanh, softplus, step, sign, identity, softmax, dropout and activation around a built-in one");
        }
    }

    /** {@code x ≥ 0} as a boolean tensor, the shared first node of step and sign. */
    private String nonNegative(String name, String input) {
        String zero = graph.initializer(TensorWriter.scalar(name + ".zero", 0.0, graph.elementType()));
        String mask = name + ".non_negative";
        graph.node(name, "GreaterOrEqual", List.of(input, zero), mask);
        return mask;
    }

    private void dense(String name, List<Parameter> parameters, String input, String output) {
        if (parameters.size() != 2) {
            throw new IllegalArgumentException("dense layer '" + name + "' should have parameters W and b, got "
                    + parameters);
        }
        String weights = graph.initializer(TensorWriter.of(parameters.get(0).name(), parameters.get(0).value(),
                graph.elementType()));
        String bias = graph.initializer(TensorWriter.of(parameters.get(1).name(), parameters.get(1).value(),
                graph.elementType()));
        graph.node(name, "Gemm", List.of(input, weights, bias), output);
    }

    private void dropout(String name, double p, String input, String output) {
        String ratio = graph.initializer(TensorWriter.scalar(name + ".ratio", p, TensorProto.DataType.DOUBLE_VALUE));
        graph.node(name, "Dropout", List.of(input, ratio), output);
    }

    private void leakyRelu(String name, double slope, String input, String output) {
        graph.node(name, "LeakyRelu", List.of(input), output, GraphWriter.floatAttribute("alpha", (float) slope))
                .setDocString(ExactSetting.note("slope", slope));
    }

    private void elu(String name, double alpha, String input, String output) {
        graph.node(name, "Elu", List.of(input), output, GraphWriter.floatAttribute("alpha", (float) alpha))
                .setDocString(ExactSetting.note("alpha", alpha));
    }

    /** The layer's settings, with typed access whose errors name the layer. */
    private static JsonFields settings(Layer layer) {
        return new JsonFields(layer.toString(), layer.config());
    }
}
