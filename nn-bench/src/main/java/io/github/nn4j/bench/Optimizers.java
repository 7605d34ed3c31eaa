package io.github.nn4j.bench;

import io.github.nn4j.optim.Optimizer;
import io.github.nn4j.optim.Sgd;
import java.util.Set;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;

/**
 * The one place where the benchmark turns an optimizer name into nn4j's and DL4J's objects.
 */
public final class Optimizers {

    /** The names the benchmark knows. */
    public static final Set<String> NAMES = Set.of("sgd", "adam");

    private Optimizers() {
    }

    /**
     * nn4j's optimizer of that name.
     *
     * @param name         {@code "sgd"} or {@code "adam"}
     * @param learningRate its step size
     * @return the optimizer
     */
    public static Optimizer nn4j(String name, double learningRate) {
        return switch (requireKnown(name)) {
            case "sgd" -> new Sgd(learningRate);
            case "adam" -> new io.github.nn4j.optim.Adam(learningRate);
            default -> throw new AssertionError(name);
        };
    }

    /**
     * DL4J's updater of that name.
     *
     * @param name         {@code "sgd"} or {@code "adam"}
     * @param learningRate its step size
     * @return the updater configuration
     */
    public static IUpdater dl4j(String name, double learningRate) {
        return switch (requireKnown(name)) {
            case "sgd" -> new org.nd4j.linalg.learning.config.Sgd(learningRate);
            case "adam" -> new Adam(learningRate);
            default -> throw new AssertionError(name);
        };
    }

    static String requireKnown(String name) {
        if (!NAMES.contains(name)) {
            throw new IllegalArgumentException("unknown optimizer '" + name + "', expected one of " + NAMES);
        }
        return name;
    }
}
