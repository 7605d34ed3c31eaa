package io.github.nn4j.bench;

/**
 * Something that trains a network on pre-built batches, one mini-batch per step, cycling
 * through the batches.
 */
public interface TrainingRunner {

    /** {@code "nn4j"} or {@code "DL4J"}. */
    String name();

    /** Examples per step. */
    int batchSize();

    /**
     * Runs {@code steps} training steps on the next batches.
     *
     * @param steps number of mini-batches
     */
    void train(int steps);
}
