package io.github.nn4j.train;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What happened during training: the mean training loss of every epoch, in order.
 */
public final class History {

    private final List<Double> trainLoss = new ArrayList<>();

    /** Creates an empty history. */
    public History() {
    }

    /**
     * Records one finished epoch.
     *
     * @param meanLoss the epoch's mean training loss
     */
    public void addEpoch(double meanLoss) {
        trainLoss.add(meanLoss);
    }

    /** Mean training loss per epoch. */
    public List<Double> trainLoss() {
        return Collections.unmodifiableList(trainLoss);
    }

    /** Number of epochs recorded. */
    public int epochs() {
        return trainLoss.size();
    }

    /** The last epoch's mean training loss. */
    public double finalLoss() {
        if (trainLoss.isEmpty()) {
            throw new IllegalStateException("no epoch recorded yet");
        }
        return trainLoss.get(trainLoss.size() - 1);
    }
}
