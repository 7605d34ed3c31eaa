package io.github.nn4j.spark;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.VectorUDT;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** Small seeded DataFrames in the shapes Spark ML pipelines use, for the tests of the ML stages. */
final class MlFrames {

    static final String[] SPECIES = {"setosa", "versicolor", "virginica"};

    private MlFrames() {
    }

    /**
     * {@code n} rows of four raw number columns {@code x1 … x4} and a string column {@code species}:
     * SparkTesting's three-class task, its classes named.
     */
    static Dataset<Row> species(int n, long seed) {
        List<Row> rows = new ArrayList<>(n);
        for (Example example : SparkTesting.classification(n, 4, seed)) {
            float[] x = example.features();
            rows.add(RowFactory.create((double) x[0] * 3 + 5, (double) x[1], (double) x[2] * 10, (double) x[3],
                    SPECIES[(int) example.label()[0]]));
        }
        StructType schema = new StructType().add("x1", DataTypes.DoubleType).add("x2", DataTypes.DoubleType)
                .add("x3", DataTypes.DoubleType).add("x4", DataTypes.DoubleType).add("species", DataTypes.StringType);
        return SparkTesting.session().createDataFrame(rows, schema);
    }

    /** {@code n} rows of {@code features} (ML vectors of 4 values) and {@code label} (class 0, 1, 2 as a double). */
    static Dataset<Row> classes(int n, long seed) {
        List<Row> rows = new ArrayList<>(n);
        for (Example example : SparkTesting.classification(n, 4, seed)) {
            rows.add(RowFactory.create(vector(example.features()), (double) example.label()[0]));
        }
        return SparkTesting.session().createDataFrame(rows, vectorSchema());
    }

    /** As {@link #classes}, with label 1 for class 0 and 0 for the others: a binary task. */
    static Dataset<Row> binary(int n, long seed) {
        List<Row> rows = new ArrayList<>(n);
        for (Example example : SparkTesting.classification(n, 4, seed)) {
            rows.add(RowFactory.create(vector(example.features()), example.label()[0] == 0 ? 1.0 : 0.0));
        }
        return SparkTesting.session().createDataFrame(rows, vectorSchema());
    }

    /** {@code n} rows of {@code features} (3 values in [−1, 1]) and {@code label} = 2·x1 − x2 + 0.5·x3·x3 + 0.3. */
    static Dataset<Row> regression(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Row> rows = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            double[] x = {random.nextDouble(-1, 1), random.nextDouble(-1, 1), random.nextDouble(-1, 1)};
            rows.add(RowFactory.create(Vectors.dense(x), 2 * x[0] - x[1] + 0.5 * x[2] * x[2] + 0.3));
        }
        return SparkTesting.session().createDataFrame(rows, vectorSchema());
    }

    private static Vector vector(float[] values) {
        double[] doubles = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            doubles[i] = values[i];
        }
        return Vectors.dense(doubles);
    }

    private static StructType vectorSchema() {
        return new StructType().add("features", new VectorUDT()).add("label", DataTypes.DoubleType);
    }
}
