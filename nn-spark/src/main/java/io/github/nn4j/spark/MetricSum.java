package io.github.nn4j.spark;

import java.io.Serializable;

/** Summed loss, correct predictions and examples of an inference pass over some partitions. */
final class MetricSum implements Serializable {

    private static final long serialVersionUID = 1L;

    double lossSum;
    long correct;
    long rows;

    MetricSum(double lossSum, long correct, long rows) {
        this.lossSum = lossSum;
        this.correct = correct;
        this.rows = rows;
    }

    static MetricSum plus(MetricSum a, MetricSum b) {
        a.lossSum += b.lossSum;
        a.correct += b.correct;
        a.rows += b.rows;
        return a;
    }
}
