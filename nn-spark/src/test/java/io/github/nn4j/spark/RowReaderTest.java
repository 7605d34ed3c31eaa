package io.github.nn4j.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Test;
import scala.collection.JavaConverters;

/** The values a features or label column may hold: numbers, arrays of numbers, Spark ML vectors. */
class RowReaderTest {

    @Test
    void readsNumbersArraysAndDenseAndSparseVectors() {
        Row row = RowFactory.create(Vectors.dense(new double[] {1, 2, 3}), Vectors.sparse(4, new int[] {1, 3},
                new double[] {5, 6}), 7, 2.5f, JavaConverters.asScalaBuffer(List.of(1.0, 2.0)),
                List.of(3, 4L));
        assertArrayEquals(new double[] {1, 2, 3}, RowReader.values(row, 0));
        assertArrayEquals(new double[] {0, 5, 0, 6}, RowReader.values(row, 1));
        assertArrayEquals(new double[] {7}, RowReader.values(row, 2));
        assertArrayEquals(new double[] {2.5}, RowReader.values(row, 3));
        assertArrayEquals(new double[] {1, 2}, RowReader.values(row, 4));
        assertArrayEquals(new double[] {3, 4}, RowReader.values(row, 5));
    }

    @Test
    void nullsAndNonNumbersAreRejected() {
        Row row = RowFactory.create(null, List.of(1.0, "x"));
        assertThrows(IllegalArgumentException.class, () -> RowReader.values(row, 0));
        assertThrows(IllegalArgumentException.class, () -> RowReader.values(row, 1));
    }
}
