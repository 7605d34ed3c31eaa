package io.github.nn4j.spark;

import java.io.Serializable;

/** Runs at the start of every training task on an executor; tests use it to make a task fail. */
@FunctionalInterface
interface StepHook extends Serializable {

    /**
     * Called before a partition computes its share of a step (averaging mode: of a round).
     *
     * @param epoch     the epoch, 1-based
     * @param batch     the first global batch of the step or round, from 0
     * @param partition the partition
     */
    void beforeStep(int epoch, int batch, int partition);
}
