package io.github.nn4j.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Median, minimum and maximum of repeated measurements.
 *
 * @param median  the median
 * @param min     the smallest value
 * @param max     the largest value
 * @param samples every value, in the order measured
 */
public record Stats(double median, double min, double max, List<Double> samples) {

    /**
     * Summarizes measurements.
     *
     * @param samples at least one value
     * @return their median, minimum and maximum
     */
    public static Stats of(List<Double> samples) {
        if (samples.isEmpty()) {
            throw new IllegalArgumentException("no measurements");
        }
        List<Double> sorted = new ArrayList<>(samples);
        Collections.sort(sorted);
        int n = sorted.size();
        double median = n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
        return new Stats(median, sorted.get(0), sorted.get(n - 1), List.copyOf(samples));
    }
}
