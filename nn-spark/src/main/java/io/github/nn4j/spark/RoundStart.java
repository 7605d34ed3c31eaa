package io.github.nn4j.spark;

import java.io.Serializable;
import java.util.LinkedHashMap;

/**
 * What averaging mode broadcasts at the start of a round: the parameters, the optimizer's state
 * and step count, and the learning rate of each local step (the schedule runs on the driver).
 */
final class RoundStart implements Serializable {

    private static final long serialVersionUID = 1L;

    final FlatValues parameters;
    final LinkedHashMap<String, FlatValues> state;
    final long steps;
    /** The learning rate of each step of the round, or {@code null} without a schedule. */
    final double[] rates;

    RoundStart(FlatValues parameters, LinkedHashMap<String, FlatValues> state, long steps, double[] rates) {
        this.parameters = parameters;
        this.state = state;
        this.steps = steps;
        this.rates = rates;
    }
}
