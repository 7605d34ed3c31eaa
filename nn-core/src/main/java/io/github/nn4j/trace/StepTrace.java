package io.github.nn4j.trace;

import io.github.nn4j.base.Mode;
import io.github.nn4j.base.Parameter;
import io.github.nn4j.losses.Loss;
import io.github.nn4j.model.Sequential;
import io.github.nn4j.optim.Optimizer;
import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A record of one training step of a small model, every number kept: each layer's input and
 * output (pre-activations {@code z} and activations {@code h}), the loss, every upstream gradient
 * dL/d(output) and dL/d(input), every parameter gradient, and each parameter before and after the
 * optimizer's update.
 *
 * <p>{@link #record} performs a real training step: the model's own forward pass in
 * {@link Mode#TRAIN} and backward pass, watched layer by layer through a
 * {@link io.github.nn4j.model.LayerObserver}, then {@code optimizer.step}, copying every array on
 * the way. The model ends up as after any other training step. The copies make it slow; it is
 * meant for networks small enough to read.
 *
 * <p>Quantities are named as in the reference notes, in the formulas each layer gives of itself
 * ({@code Layer.formulas()}): the k-th {@code Dense} layer computes
 * {@code zk = (its input)·Wk + bk}, an activation right after it {@code hk = φ(zk)}; the input is
 * {@code X}, the target {@code y}, the model's output {@code ŷ}. Other layers are named after the
 * model's layer names ({@code dropout0}, {@code softmax0}). The update's formula is SGD's (for
 * other optimizers, none yet). Running statistics (state that a layer such as {@code BatchNorm}
 * updates in its training forward pass, which no optimizer sees) are recorded before and after the
 * step with their update rules ({@link #states()}).
 *
 * <pre>{@code
 * Sequential model = new Sequential(new Dense(2, 3), new Sigmoid(), new Dense(3, 1), new Sigmoid());
 * StepTrace trace = StepTrace.record(model, Loss.mse(), new Sgd(0.5), x, y);
 * System.out.println(trace.toText(8));   // z1 = X·W1 + b1 ..., L = ..., dL/dW1 = Xᵀ·dL/dz1 ...
 * trace.parameter("W1").gradient();      // a copy of dL/dW1
 * }</pre>
 */
public final class StepTrace {

    private final String modelDescription;
    private final String lossName;
    private final String optimizerDescription;
    private final String updateRule;
    private final INDArray input;
    private final INDArray target;
    private final List<LayerTrace> layers;
    private final double loss;
    private final List<ParameterTrace> parameters;
    private final List<StateTrace> states;

    private StepTrace(String modelDescription, String lossName, String optimizerDescription, String updateRule,
            INDArray input, INDArray target, List<LayerTrace> layers, double loss, List<ParameterTrace> parameters,
            List<StateTrace> states) {
        this.modelDescription = modelDescription;
        this.lossName = lossName;
        this.optimizerDescription = optimizerDescription;
        this.updateRule = updateRule;
        this.input = input;
        this.target = target;
        this.layers = List.copyOf(layers);
        this.loss = loss;
        this.parameters = List.copyOf(parameters);
        this.states = List.copyOf(states);
    }

    /**
     * Performs one training step (forward, loss, backward, update) on {@code model} and records it.
     *
     * @param model     the model; its parameters are updated, as by any training step
     * @param loss      the loss; its value and gradient are taken on the model's output
     * @param optimizer the update rule, applied once
     * @param input     the batch {@code [batch, inputSize]}
     * @param target    the targets, in the form {@code loss} expects
     * @return the record
     * @throws IllegalArgumentException when the input does not fit the model
     */
    public static StepTrace record(Sequential model, Loss loss, Optimizer optimizer, INDArray input, INDArray target) {
        if (model == null || loss == null || optimizer == null || target == null) {
            throw new IllegalArgumentException("StepTrace.record needs a model, a loss, an optimizer and a target");
        }
        int n = model.layers().size();
        StepRecorder recorder = new StepRecorder(n);
        List<INDArray> statesBefore = model.states().stream().map(state -> state.value().dup()).toList();
        INDArray output = model.forward(input, Mode.TRAIN, recorder);
        double lossValue = loss.value(output, target);
        model.backward(loss.gradient(output, target), true, recorder);

        List<Parameter> parameterList = model.parameters();
        List<INDArray> gradients = new ArrayList<>();
        List<INDArray> before = new ArrayList<>();
        for (Parameter parameter : parameterList) {
            gradients.add(parameter.gradient().dup());
            before.add(parameter.value().dup());
        }
        optimizer.step(model.parameterSet());

        Notation notation = Notation.of(model);
        List<ParameterTrace> parameterTraces = new ArrayList<>();
        for (int p = 0; p < parameterList.size(); p++) {
            Parameter parameter = parameterList.get(p);
            Notation.ParameterNames names = notation.parameter(parameter.name());
            parameterTraces.add(new ParameterTrace(parameter.name(), names.symbol(), names.gradient(), gradients.get(p),
                    before.get(p), parameter.value().dup()));
        }
        List<LayerTrace> layerTraces = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Notation.LayerNames names = notation.layer(i);
            layerTraces.add(new LayerTrace(i, model.layerName(i), model.layers().get(i).toString(), names.input(),
                    names.output(), names.forward(), names.inputGradient(), recorder.inputs[i], recorder.outputs[i],
                    recorder.outputGradients[i], recorder.inputGradients[i]));
        }
        List<StateTrace> stateTraces = new ArrayList<>();
        for (int s = 0; s < model.states().size(); s++) {
            Parameter state = model.states().get(s);
            Notation.ParameterNames names = notation.state(state.name());
            stateTraces.add(new StateTrace(state.name(), names.symbol(), names.gradient(), statesBefore.get(s),
                    state.value().dup()));
        }
        return new StepTrace(model.toString(), loss.name(), optimizer.toString(), UpdateFormulas.of(optimizer),
                recorder.inputs[0], target.dup(), layerTraces, lossValue, parameterTraces, stateTraces);
    }

    /** The model as text, e.g. {@code Sequential(Dense(2→3), Sigmoid(), ...)}. */
    public String modelDescription() {
        return modelDescription;
    }

    /** The loss's name, e.g. {@code mse}. */
    public String lossName() {
        return lossName;
    }

    /** The optimizer as text, e.g. {@code Sgd(lr=0.5)}. */
    public String optimizerDescription() {
        return optimizerDescription;
    }

    /** The update as a formula, e.g. {@code w ← w − lr·dL/dw} for SGD; empty for optimizers without one. */
    public String updateRule() {
        return updateRule;
    }

    /** The input batch {@code X}, in the model's data type. */
    public INDArray input() {
        return input;
    }

    /** The target {@code y}. */
    public INDArray target() {
        return target;
    }

    /** Every layer's record, first to last. */
    public List<LayerTrace> layers() {
        return layers;
    }

    /** The model's output {@code ŷ} (the last layer's output). */
    public INDArray output() {
        return layers.get(layers.size() - 1).output();
    }

    /** The loss of the batch before the update. */
    public double loss() {
        return loss;
    }

    /** dL/dŷ, the loss's gradient with respect to the model's output. */
    public INDArray lossGradient() {
        return layers.get(layers.size() - 1).outputGradient();
    }

    /** Every parameter's record, in model order. */
    public List<ParameterTrace> parameters() {
        return parameters;
    }

    /**
     * Every running statistic's record (state a layer updates in its training forward pass, not the
     * optimizer), in model order; empty for models without one.
     */
    public List<StateTrace> states() {
        return states;
    }

    /**
     * Looks a parameter's record up by its model name ({@code dense0.W}) or its symbol ({@code W1}).
     *
     * @param name the name or symbol
     * @return the record
     * @throws IllegalArgumentException listing the known names if there is none of that name
     */
    public ParameterTrace parameter(String name) {
        for (ParameterTrace parameter : parameters) {
            if (parameter.name().equals(name) || parameter.symbol().equals(name)) {
                return parameter;
            }
        }
        throw new IllegalArgumentException("no parameter named '" + name + "'; the trace has "
                + parameters.stream().map(p -> p.symbol() + " (" + p.name() + ")").toList());
    }

    /**
     * The step written out as a worked example with 8 decimals.
     *
     * @return the text
     */
    public String toText() {
        return toText(8);
    }

    /**
     * The step written out as a worked example: input, parameters, forward pass, loss, backward
     * pass and update, each quantity with its name, formula, shape and values.
     *
     * @param decimals digits after the decimal point, 1 to 16
     * @return the text
     */
    public String toText(int decimals) {
        return new TraceText(this, decimals).render();
    }

    @Override
    public String toString() {
        return toText();
    }
}
