package io.github.nn4j.bench.serving;

import io.github.nn4j.bench.Nn4jRunner;
import io.github.nn4j.init.Initializer;
import io.github.nn4j.model.Sequential;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A network the serving benchmark predicts with: ReLU between dense layers, logits out, float32,
 * He-normal weights from seed 42 (the values do not change the speed; every runtime gets the same
 * ones).
 *
 * @param name  {@code Fashion}, {@code S}, {@code M} or {@code L}
 * @param sizes layer widths, input first
 */
public record ServingNetwork(String name, List<Integer> sizes) {

    /** The Fashion-MNIST model of the demo and the README (without its dropout, the identity when predicting). */
    public static final ServingNetwork FASHION = new ServingNetwork("Fashion", List.of(784, 256, 128, 10));

    /** Copies the sizes. */
    public ServingNetwork {
        sizes = List.copyOf(sizes);
    }

    /**
     * The Fashion-MNIST model and the training benchmark's S, M and L networks.
     *
     * @return the four networks, smallest work first
     */
    public static List<ServingNetwork> standard() {
        return List.of(FASHION, new ServingNetwork("S", List.of(784, 128, 10)),
                new ServingNetwork("M", List.of(784, 512, 512, 10)),
                new ServingNetwork("L", List.of(1024, 2048, 2048, 10)));
    }

    /**
     * The networks named, in the order of {@link #standard()}.
     *
     * @param names e.g. {@code [Fashion, S]}, matched ignoring case
     * @return the networks
     * @throws IllegalArgumentException when a name is not one of them
     */
    public static List<ServingNetwork> named(List<String> names) {
        for (String name : names) {
            if (standard().stream().noneMatch(network -> network.name.equalsIgnoreCase(name))) {
                throw new IllegalArgumentException("no serving network '" + name + "': Fashion, S, M or L");
            }
        }
        return standard().stream().filter(network -> names.stream().anyMatch(network.name::equalsIgnoreCase)).toList();
    }

    /** Number of inputs of a row. */
    public int inputs() {
        return sizes.get(0);
    }

    /** Number of outputs of a row. */
    public int outputs() {
        return sizes.get(sizes.size() - 1);
    }

    /** Multiply-adds of one row's prediction, {@code Σ in·out}. */
    public double multiplyAddsPerRow() {
        double sum = 0;
        for (int i = 0; i + 1 < sizes.size(); i++) {
            sum += (double) sizes.get(i) * sizes.get(i + 1);
        }
        return sum;
    }

    /**
     * The nn4j model, float32, He-normal from seed 42.
     *
     * @return a new model
     */
    public Sequential build() {
        return Nn4jRunner.buildModel(sizes).init(Initializer.heNormal(), 42);
    }

    /** {@code "M 784-512-512-10"}. */
    public String label() {
        return name + " " + sizes.stream().map(String::valueOf).collect(Collectors.joining("-"));
    }
}
