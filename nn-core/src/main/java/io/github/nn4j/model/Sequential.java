package io.github.nn4j.model;

import io.github.nn4j.base.Mode;
import io.github.nn4j.base.Parameter;
import io.github.nn4j.base.ParameterSet;
import io.github.nn4j.base.TrainingPass;
import io.github.nn4j.init.Initializer;
import io.github.nn4j.internal.base.InferenceScratch;
import io.github.nn4j.internal.kernels.KernelPath;
import io.github.nn4j.layers.Layer;
import io.github.nn4j.layers.LayerRegistry;
import java.util.List;
import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A stack of layers applied one after another: {@code output = layerN(…layer2(layer1(X)))}.
 *
 * <p>Construction checks that consecutive sizes fit and allocates every parameter in one flat
 * buffer (and every gradient in another), float32 by default, initialized with Xavier-uniform
 * weights and zero biases from seed 0; call {@link #init(Initializer, long)} to choose.
 *
 * <pre>{@code
 * Sequential model = new Sequential(new Dense(784, 256), new ReLU(), new Dense(256, 10));
 * model.init(Initializer.he(), 42);
 * INDArray logits = model.predict(features);            // [batch, 10]
 * model.parameters().get(0).name();                      // "dense0.W"
 * }</pre>
 *
 * <p>Training ({@link Mode#TRAIN} forward, then {@link #backward}) is single-threaded per
 * model. Once trained, {@link #predict} may be called from many threads at once: the inference
 * pass only reads the weights and allocates its own outputs. (Do not train, {@link #init} or
 * change weights while other threads predict; serve {@link #snapshot() snapshots} instead.)
 *
 * <p>A layer object holds views into its model's buffers, so it belongs to one model, at one
 * position: the constructor rejects a layer given twice or one already in another model.
 *
 * <p>{@code ModelFile.write(path, model)} and {@code ModelFile.read(path)} save and load a model.
 */
public final class Sequential {

    private final LayerStack stack;

    private FlatParameters parameters;
    private long seed;

    /**
     * Builds a model from layers in order, as {@link #Sequential(List)} does.
     * @param layers the layers, first to last
     */
    public Sequential(Layer... layers) {
        this(List.of(layers));
    }

    /**
     * Builds a model from a list of layers in order.
     *
     * @param layers the layers, first to last
     * @throws IllegalArgumentException naming the layers and sizes when consecutive sizes do not fit, or
     *                                  a layer and its positions when it appears twice or is in another model
     */
    public Sequential(List<Layer> layers) {
        this(LayerStack.of(layers), null);
    }

    /** Builds the model with a copy of {@code copied}'s parameters and seed, or initialized as documented. */
    private Sequential(LayerStack stack, Sequential copied) {
        this.stack = stack;
        LayerOwnership.claim(stack.layers(), this);
        try {
            if (copied == null) {
                init(Initializer.xavierUniform(), 0L, DataType.FLOAT);
            } else {
                parameters = FlatParameters.copyOf(stack.layers(), stack.names(), copied.parameters);
                reseed(copied.seed);
            }
        } catch (RuntimeException e) {
            LayerOwnership.release(stack.layers(), this);
            throw e;
        }
    }

    /**
     * Fills every weight from {@code initializer} with a generator seeded by {@code seed}, sets
     * biases to zero and reseeds random layers. Keeps the current data type.
     *
     * @param initializer the rule for weights
     * @param seed        the seed; the same seed gives bitwise the same weights
     * @return this model
     */
    public Sequential init(Initializer initializer, long seed) {
        return init(initializer, seed, dataType());
    }

    /**
     * Like {@link #init(Initializer, long)}, and switches the model to {@code dataType}
     * ({@code FLOAT} for speed, {@code DOUBLE} for gradient checks).
     *
     * @param initializer the rule for weights
     * @param seed        the seed
     * @param dataType    {@code DataType.FLOAT} or {@code DataType.DOUBLE}
     * @return this model
     */
    public Sequential init(Initializer initializer, long seed, DataType dataType) {
        if (parameters == null || parameters.dataType() != dataType) {   // FlatParameters rejects other types
            parameters = FlatParameters.allocate(stack.layers(), stack.names(), dataType);
        }
        parameters.initialize(initializer, new Random(seed));
        reseed(seed);
        return this;
    }

    /**
     * Reseeds the random number generators of layers that draw random numbers in training
     * (dropout), each from {@code seed} and its position.
     *
     * @param seed the seed
     */
    public void reseed(long seed) {
        this.seed = seed;
        for (int i = 0; i < stack.layers().size(); i++) {
            stack.layers().get(i).seed(seed * 31 + i);
        }
    }

    /** The seed last given to {@link #init} or {@link #reseed}. */
    public long seed() {
        return seed;
    }

    /**
     * Runs the batch through every layer.
     *
     * @param input {@code [batch, inputSize]}; converted to the model's data type if needed
     * @param mode  {@link Mode#TRAIN} before {@link #backward}, {@link Mode#EVAL} for inference
     * @return the output {@code [batch, outputSize]}; in TRAIN mode a buffer reused by the next call
     * @throws IllegalArgumentException when the shape does not fit, or in EVAL mode when the input holds
     *                                  NaN or infinity (TRAIN mode leaves that check to {@code DataSet},
     *                                  which makes it once, and to the loss, which turns NaN)
     */
    public INDArray forward(INDArray input, Mode mode) {
        return forward(input, mode, null, null);
    }

    /**
     * Runs the batch through every layer, as {@link #forward(INDArray, Mode)} does, and shows
     * {@code observer} each layer's input and output.
     *
     * @param input    {@code [batch, inputSize]}
     * @param mode     the mode
     * @param observer called around every layer, first to last; {@code null} for none
     * @return the output, as {@link #forward(INDArray, Mode)} returns it
     */
    public INDArray forward(INDArray input, Mode mode, LayerObserver observer) {
        return forward(input, mode, null, observer);
    }

    /**
     * Runs the batch as {@link #forward(INDArray, Mode, LayerObserver)} does, in a pass a trainer has
     * placed: random layers (dropout) draw for the pass and the row positions it names.
     *
     * @param input    {@code [batch, inputSize]}
     * @param mode     the mode
     * @param pass     the pass's number and its rows' positions in their batch, or {@code null} for none
     * @param observer called around every layer, first to last; {@code null} for none
     * @return the output, as {@link #forward(INDArray, Mode)} returns it
     */
    public INDArray forward(INDArray input, Mode mode, TrainingPass pass, LayerObserver observer) {
        INDArray x = ModelInput.checked(input, mode, stack.inputSize(), stack.layers().get(0), dataType());
        return stack.forward(x, mode, pass, observer);
    }

    /**
     * Inference: {@code forward(input, Mode.EVAL)}, safe from many threads at once. Intermediate
     * results go to arrays each thread reuses ({@link InferenceScratch}); only the output is new.
     *
     * @param input {@code [batch, inputSize]}
     * @return the {@code [batch, outputSize]} output, a new array never shared with another call
     */
    public INDArray predict(INDArray input) {
        return InferenceScratch.during(() -> KernelPath.copyOf(forward(input, Mode.EVAL)));
    }

    /** This model's {@link Predictor}: {@code float[]} in and out, thread-safe and free to make. */
    public Predictor predictor() {
        return new Predictor(this);
    }

    /**
     * Backpropagates dL/d(output) through every layer, writing every parameter's gradient.
     * Skips the input gradient of the first layer, which training never needs.
     *
     * @param outputGradient dL/d(output) of the last {@link Mode#TRAIN} forward pass
     */
    public void backward(INDArray outputGradient) {
        backward(outputGradient, false);
    }

    /**
     * Backpropagates dL/d(output) through every layer, writing every parameter's gradient.
     *
     * @param outputGradient    dL/d(output) of the last {@link Mode#TRAIN} forward pass
     * @param needInputGradient whether to compute and return dL/d(input)
     * @return dL/d(input) when requested (a buffer reused by the next call), otherwise {@code null}
     */
    public INDArray backward(INDArray outputGradient, boolean needInputGradient) {
        return backward(outputGradient, needInputGradient, null);
    }

    /**
     * Backpropagates as {@link #backward(INDArray, boolean)} does, and shows {@code observer}
     * each layer's output gradient and input gradient.
     *
     * @param outputGradient    dL/d(output) of the last {@link Mode#TRAIN} forward pass
     * @param needInputGradient whether to compute and return dL/d(input)
     * @param observer          called around every layer, last to first; {@code null} for none
     * @return dL/d(input) when requested, otherwise {@code null}
     */
    public INDArray backward(INDArray outputGradient, boolean needInputGradient, LayerObserver observer) {
        INDArray gradient = outputGradient.dataType() == dataType() ? outputGradient
                : outputGradient.castTo(dataType());
        return stack.backward(gradient, needInputGradient, observer);
    }

    /**
     * An independent copy to serve from while this model trains on: new layers of the same types
     * and settings ({@code LayerRegistry.copy}), a copy of the parameters and state, the same data
     * type and seed. Call it between training steps and publish it to serving threads, e.g. through an
     * {@code AtomicReference}; it costs one allocation of the parameter buffers and one copy.
     *
     * @return the copy, which training this model leaves unchanged
     * @throws IllegalArgumentException when a layer cannot be rebuilt from its type and settings
     */
    public Sequential snapshot() {
        return new Sequential(LayerStack.of(stack.layers().stream().map(LayerRegistry::copy).toList()), this);
    }

    /** The layers, first to last. */
    public List<Layer> layers() {
        return stack.layers();
    }

    /** The name of the layer at position {@code index}, e.g. {@code dense0}, which prefixes its parameters' names. */
    public String layerName(int index) {
        return stack.names().get(index);
    }

    /** Every parameter with its gradient, in model order. */
    public List<Parameter> parameters() {
        return parameters.set().list();
    }

    /** State layers update themselves and no optimizer sees (BatchNorm's running mean and variance). */
    public List<Parameter> states() {
        return parameters.set().stateList();
    }

    /** The flat parameter and gradient buffers, for optimizers (and the state buffer beside them). */
    public ParameterSet parameterSet() {
        return parameters.set();
    }

    /** Total number of scalar parameters. */
    public long parameterCount() {
        return parameters.set().size();
    }

    /** Number of input features, or {@link Layer#ANY_SIZE} if no layer fixes it. */
    public int inputSize() {
        return stack.inputSize();
    }

    /** Number of output features, or {@link Layer#ANY_SIZE} if no layer fixes it. */
    public int outputSize() {
        return stack.outputSize();
    }

    /** The data type of parameters and computations, FLOAT unless changed by {@link #init}. */
    public DataType dataType() {
        return parameters == null ? DataType.FLOAT : parameters.dataType();
    }

    /**
     * A table of the layers, their output shapes ({@code -1} for the batch, {@code ?} when no
     * layer fixes the width) and parameter counts (and untrained state, if any), then the totals, as Keras prints it. For the
     * class example's model, the row of its first layer reads {@code dense0  Dense(784→256)  [-1, 256]
     * 200,960} and the last line {@code Total parameters: 203,530 (float32, 814,120 bytes)}.
     *
     * @return the table: a heading, one line per layer and the total, each ending with a newline
     */
    public String summary() {
        return ModelSummary.of(this);
    }

    @Override
    public String toString() {
        return "Sequential(" + String.join(", ", stack.layers().stream().map(String::valueOf).toList()) + ")";
    }
}
