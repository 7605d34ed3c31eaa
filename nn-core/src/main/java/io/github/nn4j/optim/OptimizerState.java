package io.github.nn4j.optim;

import io.github.nn4j.base.ParameterSet;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The named flat state buffers and the step count of one optimizer: allocated as zeros on the
 * first step, checked against the parameter set on every step, and copied in by
 * {@link Optimizer#loadState}.
 */
final class OptimizerState {

    private final String owner;
    private final List<String> names;
    private final Map<String, INDArray> buffers = new LinkedHashMap<>();
    private long steps;

    /**
     * @param owner names the optimizer in error messages
     * @param names the buffer names, in order; none for stateless rules
     */
    OptimizerState(String owner, String... names) {
        this.owner = owner;
        this.names = List.of(names);
    }

    /** Allocates zero buffers like {@code parameters} on first use; checks the length afterwards. */
    void bind(ParameterSet parameters) {
        if (buffers.isEmpty()) {
            for (String name : names) {
                buffers.put(name, Nd4j.zeros(parameters.values().dataType(), parameters.size()));
            }
            return;
        }
        for (Map.Entry<String, INDArray> entry : buffers.entrySet()) {
            INDArray buffer = entry.getValue();
            if (buffer.length() != parameters.size()) {
                throw new IllegalStateException(owner + " holds state '" + entry.getKey() + "' for "
                        + buffer.length() + " parameters but was given a model with " + parameters.size()
                        + "; use one optimizer per model");
            }
            if (buffer.dataType() != parameters.values().dataType()) {
                entry.setValue(buffer.castTo(parameters.values().dataType()));
            }
        }
    }

    INDArray get(String name) {
        return buffers.get(name);
    }

    Map<String, INDArray> view() {
        return Collections.unmodifiableMap(buffers);
    }

    long steps() {
        return steps;
    }

    void countStep() {
        steps++;
    }

    /** Copies saved buffers in; an empty map (state saved before the first step) clears them. */
    void load(Map<String, INDArray> state, long steps) {
        if (state == null || !(state.isEmpty() || state.keySet().equals(new HashSet<>(names)))) {
            throw new IllegalArgumentException(owner + " state needs buffers " + names + " (or none), got "
                    + (state == null ? null : state.keySet()));
        }
        if (steps < 0) {
            throw new IllegalArgumentException(owner + " step count must be at least 0, got " + steps);
        }
        if (state.isEmpty()) {
            buffers.clear();
            this.steps = steps;
            return;
        }
        long length = -1;
        for (String name : names) {
            INDArray buffer = state.get(name);
            if (buffer == null || (length >= 0 && buffer.length() != length)) {
                throw new IllegalArgumentException(owner + " state buffers must all have one length; '" + name
                        + "' has " + (buffer == null ? "none" : buffer.length()) + ", expected " + length);
            }
            length = buffer.length();
        }
        buffers.clear();
        for (String name : names) {
            INDArray buffer = state.get(name);
            buffers.put(name, buffer.reshape(buffer.length()).dup());
        }
        this.steps = steps;
    }
}
