package io.github.nn4j.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Mini-batches held in memory so that data loading is not measured: float32 standard-normal
 * features and uniformly random class labels, one-hot encoded once, all from a fixed seed.
 *
 * @param features one {@code [batch, inputs]} array per batch
 * @param labels   the matching one-hot {@code [batch, classes]} arrays
 */
public record SyntheticBatches(List<INDArray> features, List<INDArray> labels) {

    /** The seed the benchmark uses unless told otherwise. */
    public static final long DEFAULT_SEED = 20261123L;

    /**
     * Draws {@code count} batches.
     *
     * @param inputs    features per example
     * @param classes   number of classes
     * @param batchSize examples per batch
     * @param count     number of batches
     * @param seed      the seed; the same seed gives the same batches
     * @return the batches
     */
    public static SyntheticBatches create(int inputs, int classes, int batchSize, int count, long seed) {
        Random random = new Random(seed);
        List<INDArray> features = new ArrayList<>();
        List<INDArray> labels = new ArrayList<>();
        for (int b = 0; b < count; b++) {
            float[] x = new float[batchSize * inputs];
            for (int i = 0; i < x.length; i++) {
                x[i] = (float) random.nextGaussian();
            }
            float[] y = new float[batchSize * classes];
            for (int row = 0; row < batchSize; row++) {
                y[row * classes + random.nextInt(classes)] = 1f;
            }
            features.add(Nd4j.create(x, new long[] {batchSize, inputs}, 'c'));
            labels.add(Nd4j.create(y, new long[] {batchSize, classes}, 'c'));
        }
        return new SyntheticBatches(List.copyOf(features), List.copyOf(labels));
    }

    /**
     * The batches for a workload.
     *
     * @param workload the workload
     * @param count    number of batches
     * @param seed     the seed
     * @return the batches
     */
    public static SyntheticBatches forWorkload(Workload workload, int count, long seed) {
        return create(workload.inputSize(), workload.classes(), workload.batchSize(), count, seed);
    }

    /** Number of batches. */
    public int count() {
        return features.size();
    }

    /** Examples per batch. */
    public long batchSize() {
        return features.get(0).rows();
    }

    /** Bytes held by features and labels. */
    public long bytes() {
        long elements = 0;
        for (int i = 0; i < count(); i++) {
            elements += features.get(i).length() + labels.get(i).length();
        }
        return elements * DataType.FLOAT.width();
    }
}
