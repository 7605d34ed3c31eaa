package io.github.nn4j.trace;

import io.github.nn4j.base.Mode;
import io.github.nn4j.base.Parameter;
import io.github.nn4j.base.Shapes;
import io.github.nn4j.layers.ActivationLayer;
import io.github.nn4j.layers.Dense;
import io.github.nn4j.layers.Layer;
import io.github.nn4j.losses.Loss;
import io.github.nn4j.model.Sequential;
import io.github.nn4j.optim.Optimizer;
import io.github.nn4j.optim.Sgd;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A record of one training step of a small model, every number kept: each layer's input and
 * output (pre-activations {@code z} and activations {@code h}), the loss, every upstream gradient
 * dL/d(output) and dL/d(input), every parameter gradient, and each parameter before and after the
 * optimizer's update.
 *
 * <p>{@link #record} performs a real training step: it calls each layer's {@code forward} in
 * {@link Mode#TRAIN} and its {@code backward}, exactly as {@code Sequential} does, then
 * {@code optimizer.step}, copying every array on the way. The model ends up as after any other
 * training step. The copies make it slow; it is meant for networks small enough to read.
 *
 * <p>Quantities are named as in the reference notes: the k-th {@link Dense} layer computes
 * {@code zk = (its input)·Wk + bk}, an activation right after it {@code hk = φ(zk)}; the input is
 * {@code X}, the target {@code y}, the model's output {@code ŷ}. Other layers are named after the
 * model's layer names ({@code dropout0}, {@code softmax0}).
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

    private StepTrace(String modelDescription, String lossName, String optimizerDescription, String updateRule,
            INDArray input, INDArray target, List<LayerTrace> layers, double loss, List<ParameterTrace> parameters) {
        this.modelDescription = modelDescription;
        this.lossName = lossName;
        this.optimizerDescription = optimizerDescription;
        this.updateRule = updateRule;
        this.input = input;
        this.target = target;
        this.layers = List.copyOf(layers);
        this.loss = loss;
        this.parameters = List.copyOf(parameters);
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
        INDArray x = checkedInput(model, input);
        List<Layer> layerList = model.layers();
        int n = layerList.size();
        Symbols symbols = Symbols.of(model);

        INDArray[] inputs = new INDArray[n];
        INDArray[] outputs = new INDArray[n];
        INDArray current = x;
        for (int i = 0; i < n; i++) {
            inputs[i] = current.dup();
            current = layerList.get(i).forward(current, Mode.TRAIN);
            outputs[i] = current.dup();
        }
        double lossValue = loss.value(current, target);

        INDArray[] outputGradients = new INDArray[n];
        INDArray[] inputGradients = new INDArray[n];
        INDArray gradient = loss.gradient(current, target);
        gradient = gradient.dataType() == model.dataType() ? gradient : gradient.castTo(model.dataType());
        for (int i = n - 1; i >= 0; i--) {
            outputGradients[i] = gradient.dup();
            gradient = layerList.get(i).backward(gradient, true);
            inputGradients[i] = gradient.dup();
        }

        List<Parameter> parameterList = model.parameters();
        List<INDArray> gradients = new ArrayList<>();
        List<INDArray> before = new ArrayList<>();
        for (Parameter parameter : parameterList) {
            gradients.add(parameter.gradient().dup());
            before.add(parameter.value().dup());
        }
        optimizer.step(model.parameterSet());

        List<ParameterTrace> parameterTraces = new ArrayList<>();
        for (int p = 0; p < parameterList.size(); p++) {
            Parameter parameter = parameterList.get(p);
            parameterTraces.add(new ParameterTrace(parameter.name(), symbols.parameter(parameter.name()),
                    symbols.parameterGradientFormula(parameter.name()), gradients.get(p), before.get(p), parameter.value().dup()));
        }
        List<LayerTrace> layerTraces = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            layerTraces.add(new LayerTrace(i, model.layerName(i), layerList.get(i).toString(), symbols.input(i),
                    symbols.output(i), symbols.formula(i), symbols.inputGradientFormula(i), inputs[i], outputs[i], outputGradients[i],
                    inputGradients[i]));
        }
        String updateRule = optimizer instanceof Sgd ? "w ← w − lr·dL/dw" : "";
        return new StepTrace(model.toString(), loss.name(), optimizer.toString(), updateRule, x.dup(), target.dup(), layerTraces,
                lossValue, parameterTraces);
    }

    private static INDArray checkedInput(Sequential model, INDArray input) {
        if (input == null || input.rank() != 2 || input.rows() == 0
                || (model.inputSize() != Layer.ANY_SIZE && input.columns() != model.inputSize())) {
            throw new IllegalArgumentException("StepTrace: model " + model + " expects input of shape [batch, "
                    + model.inputSize() + "], got " + Shapes.of(input));
        }
        return input.dataType() == model.dataType() ? input : input.castTo(model.dataType());
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

    /** The update as a formula, e.g. {@code w ← w − lr·dL/dw} for SGD; empty when not known. */
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

    /** The worked-example names of a model's layers and parameters. */
    private record Symbols(List<String> inputs, List<String> outputs, List<String> formulas,
            List<String> inputGradientFormulas, List<String> names, List<String> parameterSymbols,
            List<String> parameterGradientFormulas) {

        static Symbols of(Sequential model) {
            List<String> inputs = new ArrayList<>();
            List<String> outputs = new ArrayList<>();
            List<String> formulas = new ArrayList<>();
            List<String> inputGradientFormulas = new ArrayList<>();
            List<String> parameterGradientFormulas = new ArrayList<>();
            List<String> names = new ArrayList<>();
            List<String> parameterSymbols = new ArrayList<>();
            Set<String> used = new HashSet<>();
            String previous = "X";
            int dense = 0;
            for (int i = 0; i < model.layers().size(); i++) {
                Layer layer = model.layers().get(i);
                String layerName = model.layerName(i);
                String symbol = layer instanceof Dense ? "z" + (dense + 1)
                        : layer instanceof ActivationLayer && dense > 0 ? "h" + dense : layerName;
                if (!used.add(symbol)) {
                    symbol = layerName;
                    used.add(symbol);
                }
                String upstream = "dL/d" + symbol;
                if (layer instanceof Dense) {
                    dense++;
                    formulas.add(previous + "·W" + dense + " + b" + dense);
                    inputGradientFormulas.add(upstream + "·W" + dense + "ᵀ");
                    names.add(layerName + ".W");
                    parameterSymbols.add("W" + dense);
                    parameterGradientFormulas.add(previous + "ᵀ·" + upstream);
                    names.add(layerName + ".b");
                    parameterSymbols.add("b" + dense);
                    parameterGradientFormulas.add("Σ_rows " + upstream);
                } else if (layer instanceof ActivationLayer activationLayer) {
                    String function = functionSymbol(activationLayer.activation().name());
                    formulas.add(function + "(" + previous + ")");
                    inputGradientFormulas.add(upstream + " ⊙ " + function + "'(" + previous + ")");
                } else {
                    formulas.add(layer.typeName() + "(" + previous + ")");
                    inputGradientFormulas.add(layerName + ".backward(" + upstream + ")");
                }
                inputs.add(previous);
                outputs.add(symbol);
                previous = symbol;
            }
            return new Symbols(inputs, outputs, formulas, inputGradientFormulas, names, parameterSymbols,
                    parameterGradientFormulas);
        }

        private static String functionSymbol(String activationName) {
            return switch (activationName) {
                case "sigmoid" -> "σ";
                case "relu" -> "ReLU";
                default -> activationName;
            };
        }

        String input(int layer) {
            return inputs.get(layer);
        }

        String output(int layer) {
            return outputs.get(layer);
        }

        String formula(int layer) {
            return formulas.get(layer);
        }

        String inputGradientFormula(int layer) {
            return inputGradientFormulas.get(layer);
        }

        String parameterGradientFormula(String name) {
            int index = names.indexOf(name);
            return index >= 0 ? parameterGradientFormulas.get(index) : "backpropagation";
        }

        String parameter(String name) {
            int index = names.indexOf(name);
            return index >= 0 ? parameterSymbols.get(index) : name;
        }
    }
}
