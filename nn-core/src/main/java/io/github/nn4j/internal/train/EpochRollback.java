package io.github.nn4j.internal.train;

import io.github.nn4j.base.ParameterSet;
import io.github.nn4j.optim.Optimizer;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Keeps the model's weights (with its running statistics, if any) and the optimizer's state and
 * step count as they were when the current epoch started, and puts them back when the loss stops
 * being finite: a diverged step never leaves a half-trained or NaN model behind.
 */
final class EpochRollback {

    private final ParameterSet parameters;
    private final Optimizer optimizer;
    private final INDArray weights;
    private final INDArray states;
    private final Map<String, INDArray> state = new LinkedHashMap<>();
    private long steps;
    private boolean fresh = true;

    /**
     * Copies the weights once; later epochs copy into the same buffer.
     *
     * @param parameters the model's parameters
     * @param optimizer  the optimizer whose state and step count are kept
     */
    EpochRollback(ParameterSet parameters, Optimizer optimizer) {
        this.parameters = parameters;
        this.optimizer = optimizer;
        this.weights = parameters.values().dup();
        this.states = parameters.states().dup();
    }

    /** Remembers the weights, optimizer state and step count at the start of an epoch. */
    void markEpochStart() {
        if (!fresh) {
            weights.assign(parameters.values());
            if (states.length() > 0) {
                states.assign(parameters.states());
            }
        }
        fresh = false;
        copyState(optimizer.state(), state);
        steps = optimizer.steps();
    }

    /**
     * Puts back what {@link #markEpochStart} remembered and says what happened.
     *
     * @param loss    the batch's loss, NaN or infinite
     * @param epoch   the epoch, 1-based
     * @param batch   the batch, 1-based
     * @param batches batches in the epoch
     * @param offset  the batch's first example in the shuffled epoch
     * @param size    the batch's examples
     * @return the exception to throw, naming the epoch and batch
     */
    IllegalStateException restore(double loss, int epoch, int batch, int batches, int offset, int size) {
        parameters.values().assign(weights);
        if (states.length() > 0) {
            parameters.states().assign(states);
        }
        optimizer.loadState(state, steps);
        return new IllegalStateException("loss became " + loss + " in epoch " + epoch + ", batch " + batch + " of "
                + batches + " (examples " + offset + "–" + (offset + size) + " of the shuffled epoch): lower the "
                + "learning rate or check the data; the model's weights and optimizer state are back at their "
                + "values from the start of epoch " + epoch);
    }

    /**
     * Copies the optimizer's live state into {@code snapshot}: one assign per buffer, allocating
     * only when the buffers first appear or change shape.
     */
    private static void copyState(Map<String, INDArray> live, Map<String, INDArray> snapshot) {
        if (!snapshot.keySet().equals(live.keySet())) {
            snapshot.clear();
        }
        for (Map.Entry<String, INDArray> entry : live.entrySet()) {
            INDArray copy = snapshot.get(entry.getKey());
            INDArray buffer = entry.getValue();
            if (copy == null || !copy.equalShapes(buffer) || copy.dataType() != buffer.dataType()) {
                snapshot.put(entry.getKey(), buffer.dup());
            } else {
                copy.assign(buffer);
            }
        }
    }
}
