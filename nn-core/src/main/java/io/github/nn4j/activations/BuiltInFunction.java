package io.github.nn4j.activations;

/**
 * What every built-in activation shares: its row of {@link BuiltInActivation}, from which its
 * {@link #name()} and {@link #symbol()} follow.
 */
abstract class BuiltInFunction implements Activation {

    private final String name;
    private final String symbol;

    /** A function without a setting. */
    BuiltInFunction(BuiltInActivation row) {
        this.name = row.typeName();
        this.symbol = row.symbolOf(name);
    }

    /** A function with a setting, named like {@code leaky_relu(0.01)}. */
    BuiltInFunction(BuiltInActivation row, double setting) {
        this.name = row.nameWith(setting);
        this.symbol = row.symbolOf(name);
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final String symbol() {
        return symbol;
    }
}
