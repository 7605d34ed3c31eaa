package io.github.nn4j.dashboard;

/**
 * Where a run is, as of its last sampled step.
 *
 * @param epoch            the epoch running, 1-based
 * @param step             optimizer steps done since the run started
 * @param elapsedSeconds   wall time since the run started
 * @param etaSeconds       the time left at the pace so far, NaN when unknown
 * @param samplesPerSecond training examples per second since the previous sample
 * @param overhead         the dashboard's share of the training thread's time so far, e.g. 0.004
 * @param sampleEvery      steps between the samples of layer statistics, as the budget set it
 */
record Progress(int epoch, long step, double elapsedSeconds, double etaSeconds, double samplesPerSecond,
                double overhead, long sampleEvery) {

    /** Before the first step. */
    static Progress none() {
        return new Progress(0, 0, 0, Double.NaN, Double.NaN, 0, 0);
    }
}
