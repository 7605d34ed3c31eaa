package io.github.nn4j.bench;

import io.github.nn4j.base.Mode;
import io.github.nn4j.init.Initializer;
import io.github.nn4j.layers.Dense;
import io.github.nn4j.layers.Layer;
import io.github.nn4j.layers.ReLU;
import io.github.nn4j.losses.SoftmaxCrossEntropy;
import io.github.nn4j.model.Sequential;
import io.github.nn4j.optim.Optimizer;
import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Trains an nn4j {@link Sequential} the way a user's loop does:
 * {@code forward(x, TRAIN) → loss.gradient → backward → optimizer.step}. The loss value is not
 * computed per step (nobody reads it here).
 */
public final class Nn4jRunner implements TrainingRunner {

    private final Sequential model;
    private final SoftmaxCrossEntropy loss = new SoftmaxCrossEntropy();
    private final Optimizer optimizer;
    private final SyntheticBatches batches;
    private int next;

    /**
     * Builds the workload's network in float32 with He-normal weights (as DL4J's {@code WeightInit.RELU}).
     *
     * @param workload  the layer sizes and batch size
     * @param optimizer the update rule
     * @param batches   the data to cycle through
     * @param seed      the initialization seed
     */
    public Nn4jRunner(Workload workload, Optimizer optimizer, SyntheticBatches batches, long seed) {
        this.model = buildModel(workload.sizes()).init(Initializer.heNormal(), seed, DataType.FLOAT);
        this.optimizer = optimizer;
        this.batches = batches;
    }

    /**
     * {@code Dense, ReLU, Dense, ReLU, …, Dense}: ReLU after every dense layer but the last,
     * which outputs logits.
     *
     * @param sizes layer widths, input first
     * @return the model
     */
    public static Sequential buildModel(List<Integer> sizes) {
        List<Layer> layers = new ArrayList<>();
        for (int i = 0; i + 1 < sizes.size(); i++) {
            layers.add(new Dense(sizes.get(i), sizes.get(i + 1)));
            if (i + 2 < sizes.size()) {
                layers.add(new ReLU());
            }
        }
        return new Sequential(layers);
    }

    @Override
    public String name() {
        return "nn4j";
    }

    @Override
    public int batchSize() {
        return (int) batches.batchSize();
    }

    /** The model being trained. */
    public Sequential model() {
        return model;
    }

    @Override
    public void train(int steps) {
        for (int s = 0; s < steps; s++) {
            step();
        }
    }

    /** One training step on the next batch. */
    public void step() {
        INDArray x = batches.features().get(next);
        INDArray y = batches.labels().get(next);
        next = (next + 1) % batches.count();
        INDArray logits = model.forward(x, Mode.TRAIN);
        model.backward(loss.gradient(logits, y));
        optimizer.step(model.parameterSet());
    }
}
