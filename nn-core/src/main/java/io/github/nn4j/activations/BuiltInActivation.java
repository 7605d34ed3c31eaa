package io.github.nn4j.activations;

import java.util.Optional;
import java.util.function.DoubleFunction;

/**
 * The built-in activation functions, one row each: the name that identifies the function in
 * saved models and messages, the setting it takes if any, its symbol in formulas, and how it is
 * made. This is the one table of those names: {@link Activation#name()}, the type names of the
 * activation layers ({@code relu}, {@code leaky_relu}, …) and the reading of saved models all come
 * from it.
 *
 * <pre>{@code
 * BuiltInActivation.LEAKY_RELU.create(0.01).name();    // "leaky_relu(0.01)"
 * BuiltInActivation.parse("elu(1.0)");                 // Optional[elu(1.0)]
 * Activation.sigmoid().symbol();                       // "σ"
 * }</pre>
 */
public enum BuiltInActivation {

    /** {@link Activation#identity()}. */
    IDENTITY("identity", null, "identity", setting -> IdentityFunction.INSTANCE),
    /** {@link Activation#step()}. */
    STEP("step", null, "step", setting -> StepFunction.INSTANCE),
    /** {@link Activation#sign()}. */
    SIGN("sign", null, "sign", setting -> SignFunction.INSTANCE),
    /** {@link Activation#sigmoid()}, written σ in formulas. */
    SIGMOID("sigmoid", null, "σ", setting -> SigmoidFunction.INSTANCE),
    /** {@link Activation#tanh()}. */
    TANH("tanh", null, "tanh", setting -> TanhFunction.INSTANCE),
    /** {@link Activation#relu()}, written ReLU in formulas. */
    RELU("relu", null, "ReLU", setting -> ReluFunction.INSTANCE),
    /** {@link Activation#leakyRelu(double)}, with setting {@code slope}. */
    LEAKY_RELU("leaky_relu", "slope", null, LeakyReluFunction::new),
    /** {@link Activation#elu(double)}, with setting {@code alpha}. */
    ELU("elu", "alpha", null, EluFunction::new),
    /** {@link Activation#softplus()}. */
    SOFTPLUS("softplus", null, "softplus", setting -> SoftplusFunction.INSTANCE);

    private final String typeName;
    private final String setting;
    private final String symbol;
    private final DoubleFunction<Activation> factory;

    BuiltInActivation(String typeName, String setting, String symbol, DoubleFunction<Activation> factory) {
        this.typeName = typeName;
        this.setting = setting;
        this.symbol = symbol;
        this.factory = factory;
    }

    /** The name without a setting, e.g. {@code sigmoid} or {@code leaky_relu}; also the activation layer's type. */
    public String typeName() {
        return typeName;
    }

    /** The name of the one setting the function takes ({@code slope}, {@code alpha}), or empty. */
    public Optional<String> setting() {
        return Optional.ofNullable(setting);
    }

    /**
     * The function, for a row without a setting.
     *
     * @return the activation
     * @throws IllegalArgumentException when the function needs a setting
     */
    public Activation create() {
        if (setting != null) {
            throw new IllegalArgumentException(typeName + " needs its setting '" + setting + "'");
        }
        return factory.apply(0);
    }

    /**
     * The function with its setting, for a row that has one.
     *
     * @param value the setting's value, e.g. the slope of leaky ReLU
     * @return the activation
     * @throws IllegalArgumentException when the function takes no setting or the value is invalid for it
     */
    public Activation create(double value) {
        if (setting == null) {
            throw new IllegalArgumentException(typeName + " takes no setting, got " + value);
        }
        return factory.apply(value);
    }

    /**
     * The built-in activation of a name as {@link Activation#name()} writes it, e.g.
     * {@code sigmoid} or {@code elu(1.0)}.
     *
     * @param name the name
     * @return the activation, or empty when no built-in function has that name
     * @throws IllegalArgumentException when the name is a built-in one with a setting that is not a valid number
     */
    public static Optional<Activation> parse(String name) {
        int open = name.indexOf('(');
        String type = open < 0 ? name : name.substring(0, open);
        for (BuiltInActivation row : values()) {
            if (!row.typeName.equals(type)) {
                continue;
            }
            if (row.setting == null) {
                return open < 0 ? Optional.of(row.create()) : Optional.empty();
            }
            if (open < 0 || !name.endsWith(")")) {
                return Optional.empty();
            }
            try {
                return Optional.of(row.create(Double.parseDouble(name.substring(open + 1, name.length() - 1))));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("activation '" + name + "' has no valid number in parentheses");
            }
        }
        return Optional.empty();
    }

    /** The name of this function with {@code value} as its setting, e.g. {@code leaky_relu(0.01)}. */
    String nameWith(double value) {
        return typeName + "(" + value + ")";
    }

    /** The symbol of a function of this row named {@code name}: the row's symbol, or the name itself. */
    String symbolOf(String name) {
        return symbol == null ? name : symbol;
    }
}
