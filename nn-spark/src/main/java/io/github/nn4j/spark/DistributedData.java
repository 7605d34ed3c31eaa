package io.github.nn4j.spark;

import io.github.nn4j.base.JavaArrays;
import io.github.nn4j.data.DataSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.function.Supplier;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Training or validation examples spread over a Spark cluster: a DataFrame with a features column
 * and a label column, or an RDD of {@link Example}s.
 *
 * <pre>{@code
 * DistributedData train = DistributedData.of(frame, "features", "label");   // Dataset<Row>
 * DistributedData other = DistributedData.of(exampleRdd);                    // JavaRDD<Example>
 * }</pre>
 *
 * <p>The features column holds arrays of numbers or Spark ML vectors; the label column a class
 * index, or an array or vector of target values (a one-hot row, regression targets). The
 * examples' global order, which fixes every epoch's order, is the partitions' order and, within a
 * partition, the rows' order: {@code SparkTrainer} converts each partition once into a block of
 * floats (doubles for a DOUBLE model) that Spark caches, so the source is read once per fit.
 */
public final class DistributedData {

    private final JavaRDD<Row> rows;
    private final JavaRDD<Example> examples;

    private DistributedData(JavaRDD<Row> rows, JavaRDD<Example> examples) {
        this.rows = rows;
        this.examples = examples;
    }

    /**
     * Examples from two columns of a DataFrame.
     *
     * @param frame          the data
     * @param featuresColumn a column of arrays of numbers or Spark ML vectors
     * @param labelColumn    a column of numbers (class indices or targets), arrays or vectors
     * @return the data
     * @throws IllegalArgumentException naming the column when one is missing or of another type
     */
    public static DistributedData of(Dataset<Row> frame, String featuresColumn, String labelColumn) {
        RowReader.requireNumeric(frame.schema(), featuresColumn);
        RowReader.requireNumeric(frame.schema(), labelColumn);
        return new DistributedData(frame.select(featuresColumn, labelColumn).javaRDD(), null);
    }

    /**
     * Examples from an RDD.
     *
     * @param examples the examples
     * @return the data
     */
    public static DistributedData of(JavaRDD<Example> examples) {
        if (examples == null) {
            throw new IllegalArgumentException("examples is null");
        }
        return new DistributedData(null, examples);
    }

    /**
     * A data set of the driver, spread over {@code partitions} partitions in its order (the first
     * examples in the first partition), its values as floats: a way to train on Spark what fits on
     * one machine, and to compare the two.
     *
     * @param context    the Spark context
     * @param data       the examples
     * @param partitions at least 1
     * @return the data
     */
    public static DistributedData of(JavaSparkContext context, DataSet data, int partitions) {
        float[] features = JavaArrays.toFloats(data.features());
        float[] labels = JavaArrays.toFloats(data.labels());
        int d = data.featureCount();
        int w = (int) data.labels().columns();
        List<Example> examples = new ArrayList<>(data.size());
        for (int i = 0; i < data.size(); i++) {
            examples.add(new Example(Arrays.copyOfRange(features, i * d, (i + 1) * d),
                    Arrays.copyOfRange(labels, i * w, (i + 1) * w)));
        }
        return of(context.parallelize(examples, partitions));
    }

    /** The number of partitions, which is the number of blocks. */
    public int partitions() {
        return rows != null ? rows.getNumPartitions() : examples.getNumPartitions();
    }

    /** The Spark context of the data. */
    public JavaSparkContext context() {
        return JavaSparkContext.fromSparkContext(rows != null ? rows.context() : examples.context());
    }

    /** One block per partition, converted for {@code format} (not cached: the caller persists it). */
    JavaRDD<Block> blocks(BlockFormat format) {
        if (rows != null) {
            return rows.mapPartitionsWithIndex((partition, iterator) -> single(fromRows(format, partition, iterator)),
                    true);
        }
        return examples.mapPartitionsWithIndex((partition, iterator) ->
                single(fromExamples(format, partition, iterator)), true);
    }

    /**
     * One converted block per partition, or the problem in its data: a data problem is a value
     * here, not an exception, so that Spark does not retry a task that would fail again.
     */
    JavaRDD<SourceBlock> sourceBlocks(BlockFormat format) {
        if (rows != null) {
            return rows.mapPartitionsWithIndex((partition, iterator) -> single(checked(() ->
                    fromRows(format, partition, iterator))), true);
        }
        return examples.mapPartitionsWithIndex((partition, iterator) -> single(checked(() ->
                fromExamples(format, partition, iterator))), true);
    }

    private static Block fromRows(BlockFormat format, int partition, Iterator<Row> iterator) {
        BlockBuilder builder = new BlockBuilder(format, partition);
        while (iterator.hasNext()) {
            Row row = iterator.next();
            double[] features;
            double[] label;
            try {
                features = RowReader.values(row, 0);
                label = RowReader.values(row, 1);
            } catch (IllegalArgumentException e) {
                throw builder.badExample(e.getMessage());
            }
            builder.add(features, label);
        }
        return builder.build();
    }

    private static Block fromExamples(BlockFormat format, int partition, Iterator<Example> iterator) {
        BlockBuilder builder = new BlockBuilder(format, partition);
        while (iterator.hasNext()) {
            Example example = iterator.next();
            builder.add(example.features(), example.label());
        }
        return builder.build();
    }

    /** The block, or the data problem (an {@code IllegalArgumentException}) that stopped it. */
    private static SourceBlock checked(Supplier<Block> conversion) {
        try {
            return SourceBlock.of(conversion.get());
        } catch (IllegalArgumentException e) {
            return SourceBlock.problem(e.getMessage());
        }
    }

    private static <T> Iterator<T> single(T value) {
        return List.of(value).iterator();
    }
}
