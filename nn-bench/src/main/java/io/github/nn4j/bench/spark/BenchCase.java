package io.github.nn4j.bench.spark;

import io.github.nn4j.init.Initializer;
import io.github.nn4j.layers.BatchNorm;
import io.github.nn4j.layers.Dense;
import io.github.nn4j.layers.Layer;
import io.github.nn4j.layers.ReLU;
import io.github.nn4j.model.Sequential;
import java.util.ArrayList;
import java.util.List;

/**
 * One network of the benchmark (nn-bench's S, M and L: ReLU MLPs with softmax cross-entropy,
 * trained with Adam 1e-3; MBN: M with a BatchNorm layer after each hidden Dense layer) at one
 * global batch size.
 *
 * @param name      S, M or L
 * @param sizes     layer widths, input first
 * @param batchSize the global batch
 * @param steps     optimizer steps per measured epoch
 */
record BenchCase(String name, List<Integer> sizes, int batchSize, int steps) {

    static final List<Integer> S = List.of(784, 128, 10);
    static final List<Integer> M = List.of(784, 512, 512, 10);
    static final List<Integer> L = List.of(1024, 2048, 2048, 10);

    /**
     * The synchronous cases of a network: its nn-bench batch and larger global batches; for L also a
     * batch of 8, whose compute is next to nothing, so that its step is Spark's part alone.
     */
    static List<BenchCase> synchronous(String name) {
        return switch (name) {
            case "S" -> List.of(new BenchCase("S", S, 32, 40), new BenchCase("S", S, 1024, 20));
            case "M" -> List.of(new BenchCase("M", M, 128, 40), new BenchCase("M", M, 1024, 20),
                    new BenchCase("M", M, 4096, 10));
            case "L" -> List.of(new BenchCase("L", L, 8, 20), new BenchCase("L", L, 512, 20),
                    new BenchCase("L", L, 4096, 8));
            case "MBN" -> List.of(new BenchCase("MBN", M, 1024, 20));
            default -> throw new IllegalArgumentException("workloads are S, M, L and MBN, got " + name);
        };
    }

    /**
     * The averaging case of a network: its nn-bench batch, 40 steps (two rounds of k = 20); none for
     * MBN (averaging mode refuses BatchNorm).
     */
    static BenchCase averaging(String name) {
        return switch (name) {
            case "MBN" -> null;
            case "S" -> new BenchCase("S", S, 32, 40);
            case "M" -> new BenchCase("M", M, 128, 40);
            case "L" -> new BenchCase("L", L, 512, 40);
            default -> throw new IllegalArgumentException("workloads are S, M and L, got " + name);
        };
    }

    /** This case with fewer steps, for a quick check that the benchmark runs. */
    BenchCase quick() {
        return new BenchCase(name, sizes, batchSize, Math.min(steps, 6));
    }

    /** Examples per epoch. */
    int examples() {
        return steps * batchSize;
    }

    int inputs() {
        return sizes.get(0);
    }

    int classes() {
        return sizes.get(sizes.size() - 1);
    }

    /** Whether every hidden Dense layer is followed by a BatchNorm layer (MBN: M with BatchNorm). */
    boolean batchNorm() {
        return name.endsWith("BN");
    }

    /** The network, He-initialized from seed 1. */
    Sequential network() {
        List<Layer> layers = new ArrayList<>();
        for (int i = 0; i + 1 < sizes.size(); i++) {
            if (i > 0) {
                if (batchNorm()) {
                    layers.add(new BatchNorm(sizes.get(i)));
                }
                layers.add(new ReLU());
            }
            layers.add(new Dense(sizes.get(i), sizes.get(i + 1)));
        }
        return new Sequential(layers).init(Initializer.he(), 1);
    }

    /** Number of parameters. */
    long parameters() {
        long count = 0;
        for (int i = 0; i + 1 < sizes.size(); i++) {
            count += (long) sizes.get(i) * sizes.get(i + 1) + sizes.get(i + 1);
            if (batchNorm() && i > 0) {
                count += 2L * sizes.get(i);
            }
        }
        return count;
    }

    @Override
    public String toString() {
        return name + " b" + batchSize;
    }
}
