package io.github.nn4j.spark;

import java.io.Serializable;

/**
 * The parts of a task's time that the driver cannot see, in nanoseconds, sent back with the task's
 * partial sum: copying the weights in, the compute, copying the result out. Partial sums keep the
 * slowest task's times ({@link #max}), the one that decides when a job ends.
 */
final class TaskTimes implements Serializable {

    private static final long serialVersionUID = 1L;

    long weightsIn;
    long compute;
    long resultOut;

    TaskTimes(long weightsIn, long compute, long resultOut) {
        this.weightsIn = weightsIn;
        this.compute = compute;
        this.resultOut = resultOut;
    }

    /** The times of the slower task of two (by their sum); either may be {@code null}. */
    static TaskTimes max(TaskTimes a, TaskTimes b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        return a.weightsIn + a.compute + a.resultOut >= b.weightsIn + b.compute + b.resultOut ? a : b;
    }
}
