package io.github.nn4j.layers;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A layer's computation written out in the notation of the reference notes, for worked examples
 * such as {@code trace.StepTrace}: the symbol of its output, the output's formula, the formula of
 * dL/d(input), and each parameter's symbol and gradient formula. A layer gives its own through
 * {@link Layer#formulas()}.
 *
 * <p>The texts are templates in which the example fills in
 * <ul>
 * <li>{@code {k}}: the stage, the number of stage-opening layers up to here (the notes number a
 *     network by its weight layers: the k-th dense layer computes {@code zk}, the activation
 *     after it {@code hk});</li>
 * <li>{@code {in}} and {@code {out}}: the symbols of the layer's input and output;</li>
 * <li>{@code {dout}}: the gradient the layer receives, {@code dL/d{out}};</li>
 * <li>{@code {layer}}: the model's name for the layer, e.g. {@code dropout0}.</li>
 * </ul>
 * An output symbol that needs {@code {k}} before the first stage, or that an earlier layer took,
 * gives way to the layer's name.
 *
 * <pre>{@code
 * LayerFormulas.opening("z{k}", "{in}·W{k} + b{k}", "{dout}·W{k}ᵀ")        // Dense: z1 = X·W1 + b1
 *         .withParameter("W", "W{k}", "{in}ᵀ·{dout}")                      // dL/dW1 = Xᵀ·dL/dz1
 *         .withParameter("b", "b{k}", "Σ_rows {dout}");
 * }</pre>
 *
 * @param opensStage    whether this layer starts the next stage ({@code {k}} counts it)
 * @param output        the output's symbol, e.g. {@code z{k}}
 * @param forward       the output's formula, e.g. {@code {in}·W{k} + b{k}}
 * @param inputGradient the formula of dL/d(input), e.g. {@code {dout}·W{k}ᵀ}
 * @param parameters    the symbols and gradient formulas of the layer's parameters; a parameter
 *                      left out is shown by its model name, its gradient as "backpropagation"
 * @param states        the symbols and update formulas of the layer's state that is not trained
 *                      (running statistics); empty for most layers
 */
public record LayerFormulas(boolean opensStage, String output, String forward, String inputGradient,
        List<ParameterFormula> parameters, List<StateFormula> states) {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(k|in|out|dout|layer)\\}");

    /**
     * One parameter in the notation of the notes.
     *
     * @param name     the parameter's local name, as in its {@code ParameterSpec}, e.g. {@code W}
     * @param symbol   its symbol, e.g. {@code W{k}}
     * @param gradient the formula of its gradient, e.g. {@code {in}ᵀ·{dout}}
     */
    public record ParameterFormula(String name, String symbol, String gradient) {
    }

    /**
     * One entry of state in the notation of the notes, with the rule a training forward pass
     * updates it by.
     *
     * @param name   the state's local name, as in its {@code ParameterSpec}, e.g. {@code running_mean}
     * @param symbol its symbol, e.g. {@code μ̄{k}}
     * @param update the formula of its new value, e.g. {@code 0.9·μ̄{k} + 0.1·μ_B}
     */
    public record StateFormula(String name, String symbol, String update) {
    }

    /** Copies the lists. */
    public LayerFormulas {
        parameters = List.copyOf(parameters);
        states = List.copyOf(states);
    }

    /**
     * Formulas without state, as every layer but a normalization layer with running statistics has.
     *
     * @param opensStage    whether this layer starts the next stage
     * @param output        the output's symbol
     * @param forward       the output's formula
     * @param inputGradient the formula of dL/d(input)
     * @param parameters    the parameters' symbols and gradient formulas
     */
    public LayerFormulas(boolean opensStage, String output, String forward, String inputGradient,
            List<ParameterFormula> parameters) {
        this(opensStage, output, forward, inputGradient, parameters, List.of());
    }

    /**
     * The formulas of a layer that continues the current stage, such as an activation.
     *
     * @param output        the output's symbol, e.g. {@code h{k}}
     * @param forward       the output's formula, e.g. {@code σ({in})}
     * @param inputGradient the formula of dL/d(input), e.g. {@code {dout} ⊙ σ'({in})}
     * @return the formulas, without parameters
     */
    public static LayerFormulas of(String output, String forward, String inputGradient) {
        return new LayerFormulas(false, output, forward, inputGradient, List.of());
    }

    /**
     * The formulas of a layer that opens the next stage, such as a dense layer.
     *
     * @param output        the output's symbol, e.g. {@code z{k}}
     * @param forward       the output's formula
     * @param inputGradient the formula of dL/d(input)
     * @return the formulas, without parameters
     */
    public static LayerFormulas opening(String output, String forward, String inputGradient) {
        return new LayerFormulas(true, output, forward, inputGradient, List.of());
    }

    /**
     * What a layer that describes nothing of itself shows: its output named after it, computed as
     * {@code typeName(input)}, and its input gradient as {@code layer.backward(dL/d(output))}.
     *
     * @param typeName the layer's type name, e.g. {@code dropout}
     * @return the formulas
     */
    public static LayerFormulas generic(String typeName) {
        return of("{layer}", typeName + "({in})", "{layer}.backward({dout})");
    }

    /**
     * These formulas and one more parameter's.
     *
     * @param name     the parameter's local name, e.g. {@code W}
     * @param symbol   its symbol, e.g. {@code W{k}}
     * @param gradient the formula of its gradient
     * @return new formulas
     */
    public LayerFormulas withParameter(String name, String symbol, String gradient) {
        List<ParameterFormula> all = new ArrayList<>(parameters);
        all.add(new ParameterFormula(name, symbol, gradient));
        return new LayerFormulas(opensStage, output, forward, inputGradient, all, states);
    }

    /**
     * These formulas and one more entry of state's.
     *
     * @param name   the state's local name, e.g. {@code running_mean}
     * @param symbol its symbol, e.g. {@code μ̄{k}}
     * @param update the formula of its new value after a training forward pass
     * @return new formulas
     */
    public LayerFormulas withState(String name, String symbol, String update) {
        List<StateFormula> all = new ArrayList<>(states);
        all.add(new StateFormula(name, symbol, update));
        return new LayerFormulas(opensStage, output, forward, inputGradient, parameters, all);
    }

    /**
     * Fills in a template's placeholders, each once (a filled-in symbol is not read again).
     *
     * @param template a template such as {@code {in}·W{k} + b{k}}
     * @param stage    the value of {@code {k}}
     * @param layer    the value of {@code {layer}}
     * @param input    the value of {@code {in}}
     * @param output   the value of {@code {out}}; {@code {dout}} becomes {@code dL/d} and it
     * @return the text, e.g. {@code X·W1 + b1}
     */
    public static String fill(String template, int stage, String layer, String input, String output) {
        Matcher placeholders = PLACEHOLDER.matcher(template);
        return placeholders.replaceAll(match -> Matcher.quoteReplacement(switch (match.group(1)) {
            case "k" -> Integer.toString(stage);
            case "in" -> input;
            case "out" -> output;
            case "dout" -> "dL/d" + output;
            default -> layer;
        }));
    }

    /**
     * Whether a template needs the stage number.
     *
     * @param template a template
     * @return whether it contains {@code {k}}
     */
    public static boolean usesStage(String template) {
        return template.contains("{k}");
    }
}
