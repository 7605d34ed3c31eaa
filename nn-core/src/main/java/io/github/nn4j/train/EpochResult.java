package io.github.nn4j.train;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One finished epoch: its metrics and how long it took.
 *
 * <p>Metric names follow a fixed scheme: {@code loss} is the mean training loss over the epoch's
 * batches (measured while the weights were changing), {@code accuracy} the training accuracy
 * measured the same way (classification only), and {@code val_loss}, {@code val_accuracy} the
 * same on the validation data after the epoch, when validation data is given, and {@code lr}
 * the learning rate of the epoch's last step, when the trainer has a learning-rate schedule.
 * With a regularization, {@code loss} and {@code val_loss} include its penalty.
 *
 * @param epoch        the epoch, 1-based
 * @param metrics      metric name to value, in a fixed order
 * @param samples      training examples processed
 * @param trainSeconds wall time of the training steps
 * @param epochSeconds wall time of the whole epoch, validation included
 */
public record EpochResult(int epoch, Map<String, Double> metrics, long samples, double trainSeconds,
                          double epochSeconds) {

    /** Copies the metrics so the record stays immutable. */
    public EpochResult {
        metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
    }

    /**
     * One metric's value.
     *
     * @param name e.g. {@code "val_accuracy"}
     * @return the value
     * @throws IllegalArgumentException naming the metrics there are, if there is none of that name
     */
    public double metric(String name) {
        Double value = metrics.get(name);
        if (value == null) {
            throw new IllegalArgumentException("no metric '" + name + "' in epoch " + epoch + "; there are "
                    + metrics.keySet() + (name.startsWith("val_") ? " (validation metrics need fit(train, validation))" : ""));
        }
        return value;
    }

    /**
     * Whether the epoch has a metric of that name.
     *
     * @param name the metric name
     * @return {@code true} if present
     */
    public boolean has(String name) {
        return metrics.containsKey(name);
    }

    /** Training throughput: examples per second of training steps. */
    public double samplesPerSecond() {
        return trainSeconds > 0 ? samples / trainSeconds : Double.POSITIVE_INFINITY;
    }
}
