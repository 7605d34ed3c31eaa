package io.github.nn4j.spark;

import java.io.Serializable;

/**
 * What partitions send back from one synchronous step, and what their sum is: the summed loss of
 * their examples, how many of them were classified right, how many there were, and the summed
 * gradient (each partition's gradient of its loss sum divided by the global batch size). A
 * partition with no example in the step sends an empty sum.
 */
final class GradientSum implements Serializable {

    private static final long serialVersionUID = 1L;

    double lossSum;
    long correct;
    long rows;
    /** The gradient, {@code null} for an empty sum. */
    FlatValues gradient;
    /** The slowest task's times. */
    TaskTimes times;

    GradientSum(double lossSum, long correct, long rows, FlatValues gradient) {
        this.lossSum = lossSum;
        this.correct = correct;
        this.rows = rows;
        this.gradient = gradient;
    }

    static GradientSum empty() {
        return new GradientSum(0, 0, 0, null);
    }

    /** {@code a + b}, reusing {@code a}'s (or {@code b}'s) arrays. */
    static GradientSum plus(GradientSum a, GradientSum b) {
        TaskTimes times = TaskTimes.max(a.times, b.times);
        a.times = times;
        b.times = times;
        if (a.gradient == null) {
            b.lossSum += a.lossSum;
            b.correct += a.correct;
            b.rows += a.rows;
            return b;
        }
        if (b.gradient != null) {
            a.gradient.addScaled(b.gradient, 1);
        }
        a.lossSum += b.lossSum;
        a.correct += b.correct;
        a.rows += b.rows;
        return a;
    }
}
