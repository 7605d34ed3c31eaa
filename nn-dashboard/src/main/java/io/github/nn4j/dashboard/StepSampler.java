package io.github.nn4j.dashboard;

/**
 * Chooses the steps whose layer statistics the dashboard measures, so that measuring costs at most
 * a set share of training time. After each sample it knows what the sample cost and how long a
 * step takes, and places the next sample {@code max(cost / (budget · step time), min gap / step
 * time)} steps later: a large model, whose statistics take longer, is sampled less often; a tiny
 * one, whose steps take microseconds, about every {@code minGapNanos}. A fixed interval can be set
 * instead. The cost of everything the dashboard does on the training thread is counted
 * ({@link #charge}), and {@link #overhead()} reports it as a share of the thread's time.
 */
final class StepSampler {

    private final double budget;
    private final long minGapNanos;
    private final long fixedInterval;
    private long next = 1;
    private long interval = 1;
    private long lastSampleStep;
    private long lastSampleNanos;
    private long costSinceSample;
    private long totalCost;
    private long startNanos;

    /**
     * A sampler.
     *
     * @param budget        the largest share of training time to spend, e.g. 0.01
     * @param minGapNanos   the least time between two samples
     * @param fixedInterval steps between samples, or 0 to choose them from the budget
     */
    StepSampler(double budget, long minGapNanos, long fixedInterval) {
        this.budget = budget;
        this.minGapNanos = minGapNanos;
        this.fixedInterval = fixedInterval;
    }

    /** Starts counting at a run's first step, which is sampled. */
    void start(long now, long firstStep) {
        startNanos = now;
        lastSampleNanos = now;
        lastSampleStep = firstStep - 1;
        next = firstStep;
        interval = fixedInterval > 0 ? fixedInterval : 1;
        costSinceSample = 0;
        totalCost = 0;
    }

    /** Whether {@code step} (counted from 1 since the run started) is to be measured. */
    boolean isSample(long step) {
        return step == next;
    }

    /** The next step to be measured. */
    long next() {
        return next;
    }

    /** Counts time the dashboard spent on the training thread. */
    void charge(long nanos) {
        costSinceSample += nanos;
        totalCost += nanos;
    }

    /**
     * Places the next sample after the one at {@code step}, whose own cost has been
     * {@link #charge charged}.
     *
     * @param step        the step just measured
     * @param now         the time now
     * @param sampleNanos what measuring this step cost
     */
    void sampled(long step, long now, long sampleNanos) {
        long steps = Math.max(step - lastSampleStep, 1);
        double stepNanos = Math.max((now - lastSampleNanos - costSinceSample) / (double) steps, 1);
        if (fixedInterval > 0) {
            interval = fixedInterval;
        } else {
            double forBudget = sampleNanos / (budget * stepNanos);
            double forGap = minGapNanos / stepNanos;
            interval = Math.max(1, (long) Math.ceil(Math.max(forBudget, forGap)));
        }
        next = step + interval;
        lastSampleStep = step;
        lastSampleNanos = now;
        costSinceSample = 0;
    }

    /** Steps between the last two samples. */
    long interval() {
        return interval;
    }

    /** The dashboard's share of the training thread's time since {@link #start}. */
    double overhead(long now) {
        long elapsed = now - startNanos;
        return elapsed > 0 ? (double) totalCost / elapsed : 0;
    }
}
