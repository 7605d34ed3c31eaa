package io.github.nn4j.onnx;

import io.github.nn4j.base.Parameter;
import io.github.nn4j.io.JsonFields;
import io.github.nn4j.layers.BatchNorm;
import io.github.nn4j.layers.Layer;
import io.github.nn4j.layers.LayerNorm;
import io.github.nn4j.layers.LayerType;
import io.github.nn4j.onnx.proto.TensorProto;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes one nn4j layer as ONNX nodes that compute the same values as its inference pass, in the
 * forms tabled in {@link OnnxExport}; nodes and intermediate values are named after the layer
 * ({@code step0}, {@code step0.non_negative}, {@code step0.cast}, ...).
 */
final class LayerWriter {

    private final GraphWriter graph;

    LayerWriter(GraphWriter graph) {
        this.graph = graph;
    }

    /**
     * Adds the nodes of one layer: a built-in type's, or for a plain {@code ActivationLayer} around
     * a built-in function, those of the function's named layer.
     *
     * @param name       the layer's name in the model, e.g. {@code dense0}; names its nodes and values
     * @param layer      the layer
     * @param parameters the layer's parameters and state, named as in the model file
     * @param input      the value the layer reads
     * @param output     the value the layer's last node writes
     * @throws IllegalArgumentException naming the layer when it has no ONNX form
     */
    void write(String name, Layer layer, List<Parameter> parameters, String input, String output) {
        Layer named = LayerType.namedForm(layer);
        LayerType type = LayerType.named(named.typeName()).orElse(LayerType.ACTIVATION);
        if (type == LayerType.ACTIVATION) {   // a layer type of one's own, or a function that is not built in
            throw new IllegalArgumentException("layer '" + name + "' " + layer + " (type '" + layer.typeName()
                    + "') has no ONNX form in nn4j; exported layer types are dense, batch_norm, layer_norm, relu, "
                    + "leaky_relu, elu, sigmoid, tanh, softplus, step, sign, identity, softmax, log_softmax, dropout and "
                    + "activation around a built-in one");
        }
        switch (type) {
            case DENSE -> dense(name, parameters, input, output);
            case BATCH_NORM -> batchNorm(name, (BatchNorm) named, parameters, input, output);
            case LAYER_NORM -> layerNorm(name, (LayerNorm) named, parameters, input, output);
            case DROPOUT -> dropout(name, onlySetting(named, type), input, output);
            case SOFTMAX -> graph.node(name, "Softmax", List.of(input), output, GraphWriter.intAttribute("axis", 1));
            case LOG_SOFTMAX -> graph.node(name, "LogSoftmax", List.of(input), output,
                    GraphWriter.intAttribute("axis", 1));
            case LEAKY_RELU -> leakyRelu(name, onlySetting(named, type), input, output);
            case ELU -> elu(name, onlySetting(named, type), input, output);
            case RELU -> graph.node(name, "Relu", List.of(input), output);
            case SIGMOID -> graph.node(name, "Sigmoid", List.of(input), output);
            case TANH -> graph.node(name, "Tanh", List.of(input), output);
            case SOFTPLUS -> graph.node(name, "Softplus", List.of(input), output);
            case IDENTITY -> graph.node(name, "Identity", List.of(input), output);
            case STEP -> step(name, input, output);
            case SIGN -> sign(name, input, output);
            default -> throw new IllegalStateException("no ONNX form for layer type " + type);
        }
    }

    /** The number a layer of a one-setting type holds, e.g. a dropout's {@code p}; errors name the layer. */
    private static double onlySetting(Layer layer, LayerType type) {
        return new JsonFields(layer.toString(), layer.config()).number(type.settings().get(0));
    }

    /** {@code Cast(x ≥ 0)} to the model's type: 1 where x ≥ 0, else 0. */
    private void step(String name, String input, String output) {
        String mask = nonNegative(name, input);
        graph.node(name + ".cast", "Cast", List.of(mask), output, GraphWriter.intAttribute("to", graph.elementType()));
    }

    /** {@code Where(x ≥ 0, 1, −1)}. */
    private void sign(String name, String input, String output) {
        String mask = nonNegative(name, input);
        String plusOne = graph.initializer(TensorWriter.scalar(name + ".plus_one", 1.0, graph.elementType()));
        String minusOne = graph.initializer(TensorWriter.scalar(name + ".minus_one", -1.0, graph.elementType()));
        graph.node(name + ".where", "Where", List.of(mask, plusOne, minusOne), output);
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

    /**
     * {@code BatchNormalization(x, γ, β, running_mean, running_var)} in inference form, every input a
     * vector {@code [n]}; ONNX's momentum is {@code 1 − m} (it weighs the old statistic).
     */
    private void batchNorm(String name, BatchNorm layer, List<Parameter> parameters, String input, String output) {
        List<String> inputs = new ArrayList<>(List.of(input));
        for (Parameter parameter : parameters) {
            inputs.add(graph.initializer(TensorWriter.of(parameter.name(),
                    parameter.value().reshape(parameter.value().length()), graph.elementType())));
        }
        graph.node(name, "BatchNormalization", inputs, output,
                GraphWriter.floatAttribute("epsilon", (float) layer.eps()),
                GraphWriter.floatAttribute("momentum", (float) (1 - layer.momentum())))
                .setDocString(ExactSetting.note("eps", layer.eps(), "momentum", layer.momentum()));
    }

    /** {@code LayerNormalization(x, γ, β)} over the last axis; ONNX has it from opset 17. */
    private void layerNorm(String name, LayerNorm layer, List<Parameter> parameters, String input, String output) {
        if (graph.opset() < 17) {
            throw new IllegalArgumentException("layer '" + name + "' " + layer + " is written as LayerNormalization, "
                    + "which ONNX has from opset 17; export with opset 17 or later, not " + graph.opset());
        }
        List<String> inputs = new ArrayList<>(List.of(input));
        for (Parameter parameter : parameters) {
            inputs.add(graph.initializer(TensorWriter.of(parameter.name(),
                    parameter.value().reshape(parameter.value().length()), graph.elementType())));
        }
        graph.node(name, "LayerNormalization", inputs, output, GraphWriter.intAttribute("axis", -1),
                GraphWriter.floatAttribute("epsilon", (float) layer.eps()))
                .setDocString(ExactSetting.note("eps", layer.eps()));
    }

    private void dropout(String name, double p, String input, String output) {
        String ratio = graph.initializer(TensorWriter.scalar(name + ".ratio", p, TensorProto.DataType.DOUBLE_VALUE));
        graph.node(name, "Dropout", List.of(input, ratio), output);
    }

    private void leakyRelu(String name, double slope, String input, String output) {
        graph.node(name, "LeakyRelu", List.of(input), output, GraphWriter.floatAttribute("alpha", (float) slope))
                .setDocString(ExactSetting.note(LayerType.LEAKY_RELU.settings().get(0), slope));
    }

    private void elu(String name, double alpha, String input, String output) {
        graph.node(name, "Elu", List.of(input), output, GraphWriter.floatAttribute("alpha", (float) alpha))
                .setDocString(ExactSetting.note(LayerType.ELU.settings().get(0), alpha));
    }
}
