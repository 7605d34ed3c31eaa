package io.github.nn4j.spark;

/**
 * Adds up the parts of the steps of one epoch on the driver, for {@link StepCost}. The executors'
 * parts arrive with the partial sums ({@link TaskTimes}).
 */
final class StepClock {

    private long steps;
    private long step;
    private long pack;
    private long broadcast;
    private long job;
    private long statistics;
    private long apply;
    private long weightsIn;
    private long compute;
    private long resultOut;
    private long mark;

    /** Forgets the previous epoch. */
    void startEpoch() {
        steps = step = pack = broadcast = job = statistics = apply = weightsIn = compute = resultOut = 0;
    }

    /** Starts timing a step (or an averaging round), and returns its start. */
    long start() {
        mark = System.nanoTime();
        return mark;
    }

    /** The time since the last mark, in nanoseconds, and a new mark. */
    private long lap() {
        long now = System.nanoTime();
        long lap = now - mark;
        mark = now;
        return lap;
    }

    void packed() {
        pack += lap();
    }

    void broadcast() {
        broadcast += lap();
    }

    /** The batch-statistics rounds of a step with BatchNorm are done. */
    void statisticsDone() {
        statistics += lap();
    }

    void jobDone(TaskTimes tasks) {
        job += lap();
        if (tasks != null) {
            weightsIn += tasks.weightsIn;
            compute += tasks.compute;
            resultOut += tasks.resultOut;
        }
    }

    /** Ends a job of {@code count} steps that started at {@code start}. */
    void applied(long start, int count) {
        apply += lap();
        step += mark - start;
        steps += count;
    }

    /** The means per step of the epoch so far. */
    StepCost cost() {
        double n = Math.max(steps, 1) * 1e6;
        return new StepCost(steps, step / n, pack / n, broadcast / n, statistics / n, job / n, apply / n, weightsIn / n, compute / n,
                resultOut / n);
    }
}
