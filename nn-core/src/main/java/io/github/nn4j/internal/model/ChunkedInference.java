package io.github.nn4j.internal.model;

import io.github.nn4j.base.Mode;
import io.github.nn4j.data.DataSet;
import io.github.nn4j.model.Sequential;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Runs a model in inference mode ({@link Mode#EVAL}) over a whole data set, a chunk of rows at a
 * time, so memory stays bounded however large the data set is. Evaluation and the trainer's
 * validation both measure through it.
 *
 * <pre>{@code
 * double[] squaredErrors = new double[1];
 * ChunkedInference.forEachChunk(model, test, 4096, (outputs, labels, start) ->
 *         squaredErrors[0] += outputs.squaredDistance(labels));
 * }</pre>
 */
public final class ChunkedInference {

    private ChunkedInference() {
    }

    /** Receives the model's outputs for one chunk of a data set. */
    @FunctionalInterface
    public interface ChunkConsumer {

        /**
         * Takes one chunk.
         *
         * @param outputs the model's outputs for the chunk's rows, {@code [rows, outputs]}
         * @param labels  the same rows of the data set's labels
         * @param start   the data set's row where the chunk starts
         */
        void accept(INDArray outputs, INDArray labels, int start);
    }

    /**
     * Runs {@code model} on every example of {@code data}, in order, {@code chunkRows} examples at
     * a time (the last chunk may be smaller; a data set that fits one chunk is passed whole).
     *
     * @param model     the model, used in {@link Mode#EVAL}
     * @param data      the examples
     * @param chunkRows examples per call of the model, at least 1
     * @param consumer  called once per chunk, in order
     */
    public static void forEachChunk(Sequential model, DataSet data, int chunkRows, ChunkConsumer consumer) {
        if (chunkRows < 1) {
            throw new IllegalArgumentException("chunks need at least 1 row, got " + chunkRows);
        }
        int n = data.size();
        for (int start = 0; start < n; start += chunkRows) {
            int end = Math.min(start + chunkRows, n);
            INDArray features = rows(data.features(), start, end, n);
            consumer.accept(model.forward(features, Mode.EVAL), rows(data.labels(), start, end, n), start);
        }
    }

    /** Rows {@code [start, end)} of a matrix of {@code n} rows: the matrix itself when that is all of it. */
    private static INDArray rows(INDArray matrix, int start, int end, int n) {
        return start == 0 && end == n ? matrix : matrix.get(NDArrayIndex.interval(start, end), NDArrayIndex.all());
    }
}
