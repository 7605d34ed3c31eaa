package io.github.nn4j.spark;

import io.github.nn4j.base.JavaArrays;
import io.github.nn4j.model.Sequential;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.UUID;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The {@code transform} of nn4j's Spark ML models: the network is broadcast, each executor JVM
 * rebuilds it once ({@link ServingModels}), and each partition is scored chunk by chunk, one
 * forward pass per {@value #CHUNK} rows, each row coming out with the stage's columns appended
 * ({@link StageOutputs}).
 *
 * <p>The broadcast lives as long as the returned DataFrame can be computed: nothing destroys it,
 * and Spark's context cleaner frees it once the DataFrame and its plans are garbage.
 */
final class StageScoring implements Iterator<Row> {

    static final int CHUNK = 1024;

    private final Iterator<Row> rows;
    private final Sequential network;
    private final int featureIndex;
    private final String featuresCol;
    private final StageOutputs outputs;
    private List<Row> ready = List.of();
    private int next;

    private StageScoring(Iterator<Row> rows, Sequential network, int featureIndex, String featuresCol,
                         StageOutputs outputs) {
        this.rows = rows;
        this.network = network;
        this.featureIndex = featureIndex;
        this.featuresCol = featuresCol;
        this.outputs = outputs;
    }

    /**
     * {@code data} with the stage's columns appended, computed lazily as Spark does.
     *
     * @param schema the output schema, from the stage's {@code transformSchema}
     */
    static Dataset<Row> transform(Dataset<?> data, StructType schema, Sequential network, String featuresCol,
                                  StageOutputs outputs) {
        if (outputs.none()) {
            return data.toDF();
        }
        JavaSparkContext context = JavaSparkContext.fromSparkContext(data.sparkSession().sparkContext());
        Broadcast<ServedModel> served = context.broadcast(new ServedModel(UUID.randomUUID().toString(),
                ModelSpec.of(network), FlatValues.of(network.parameterSet().values()),
                network.states().isEmpty() ? null : FlatValues.of(network.parameterSet().states())));
        int featureIndex = data.schema().fieldIndex(featuresCol);
        MapPartitionsFunction<Row, Row> score = partition -> new StageScoring(partition,
                ServingModels.get(served.value()), featureIndex, featuresCol, outputs);
        return data.toDF().mapPartitions(score, Encoders.row(schema));
    }

    @Override
    public boolean hasNext() {
        if (next < ready.size()) {
            return true;
        }
        if (!rows.hasNext()) {
            return false;
        }
        scoreNextChunk();
        return true;
    }

    @Override
    public Row next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return ready.get(next++);
    }

    private void scoreNextChunk() {
        int d = network.inputSize();
        List<Row> inputs = new ArrayList<>(CHUNK);
        double[] features = new double[CHUNK * d];
        while (rows.hasNext() && inputs.size() < CHUNK) {
            Row row = rows.next();
            double[] values = RowReader.values(row, featureIndex);
            if (values.length != d) {
                throw new IllegalArgumentException("column '" + featuresCol + "' holds " + values.length
                        + " features in a row, the network takes " + d);
            }
            System.arraycopy(values, 0, features, inputs.size() * d, d);
            inputs.add(row);
        }
        int n = inputs.size();
        double[] flat = n == CHUNK ? features : Arrays.copyOf(features, n * d);
        INDArray x = Nd4j.create(flat, new long[] {n, d}, 'c').castTo(network.dataType());
        INDArray output = network.predict(x);
        int k = (int) output.columns();
        double[] values = JavaArrays.toDoubles(output);
        List<Row> scored = new ArrayList<>(n);
        for (int r = 0; r < n; r++) {
            Row row = inputs.get(r);
            Object[] fields = new Object[outputs.width()];
            for (int i = 0; i < row.length(); i++) {
                fields[i] = row.get(i);
            }
            outputs.fill(fields, Arrays.copyOfRange(values, r * k, (r + 1) * k));
            scored.add(RowFactory.create(fields));
        }
        ready = scored;
        next = 0;
    }
}
