package io.github.nn4j.bench.serving;

import java.util.List;
import java.util.Optional;

/**
 * Everything the serving benchmark measured.
 *
 * @param networks       the networks, in table order
 * @param batches        the batch sizes of the latency columns
 * @param latencies      every runtime's latency per network and batch size
 * @param throughputs    predictions per second with as many callers as cores
 * @param underTraining  serving while a trainer publishes snapshots (empty when not run)
 * @param notes          peers that did not run and why, and how things ran
 */
public record ServingResults(List<ServingNetwork> networks, int[] batches, List<Latency> latencies,
                             List<Throughput> throughputs, List<ServingUnderTraining> underTraining,
                             List<String> notes) {

    /** Copies the lists. */
    public ServingResults {
        networks = List.copyOf(networks);
        batches = batches.clone();
        latencies = List.copyOf(latencies);
        throughputs = List.copyOf(throughputs);
        underTraining = List.copyOf(underTraining);
        notes = List.copyOf(notes);
    }

    /**
     * One latency.
     *
     * @param network the network's name
     * @param runtime e.g. {@code nn4j float[]}
     * @param threads e.g. {@code 1}
     * @param batch   rows per call
     * @return it, if measured
     */
    public Optional<Latency> latency(String network, String runtime, String threads, int batch) {
        return latencies.stream().filter(l -> l.network().equals(network) && l.runtime().equals(runtime)
                && l.threads().startsWith(threads) && l.batch() == batch).findFirst();
    }

    /**
     * One throughput.
     *
     * @param network the network's name
     * @param runtime e.g. {@code nn4j float[]}
     * @param threads e.g. {@code 1}
     * @return it, if measured
     */
    public Optional<Throughput> throughput(String network, String runtime, String threads) {
        return throughputs.stream().filter(t -> t.network().equals(network) && t.runtime().equals(runtime)
                && t.threads().startsWith(threads)).findFirst();
    }
}
