package io.github.nn4j.onnx;

import io.github.nn4j.layers.BatchNorm;
import io.github.nn4j.layers.Layer;
import io.github.nn4j.layers.LayerNorm;
import io.github.nn4j.onnx.proto.NodeProto;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Reads the normalization operators into nn4j layers:
 *
 * <pre>
 * BatchNormalization(X, scale, B, mean, var), inference form → BatchNorm(n, ε, momentum = 1 − ONNX's momentum)
 *   with γ = scale, β = B, running_mean = mean, running_var = var
 * LayerNormalization(X, Scale, B) over the last axis        → LayerNorm(n, ε), γ = Scale, β = B (0 without B)
 * </pre>
 * Every input but X must be a stored constant of n values of the model's element type. ONNX's
 * momentum weighs the old running statistic (PyTorch's {@code 1 − momentum}); the exported
 * {@code ε} and momentum are float32 attributes, read back exactly when the node notes nn4j's
 * doubles ({@link ExactSetting}), otherwise as the shortest decimal of the float.
 */
final class NormReader {

    private final GraphIndex index;

    NormReader(GraphIndex index) {
        this.index = index;
    }

    /** Reads a BatchNormalization node in inference form, whose input has {@code width} features (-1 if not known). */
    Link batchNormalization(NodeProto node, long width) {
        Set<String> allowed = index.opset() >= 14 ? Set.of("epsilon", "momentum", "training_mode")
                : index.opset() >= 9 ? Set.of("epsilon", "momentum") : Set.of("epsilon", "momentum", "spatial");
        Attributes attributes = new Attributes(node, allowed);
        Arity.require(node, 5, 5, 1);
        if (attributes.intValue("training_mode", 0) != 0) {
            throw new ImportProblem("training_mode is set, so it normalizes with each batch's statistics; export the "
                    + "model in inference mode (model.eval() in PyTorch)");
        }
        if (attributes.intValue("spatial", 1) != 1) {
            throw new ImportProblem("spatial = 0 normalizes every element on its own; nn4j reads spatial = 1");
        }
        INDArray gamma = vector(node.getInput(1), "scale", width);
        long n = gamma.columns();
        INDArray beta = vector(node.getInput(2), "bias B", n);
        INDArray mean = vector(node.getInput(3), "mean", n);
        INDArray variance = vector(node.getInput(4), "variance", n);
        if (variance.minNumber().doubleValue() < 0) {
            throw new ImportProblem("its variance holds a negative value " + variance.minNumber());
        }
        String doc = node.getDocString();
        double eps = ExactSetting.value("eps", attributes.floatValue("epsilon", 1e-5f), doc);
        double onnxMomentum = ExactSetting.decimal(attributes.floatValue("momentum", 0.9f));
        double momentum = ExactSetting.value("momentum", (float) (1 - onnxMomentum), doc);
        Layer layer;
        try {
            layer = new BatchNorm((int) n, eps, momentum);
        } catch (IllegalArgumentException e) {
            throw new ImportProblem("epsilon " + eps + " and momentum " + onnxMomentum + " are outside what nn4j's "
                    + "BatchNorm takes: " + e.getMessage(), e);
        }
        return new Link(1, node.getOutput(0), n, layer,
                Map.of("gamma", gamma, "beta", beta, "running_mean", mean, "running_var", variance));
    }

    /** Reads a LayerNormalization node over the last axis of a {@code [batch, n]} value. */
    Link layerNormalization(NodeProto node, long width) {
        Attributes attributes = new Attributes(node, Set.of("axis", "epsilon", "stash_type"));
        Arity.require(node, 2, 3, node.getOutputCount());
        if (node.getOutputCount() < 1 || node.getOutputCount() > 3) {
            throw new ImportProblem("has " + node.getOutputCount() + " outputs; LayerNormalization has 1 to 3");
        }
        for (int k = 1; k < node.getOutputCount(); k++) {
            if (!node.getOutput(k).isEmpty() && index.reads(node.getOutput(k)) > 0) {
                throw new ImportProblem("its output '" + node.getOutput(k) + "' (mean or inverse deviation) is read; "
                        + "nn4j's LayerNorm has one output");
            }
        }
        long axis = attributes.intValue("axis", -1);
        if (axis != -1 && axis != 1) {
            throw new ImportProblem("axis " + axis + " is not the feature axis of a [batch, features] value; nn4j's "
                    + "LayerNorm normalizes each row over its features (axis 1 or -1)");
        }
        long stash = attributes.intValue("stash_type", 1);
        if (stash != 1 && stash != 11) {
            throw new ImportProblem("stash_type " + stash + " is not float32 (1) or float64 (11)");
        }
        INDArray gamma = vector(node.getInput(1), "scale", width);
        long n = gamma.columns();
        String bias = Arity.optionalInput(node, 2);
        INDArray beta = bias.isEmpty() ? gamma.mul(0) : vector(bias, "bias B", n);
        double eps = ExactSetting.value("eps", attributes.floatValue("epsilon", 1e-5f), node.getDocString());
        Layer layer;
        try {
            layer = new LayerNorm((int) n, eps);
        } catch (IllegalArgumentException e) {
            throw new ImportProblem("epsilon " + eps + " is outside what nn4j's LayerNorm takes: " + e.getMessage(), e);
        }
        return new Link(1, node.getOutput(0), n, layer, Map.of("gamma", gamma, "beta", beta));
    }

    /** A stored vector of {@code n} values ({@code [n]} or {@code [1, n]}) as a {@code [1, n]} row; n = -1: any. */
    private INDArray vector(String name, String role, long n) {
        INDArray array = index.weights(name, role);
        long[] shape = array.shape();
        boolean row = shape.length == 1 || shape.length == 2 && shape[0] == 1;
        long length = array.length();
        if (!row || length == 0 || n >= 0 && length != n) {
            throw new ImportProblem("its " + role + " '" + name + "' has shape " + Arrays.toString(shape) + "; it needs "
                    + (n >= 0 ? "the " + n + " values of" : "one value for each of") + " the features it normalizes");
        }
        return array.reshape(1, length);
    }
}
