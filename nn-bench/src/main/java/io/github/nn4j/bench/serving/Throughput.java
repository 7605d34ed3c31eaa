package io.github.nn4j.bench.serving;

/**
 * Predictions per second of one runtime with several caller threads, one row per call.
 *
 * @param runtime             e.g. {@code nn4j float[]}
 * @param threads             the runtime's thread setting
 * @param network             the network's name
 * @param callers             caller threads (as many as cores)
 * @param predictionsPerSecond rows predicted per second, all callers together
 */
public record Throughput(String runtime, String threads, String network, int callers, double predictionsPerSecond) {

    /** The key a runtime's row is found by: {@code runtime|threads}. */
    public String row() {
        return runtime + "|" + threads;
    }
}
