package io.github.nn4j.layers;

import io.github.nn4j.base.Mode;
import io.github.nn4j.base.Parameter;
import io.github.nn4j.base.ParameterSpec;
import io.github.nn4j.base.TrainingPass;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One step of a network: maps a batch {@code [batch, in]} to {@code [batch, out]} and, after a
 * training forward pass, maps dL/d(output) back to dL/d(input).
 *
 * <p>Layers with parameters declare them with {@link #parameterSpecs()}; the owning
 * {@code Sequential} allocates them in its flat buffers and hands the views back through
 * {@link #bindParameters(List)}.
 *
 * <p>Arrays returned by {@link #forward} in {@link Mode#TRAIN} and by {@link #backward} are
 * working buffers of the layer, valid until its next call; copy them to keep them. In
 * {@link Mode#EVAL} the forward pass allocates its result and keeps no state, so inference is
 * safe from many threads at once.
 */
public interface Layer {

    /** Returned by {@link #inputSize()} by layers that accept any number of features. */
    int ANY_SIZE = -1;

    /**
     * A short lowercase type name, used to name the layer's parameters, e.g. {@code "dense"}.
     *
     * @return the type name
     */
    String typeName();

    /**
     * The settings that, together with {@link #typeName()}, rebuild this layer through
     * {@link LayerRegistry}; they are what a saved model file records for the layer. For example
     * {@code {"in": 784, "out": 256}} for {@link Dense}, {@code {"slope": 0.01}} for
     * {@link LeakyReLU} and {@code {}} for {@link ReLU}.
     *
     * <p>Values are {@code Integer}, {@code Long}, {@code Double}, {@code Boolean} or {@code String}.
     * The default, an empty map, suits layers without settings; a layer with settings must
     * override it, and saving checks that the layer rebuilt from its settings equals it.
     *
     * @return the settings by name
     */
    default Map<String, Object> config() {
        return Map.of();
    }

    /**
     * The number of input features this layer requires.
     *
     * @return the width, or {@link #ANY_SIZE} for shape-preserving layers such as activations
     */
    int inputSize();

    /**
     * The number of output features this layer produces for the given input width.
     *
     * @param inputSize number of input features
     * @return number of output features
     */
    int outputSize(int inputSize);

    /**
     * The parameters this layer needs, in a fixed order.
     *
     * @return the declarations; empty for layers without parameters
     */
    default List<ParameterSpec> parameterSpecs() {
        return List.of();
    }

    /**
     * Receives the parameter views allocated for {@link #parameterSpecs()}, in the same order.
     *
     * @param parameters one parameter per declared spec
     */
    default void bindParameters(List<Parameter> parameters) {
        if (!parameters.isEmpty()) {
            throw new IllegalArgumentException(this + " has no parameters, got " + parameters);
        }
    }

    /**
     * Computes the layer's output for a batch.
     *
     * @param input a {@code [batch, in]} array
     * @param mode  {@link Mode#TRAIN} to record what {@code backward} needs, {@link Mode#EVAL} otherwise
     * @return the {@code [batch, out]} output
     */
    INDArray forward(INDArray input, Mode mode);

    /**
     * Computes the layer's output for a batch of a training pass that a trainer has placed:
     * {@code pass} says which pass this is and where the input's rows sit in their batch, which a
     * layer that draws random numbers (such as dropout) draws them from. Other layers ignore it: by
     * default this is {@code forward(input, mode)}.
     *
     * @param input a {@code [batch, in]} array
     * @param mode  {@link Mode#TRAIN} to record what {@code backward} needs, {@link Mode#EVAL} otherwise
     * @param pass  the pass's number and the rows' positions
     * @return the {@code [batch, out]} output
     */
    default INDArray forward(INDArray input, Mode mode, TrainingPass pass) {
        return forward(input, mode);
    }

    /**
     * Backpropagates through the last {@link Mode#TRAIN} forward pass: writes the gradients of
     * the layer's parameters and returns dL/d(input).
     *
     * @param outputGradient     dL/d(output), shape {@code [batch, out]}
     * @param needInputGradient  {@code false} to skip dL/d(input) (the first layer never needs it)
     * @return dL/d(input) of shape {@code [batch, in]}, or {@code null} when not requested
     */
    INDArray backward(INDArray outputGradient, boolean needInputGradient);

    /**
     * Backpropagates and returns dL/d(input); same as {@code backward(outputGradient, true)}.
     *
     * @param outputGradient dL/d(output), shape {@code [batch, out]}
     * @return dL/d(input), shape {@code [batch, in]}
     */
    default INDArray backward(INDArray outputGradient) {
        return backward(outputGradient, true);
    }

    /**
     * This layer's computation in the notation of the reference notes, for worked examples such
     * as {@code trace.StepTrace}. By default {@link LayerFormulas#generic}: the output named after
     * the layer, computed as {@code typeName(input)}; {@link Dense} and the activation layers
     * write out their formulas.
     *
     * @return the formulas
     */
    default LayerFormulas formulas() {
        return LayerFormulas.generic(typeName());
    }

    /**
     * The record of the model this layer belongs to, which {@code Sequential} claims when it is
     * built, refusing a layer that another model holds. Every built-in layer keeps one. The
     * default, {@code null}, keeps none: a model still refuses such a layer given twice, but
     * cannot tell that another model holds it ({@link LayerOwner} shows the three lines that keep
     * the check).
     *
     * @return the record, or {@code null}
     */
    default LayerOwner owner() {
        return null;
    }

    /**
     * Seeds the layer's random number generator, for layers that draw random numbers in training
     * (such as dropout). The model calls it with a seed derived from its own.
     *
     * @param seed the seed
     */
    default void seed(long seed) {
    }
}
