package io.github.nn4j.onnx;

import io.github.nn4j.layers.Dropout;
import io.github.nn4j.layers.ELU;
import io.github.nn4j.layers.Identity;
import io.github.nn4j.layers.Layer;
import io.github.nn4j.layers.LayerType;
import io.github.nn4j.layers.LeakyReLU;
import io.github.nn4j.layers.LogSoftmax;
import io.github.nn4j.layers.ReLU;
import io.github.nn4j.layers.Sigmoid;
import io.github.nn4j.layers.Sign;
import io.github.nn4j.layers.Softmax;
import io.github.nn4j.layers.Softplus;
import io.github.nn4j.layers.Step;
import io.github.nn4j.layers.Tanh;
import io.github.nn4j.onnx.proto.NodeProto;
import io.github.nn4j.onnx.proto.TensorProto;
import java.util.Arrays;
import java.util.Set;
import java.util.function.DoubleFunction;
import java.util.function.Supplier;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Reads the shape-preserving operators into nn4j layers:
 *
 * <pre>
 * Relu → ReLU   Sigmoid → Sigmoid   Tanh → Tanh   Softplus → Softplus   Identity → Identity
 * LeakyRelu(alpha) → LeakyReLU(slope = alpha)     Elu(alpha) → ELU(alpha)
 * Softmax(axis 1 or −1) → Softmax                  LogSoftmax(axis 1 or −1) → LogSoftmax
 * Dropout(ratio, not training) → Dropout(p = ratio)
 * GreaterOrEqual(x, 0) → Cast(to the model's type) → Step;  GreaterOrEqual(x, 0) → Where(·, 1, −1) → Sign
 * </pre>
 * The last two are the forms {@link OnnxExport} writes Step and Sign in.
 */
final class ElementwiseReader {

    private final GraphIndex index;

    ElementwiseReader(GraphIndex index) {
        this.index = index;
    }

    /**
     * Reads the node (and, for GreaterOrEqual, the next one) starting a link.
     *
     * @param node  the node
     * @param next  the node after it, or null
     * @param width the input's number of features, or -1
     */
    Link read(NodeProto node, NodeProto next, long width) {
        String op = node.getOpType();
        return switch (op) {
            case "Relu" -> simple(node, width, ReLU::new);
            case "Sigmoid" -> simple(node, width, Sigmoid::new);
            case "Tanh" -> simple(node, width, Tanh::new);
            case "Softplus" -> simple(node, width, Softplus::new);
            case "Identity" -> simple(node, width, Identity::new);
            case "LeakyRelu" -> withAlpha(node, width, 0.01f, LayerType.LEAKY_RELU, LeakyReLU::new);
            case "Elu" -> withAlpha(node, width, 1.0f, LayerType.ELU, ELU::new);
            case "Softmax" -> softmax(node, width, new Softmax());
            case "LogSoftmax" -> softmax(node, width, new LogSoftmax());
            case "Dropout" -> dropout(node, width);
            case "GreaterOrEqual" -> threshold(node, next, width);
            default -> throw new IllegalStateException("not an element-wise operator: " + op);
        };
    }

    private static Link simple(NodeProto node, long width, Supplier<Layer> layer) {
        new Attributes(node, Set.of());
        Arity.require(node, 1, 1, 1);
        return Link.of(1, node.getOutput(0), width, layer.get());
    }

    /** LeakyRelu or Elu: the layer of {@code type} whose one setting is the node's {@code alpha}. */
    private static Link withAlpha(NodeProto node, long width, float fallback, LayerType type,
            DoubleFunction<Layer> constructor) {
        Attributes attributes = new Attributes(node, Set.of("alpha"));
        Arity.require(node, 1, 1, 1);
        double value = ExactSetting.value(type.settings().get(0), attributes.floatValue("alpha", fallback),
                node.getDocString());
        Layer layer;
        try {
            layer = constructor.apply(value);
        } catch (IllegalArgumentException e) {
            throw new ImportProblem("alpha " + value + " is outside what nn4j's layer takes: " + e.getMessage(), e);
        }
        return Link.of(1, node.getOutput(0), width, layer);
    }

    /** Softmax or LogSoftmax over the feature axis; before opset 13 the axis defaults to 1, from 13 to −1. */
    private Link softmax(NodeProto node, long width, Layer layer) {
        Attributes attributes = new Attributes(node, Set.of("axis"));
        Arity.require(node, 1, 1, 1);
        long axis = attributes.intValue("axis", index.opset() >= 13 ? -1 : 1);
        if (axis != 1 && axis != -1) {
            throw new ImportProblem("axis " + axis + " is not the feature axis of a [batch, features] value; nn4j's "
                    + node.getOpType() + " normalizes each row over its features (axis 1 or -1)");
        }
        return Link.of(1, node.getOutput(0), width, layer);
    }

    private Link dropout(NodeProto node, long width) {
        double ratio;
        if (index.opset() < 12) {
            Attributes attributes = new Attributes(node, Set.of("ratio"));
            Arity.require(node, 1, 1, node.getOutputCount() == 2 ? 2 : 1);
            ratio = ExactSetting.decimal(attributes.floatValue("ratio", 0.5f));
        } else {
            new Attributes(node, Set.of("seed"));
            Arity.require(node, 1, 3, node.getOutputCount() == 2 ? 2 : 1);
            String training = Arity.optionalInput(node, 2);
            if (!training.isEmpty() && TensorReader.bool(index.constant(training, "training_mode"))) {
                throw new ImportProblem("training_mode is true, so it drops units when run; export the model in "
                        + "inference mode (model.eval() in PyTorch)");
            }
            String ratioName = Arity.optionalInput(node, 1);
            ratio = ratioName.isEmpty() ? 0.5 : ratio(index.constant(ratioName, "ratio"));
        }
        if (node.getOutputCount() == 2 && index.reads(node.getOutput(1)) > 0) {
            throw new ImportProblem("its mask output '" + node.getOutput(1) + "' is read; nn4j's Dropout has none");
        }
        try {
            return Link.of(1, node.getOutput(0), width, new Dropout(ratio));
        } catch (IllegalArgumentException e) {
            throw new ImportProblem("ratio " + ratio + " is not a dropout probability in [0, 1)", e);
        }
    }

    private static double ratio(TensorProto tensor) {
        double value = TensorReader.scalar(tensor);
        return tensor.getDataType() == TensorProto.DataType.FLOAT_VALUE ? ExactSetting.decimal((float) value) : value;
    }

    /** GreaterOrEqual(x, 0) followed by Cast (step) or by Where(·, 1, −1) (sign). */
    private Link threshold(NodeProto node, NodeProto next, long width) {
        if (index.opset() < 12) {
            throw new ImportProblem("GreaterOrEqual does not exist before opset 12; this model uses opset "
                    + index.opset());
        }
        new Attributes(node, Set.of());
        Arity.require(node, 2, 2, 1);
        if (constantNumber(node.getInput(1), "threshold") != 0.0) {
            throw new ImportProblem("compares with '" + node.getInput(1) + "', not with 0; nn4j reads "
                    + "GreaterOrEqual(x, 0) as the start of a Step or Sign");
        }
        String mask = node.getOutput(0);
        if (next == null || next.getInputCount() == 0 || !next.getInput(0).equals(mask) || index.reads(mask) != 1) {
            throw new ImportProblem("its result is not read by one Cast or Where next; nn4j reads GreaterOrEqual only "
                    + "as part of Step (→ Cast) or Sign (→ Where(·, 1, -1))");
        }
        try {
            return Link.of(2, next.getOutput(0), width, thresholdLayer(next));
        } catch (ImportProblem problem) {
            throw new ImportProblem(problem.getMessage(), 1);
        }
    }

    /** A stored single number of the model's element type. */
    private double constantNumber(String name, String role) {
        INDArray value = index.weights(name, role);
        if (value.length() != 1) {
            throw new ImportProblem("its " + role + " '" + name + "' should hold one number, but has shape "
                    + Arrays.toString(value.shape()));
        }
        return value.getDouble(0);
    }

    private Layer thresholdLayer(NodeProto next) {
        if (next.getOpType().equals("Cast")) {
            Attributes attributes = new Attributes(next, Set.of("to", "saturate"));
            Arity.require(next, 1, 1, 1);
            long to = attributes.intValue("to", -1);
            int wanted = index.dataType() == DataType.DOUBLE
                    ? TensorProto.DataType.DOUBLE_VALUE : TensorProto.DataType.FLOAT_VALUE;
            if (to != wanted) {
                throw new ImportProblem("casts to " + TensorReader.typeName((int) to) + ", not to the model's "
                        + TensorReader.typeName(wanted));
            }
            return new Step();
        }
        if (next.getOpType().equals("Where")) {
            new Attributes(next, Set.of());
            Arity.require(next, 3, 3, 1);
            double high = constantNumber(next.getInput(1), "value where true");
            double low = constantNumber(next.getInput(2), "value where false");
            if (high == 1 && low == -1) {
                return new Sign();
            }
            if (high == 1 && low == 0) {
                return new Step();
            }
            throw new ImportProblem("chooses " + high + " and " + low + "; nn4j reads Where(x ≥ 0, 1, -1) as Sign and "
                    + "Where(x ≥ 0, 1, 0) as Step");
        }
        throw new ImportProblem("follows GreaterOrEqual with " + next.getOpType() + "; nn4j reads GreaterOrEqual only "
                + "as part of Step (→ Cast) or Sign (→ Where(·, 1, -1))");
    }
}
