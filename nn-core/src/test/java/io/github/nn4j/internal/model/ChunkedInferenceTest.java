package io.github.nn4j.internal.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.github.nn4j.data.DataSet;
import io.github.nn4j.init.Initializer;
import io.github.nn4j.layers.Dense;
import io.github.nn4j.model.Sequential;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class ChunkedInferenceTest {

    /** Ten examples: features (i, −i), label i. */
    private static DataSet tenExamples() {
        float[][] x = new float[10][2];
        float[] y = new float[10];
        for (int i = 0; i < 10; i++) {
            x[i][0] = i;
            x[i][1] = -i;
            y[i] = i;
        }
        return new DataSet(Nd4j.create(x), Nd4j.create(y));
    }

    @Test
    void chunksCoverEveryRowInOrderWithTheirLabels() {
        Sequential model = new Sequential(new Dense(2, 3)).init(Initializer.xavierNormal(), 4);
        DataSet data = tenExamples();
        List<Integer> starts = new ArrayList<>();
        List<INDArray> outputs = new ArrayList<>();
        ChunkedInference.forEachChunk(model, data, 4, (chunk, labels, start) -> {
            starts.add(start);
            outputs.add(chunk);
            assertEquals(chunk.rows(), labels.rows());
            assertEquals(start, labels.getInt(0, 0), "the labels are the chunk's rows");
        });
        assertEquals(List.of(0, 4, 8), starts);
        assertEquals(List.of(4L, 4L, 2L), outputs.stream().map(output -> (long) output.rows()).toList());
        INDArray all = Nd4j.vstack(outputs.toArray(INDArray[]::new));
        assertArrayEquals(model.predict(data.features()).dup().data().asFloat(), all.dup().data().asFloat(), 1e-6f);
    }

    @Test
    void aDataSetThatFitsOneChunkIsPassedWhole() {
        DataSet data = tenExamples();
        ChunkedInference.forEachChunk(new Sequential(new Dense(2, 3)).init(Initializer.xavierNormal(), 4), data, 10,
                (chunk, labels, start) -> assertSame(data.labels(), labels));
    }
}
