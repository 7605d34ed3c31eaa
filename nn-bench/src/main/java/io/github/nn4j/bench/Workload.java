package io.github.nn4j.bench;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One benchmark case: a multi-layer perceptron {@code sizes[0] → … → sizes[n]} with ReLU between
 * dense layers and softmax cross-entropy on the logits, trained with one optimizer on
 * mini-batches of one size.
 *
 * <p>Training FLOPs per sample are {@code 6·Σ in·out}: 2 for the forward product {@code X·W},
 * 2 for {@code Xᵀ·G} and 2 for {@code G·Wᵀ} per weight (bias, activation, loss and update are
 * lower order and not counted).
 *
 * @param name         short label such as {@code "M"}
 * @param sizes        layer widths, input first and number of classes last
 * @param batchSize    examples per mini-batch
 * @param optimizer    {@code "sgd"} or {@code "adam"}
 * @param learningRate the optimizer's step size
 */
public record Workload(String name, List<Integer> sizes, int batchSize, String optimizer, double learningRate) {

    /** Learning rate of the standard SGD workloads. */
    public static final double SGD_LEARNING_RATE = 0.01;
    /** Learning rate of the standard Adam workloads. */
    public static final double ADAM_LEARNING_RATE = 1e-3;

    /** Validates sizes, batch and optimizer. */
    public Workload {
        sizes = List.copyOf(sizes);
        if (sizes.size() < 2 || sizes.stream().anyMatch(size -> size < 1)) {
            throw new IllegalArgumentException("a workload needs at least two positive layer sizes, got " + sizes);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be at least 1, got " + batchSize);
        }
        if (!(learningRate > 0)) {
            throw new IllegalArgumentException("learning rate must be positive, got " + learningRate);
        }
        Optimizers.requireKnown(optimizer);
    }

    /**
     * The six standard cases of issue 4: S, M and L, each with SGD (lr 0.01) and Adam (lr 1e-3).
     *
     * @return S/sgd, S/adam, M/sgd, M/adam, L/sgd, L/adam
     */
    public static List<Workload> standard() {
        List<Workload> all = new ArrayList<>();
        for (Workload sgd : List.of(
                new Workload("S", List.of(784, 128, 10), 32, "sgd", SGD_LEARNING_RATE),
                new Workload("M", List.of(784, 512, 512, 10), 128, "sgd", SGD_LEARNING_RATE),
                new Workload("L", List.of(1024, 2048, 2048, 10), 512, "sgd", SGD_LEARNING_RATE))) {
            all.add(sgd);
            all.add(sgd.withOptimizer("adam", ADAM_LEARNING_RATE));
        }
        return all;
    }

    /**
     * The same network and batch with another optimizer.
     *
     * @param otherOptimizer {@code "sgd"} or {@code "adam"}
     * @param rate           its learning rate
     * @return a new workload
     */
    public Workload withOptimizer(String otherOptimizer, double rate) {
        return new Workload(name, sizes, batchSize, otherOptimizer, rate);
    }

    /** Number of input features. */
    public int inputSize() {
        return sizes.get(0);
    }

    /** Number of classes. */
    public int classes() {
        return sizes.get(sizes.size() - 1);
    }

    /** Training FLOPs per sample: {@code 6·Σ in·out} over the dense layers. */
    public double flopsPerSample() {
        double sum = 0;
        for (int i = 0; i + 1 < sizes.size(); i++) {
            sum += (double) sizes.get(i) * sizes.get(i + 1);
        }
        return 6 * sum;
    }

    /** {@code "M 784-512-512-10 b128"}. */
    public String label() {
        return name + " " + sizes.stream().map(String::valueOf).collect(Collectors.joining("-")) + " b" + batchSize;
    }

    /**
     * The distinct GEMMs of one training step, in the row-major layout nn4j uses: per dense layer
     * the forward {@code X·W}, the weight gradient {@code Xᵀ·G} and the input gradient
     * {@code G·Wᵀ}.
     *
     * @return the shapes, duplicates removed
     */
    public List<GemmShape> gemmShapes() {
        Set<GemmShape> shapes = new LinkedHashSet<>();
        int b = batchSize;
        for (int i = 0; i + 1 < sizes.size(); i++) {
            int in = sizes.get(i);
            int out = sizes.get(i + 1);
            shapes.add(new GemmShape("X·W", b, in, out, false, false));
            shapes.add(new GemmShape("Xᵀ·G", in, b, out, true, false));
            shapes.add(new GemmShape("G·Wᵀ", b, out, in, false, true));
        }
        return List.copyOf(shapes);
    }

    /**
     * A product {@code C[m,n] = op(A)·op(B)} with inner size {@code k}.
     *
     * @param role   what it computes in training, e.g. {@code "X·W"}
     * @param m      rows of C
     * @param k      inner dimension
     * @param n      columns of C
     * @param transA whether A is stored as {@code [k, m]}
     * @param transB whether B is stored as {@code [n, k]}
     */
    public record GemmShape(String role, int m, int k, int n, boolean transA, boolean transB) {

        /** FLOPs of one product, {@code 2·m·k·n}. */
        public double flops() {
            return 2.0 * m * k * n;
        }

        /** {@code "X·W 128x784x512"}. */
        public String label() {
            return role + " " + m + "x" + k + "x" + n;
        }
    }
}
