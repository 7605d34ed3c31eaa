package io.github.nn4j.bench;

import io.github.nn4j.base.Mode;
import io.github.nn4j.init.Initializer;
import io.github.nn4j.layers.Layer;
import io.github.nn4j.losses.SoftmaxCrossEntropy;
import io.github.nn4j.model.LayerObserver;
import io.github.nn4j.model.Sequential;
import io.github.nn4j.optim.Optimizer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.executioner.OpExecutioner;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.profiler.OpProfiler;

/**
 * Where one workload's training step spends its time: the step of {@link Nn4jRunner}, taken
 * apart into each layer's forward and backward pass (seen through a {@link LayerObserver}), the
 * loss gradient and the optimizer update, each timed with {@link System#nanoTime()}; plus the number of operations ND4J's
 * executioner runs per step (nn4j's Java loops and its direct BLAS calls, {@code DirectBlas}'s GEMMs
 * and SGD's {@code axpy}, are not operations and are not counted: 0 for the standard workloads).
 *
 * @param workload       what was profiled
 * @param microsByPhase  mean microseconds per step of each phase, in the order they run
 * @param nativeOpsPerStep operations ND4J's executioner ran per step
 */
public record StepProfile(Workload workload, Map<String, Double> microsByPhase, double nativeOpsPerStep) {

    /** Copies the phases. */
    public StepProfile {
        microsByPhase = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(microsByPhase));
    }

    /**
     * Profiles {@code steps} training steps of {@code workload} after as many warm-up steps.
     *
     * @param workload the network, batch size and optimizer
     * @param steps    steps to time, at least 1
     * @return the mean time of every phase and the native operations per step
     */
    public static StepProfile measure(Workload workload, int steps) {
        return measure(workload, steps, System::nanoTime);
    }

    /** {@link #measure(Workload, int)} with {@code clock} (nanoseconds) as the time source. */
    static StepProfile measure(Workload workload, int steps, LongSupplier clock) {
        if (steps < 1) {
            throw new IllegalArgumentException("steps must be at least 1, got " + steps);
        }
        Sequential model = Nn4jRunner.buildModel(workload.sizes()).init(Initializer.heNormal(), 1, DataType.FLOAT);
        Optimizer optimizer = Optimizers.nn4j(workload.optimizer(), workload.learningRate());
        SyntheticBatches batches = SyntheticBatches.forWorkload(workload, 8, SyntheticBatches.DEFAULT_SEED);
        int n = model.layers().size();
        LayerTimer layers = new LayerTimer(n, clock);
        long[] lossAndUpdate = new long[2];
        SoftmaxCrossEntropy loss = new SoftmaxCrossEntropy();
        for (int s = 0; s < 2 * steps; s++) {
            boolean timed = s >= steps;
            layers.timed = timed;
            INDArray x = batches.features().get(s % batches.count());
            INDArray y = batches.labels().get(s % batches.count());
            INDArray h = model.forward(x, Mode.TRAIN, layers);
            long start = clock.getAsLong();
            INDArray g = loss.gradient(h, y);
            lossAndUpdate[0] += timed ? clock.getAsLong() - start : 0;
            model.backward(g, false, layers);
            start = clock.getAsLong();
            optimizer.step(model.parameterSet());
            lossAndUpdate[1] += timed ? clock.getAsLong() - start : 0;
        }
        Map<String, Double> phases = new LinkedHashMap<>();
        List<String> names = layerNames(model.layers());
        for (int i = 0; i < n; i++) {
            phases.put(names.get(i) + " forward", layers.forward[i] / 1e3 / steps);
        }
        phases.put("loss gradient", lossAndUpdate[0] / 1e3 / steps);
        for (int i = n - 1; i >= 0; i--) {
            phases.put(names.get(i) + " backward", layers.backward[i] / 1e3 / steps);
        }
        phases.put("optimizer (" + workload.optimizer() + ")", lossAndUpdate[1] / 1e3 / steps);
        return new StepProfile(workload, phases, countNativeOps(workload, batches, 4));
    }

    /** Adds up the nanoseconds each layer's forward and backward pass take, while {@link #timed}. */
    private static final class LayerTimer implements LayerObserver {

        final long[] forward;
        final long[] backward;
        private final LongSupplier clock;
        boolean timed;
        private long start;

        LayerTimer(int layers, LongSupplier clock) {
            this.forward = new long[layers];
            this.backward = new long[layers];
            this.clock = clock;
        }

        @Override
        public void beforeForward(int index, Layer layer, INDArray input) {
            start = clock.getAsLong();
        }

        @Override
        public void afterForward(int index, Layer layer, INDArray output) {
            forward[index] += timed ? clock.getAsLong() - start : 0;
        }

        @Override
        public void beforeBackward(int index, Layer layer, INDArray outputGradient) {
            start = clock.getAsLong();
        }

        @Override
        public void afterBackward(int index, Layer layer, INDArray inputGradient) {
            backward[index] += timed ? clock.getAsLong() - start : 0;
        }
    }

    /** {@code "Dense(784→128) #0"}, {@code "ReLU() #1"}: the layer and its position. */
    private static List<String> layerNames(List<Layer> layers) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < layers.size(); i++) {
            names.add(layers.get(i) + " #" + i);
        }
        return names;
    }

    /** Runs {@code steps} steps of {@link Nn4jRunner} with ND4J's operation profiler on; returns operations per step. */
    private static double countNativeOps(Workload workload, SyntheticBatches batches, int steps) {
        Nn4jRunner runner = new Nn4jRunner(workload, Optimizers.nn4j(workload.optimizer(), workload.learningRate()),
                batches, 1);
        runner.train(1);
        OpExecutioner executioner = Nd4j.getExecutioner();
        OpExecutioner.ProfilingMode previous = executioner.getProfilingMode();
        executioner.setProfilingMode(OpExecutioner.ProfilingMode.OPERATIONS);
        OpProfiler.getInstance().reset();
        try {
            runner.train(steps);
            return OpProfiler.getInstance().getInvocationsCount() / (double) steps;
        } finally {
            executioner.setProfilingMode(previous);
            OpProfiler.getInstance().reset();
        }
    }

    /** Mean microseconds of a whole step: the sum of the phases. */
    public double stepMicros() {
        return microsByPhase.values().stream().mapToDouble(Double::doubleValue).sum();
    }

    /** The profile as a Markdown table: phase, µs per step, share of the step. */
    public String toMarkdown() {
        StringBuilder out = new StringBuilder();
        double total = stepMicros();
        out.append(String.format(java.util.Locale.ROOT, "%s, %s: %.0f µs per step (%,.0f samples/s), "
                        + "%.1f ND4J operations per step%n%n", workload.label(), workload.optimizer(), total,
                workload.batchSize() / total * 1e6, nativeOpsPerStep));
        out.append("| phase | µs per step | share |\n|---|---:|---:|\n");
        microsByPhase.forEach((phase, micros) -> out.append(String.format(java.util.Locale.ROOT,
                "| %s | %.1f | %.1f %% |%n", phase, micros, 100 * micros / total)));
        return out.toString();
    }
}
