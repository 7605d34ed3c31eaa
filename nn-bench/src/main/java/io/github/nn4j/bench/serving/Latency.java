package io.github.nn4j.bench.serving;

import java.util.List;

/**
 * Latency of single prediction calls of one runtime, network and batch size, on one caller thread.
 *
 * @param runtime  e.g. {@code ONNX Runtime}
 * @param threads  the runtime's thread setting, e.g. {@code 1}
 * @param network  the network's name
 * @param batch    rows per call
 * @param p50Micros the median call, µs
 * @param p99Micros the 99th percentile, µs
 * @param calls    how many calls were timed
 */
public record Latency(String runtime, String threads, String network, int batch, double p50Micros,
                      double p99Micros, int calls) {

    /**
     * Summarizes timed calls.
     *
     * @param runtime the runtime
     * @param threads its thread setting
     * @param network the network
     * @param batch   rows per call
     * @param micros  one value per call, at least one
     * @return the latency
     */
    public static Latency of(String runtime, String threads, String network, int batch, List<Double> micros) {
        double[] sorted = micros.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return new Latency(runtime, threads, network, batch, percentile(sorted, 50), percentile(sorted, 99),
                sorted.length);
    }

    /**
     * The value below which {@code percent} of the sorted values lie (nearest rank).
     *
     * @param sorted  ascending values, at least one
     * @param percent 0 to 100
     * @return the value
     */
    public static double percentile(double[] sorted, double percent) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(percent / 100 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    /** The key a runtime's row is found by: {@code runtime|threads}. */
    public String row() {
        return runtime + "|" + threads;
    }
}
