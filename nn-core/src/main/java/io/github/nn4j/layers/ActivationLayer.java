package io.github.nn4j.layers;

import io.github.nn4j.activations.Activation;
import io.github.nn4j.base.Buffers;
import io.github.nn4j.base.Mode;
import io.github.nn4j.base.Shapes;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A layer that applies an {@link Activation} element-wise: {@code A = φ(Z)}, shape preserved.
 * Backward: {@code dL/dZ = dL/dA ⊙ φ'(Z)}.
 *
 * <p>The named subclasses ({@link ReLU}, {@link Sigmoid}, {@link Tanh}, ...) are the usual way to
 * put one in a model; {@code new ActivationLayer(anyActivation)} takes any other. Each function,
 * with its derivative, is one short class of the {@code activations} package; a named layer only
 * gives it its type name and settings ({@link LayerType}).
 */
public class ActivationLayer implements ShapePreserving {

    private final Activation activation;
    private final String typeName;
    private final Map<String, Object> settings;

    private final LayerOwner owner = new LayerOwner();

    private INDArray lastInput;
    private INDArray output;
    private INDArray inputGradient;

    /**
     * Wraps an activation function as a layer, of type {@code activation} with the function's
     * name as its setting; a model file can record it only for a built-in function.
     *
     * @param activation the element-wise function
     */
    public ActivationLayer(Activation activation) {
        this(activation, LayerType.ACTIVATION.typeName(),
                activation == null ? Map.of() : LayerType.ACTIVATION.settingWith(activation.name()));
    }

    /**
     * For the named subclasses: their type name and settings, from which {@link #typeName()},
     * {@link #config()} and {@link #toString()} ({@code ClassName(setting values)}, e.g.
     * {@code LeakyReLU(0.01)}) follow.
     *
     * @param activation the element-wise function
     * @param typeName   the layer type in saved files, e.g. {@code "leaky_relu"}
     * @param settings   what the registered factory needs to rebuild the layer, in order; often none
     */
    protected ActivationLayer(Activation activation, String typeName, Map<String, Object> settings) {
        if (activation == null) {
            throw new IllegalArgumentException("activation is null");
        }
        this.activation = activation;
        this.typeName = typeName;
        this.settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
    }

    /** The function this layer applies. */
    public final Activation activation() {
        return activation;
    }

    @Override
    public LayerOwner owner() {
        return owner;
    }

    @Override
    public String typeName() {
        return typeName;
    }

    @Override
    public final INDArray forward(INDArray input, Mode mode) {
        Shapes.requireBatch(input, this, "features");
        INDArray result = Buffers.output(mode, output, input.rows(), input.columns(), input.dataType());
        if (mode == Mode.TRAIN) {
            output = result;
            lastInput = input;
        }
        activation.forward(input, result);
        return result;
    }

    @Override
    public final INDArray backward(INDArray outputGradient, boolean needInputGradient) {
        BackwardCheck.check(this, output, outputGradient);
        if (!needInputGradient) {
            return null;
        }
        inputGradient = Buffers.reuse(inputGradient, lastInput.rows(), lastInput.columns(), lastInput.dataType());
        activation.backward(lastInput, output, outputGradient, inputGradient);
        return inputGradient;
    }

    /** {@code h{k} = φ({in})}, with the function's {@link Activation#symbol() symbol} for φ. */
    @Override
    public LayerFormulas formulas() {
        String f = activation.symbol();
        return LayerFormulas.of("h{k}", f + "({in})", "{dout} ⊙ " + f + "'({in})");
    }

    @Override
    public Map<String, Object> config() {
        return settings;
    }

    /** {@code Activation(sigmoid)} for this class, {@code ReLU()} or {@code LeakyReLU(0.01)} for the named ones. */
    @Override
    public String toString() {
        String label = getClass() == ActivationLayer.class ? "Activation" : getClass().getSimpleName();
        StringJoiner values = new StringJoiner(", ", label + "(", ")");
        settings.values().forEach(value -> values.add(String.valueOf(value)));
        return values.toString();
    }
}
