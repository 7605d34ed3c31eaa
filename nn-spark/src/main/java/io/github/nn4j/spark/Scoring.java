package io.github.nn4j.spark;

import io.github.nn4j.base.JavaArrays;
import io.github.nn4j.model.Sequential;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Scores a partition's rows chunk by chunk: reads the features of up to {@code chunk} rows, runs
 * the model once on them, and hands out each row with its output (or probabilities) and, for a
 * classifier, its predicted class appended. Memory stays at one chunk.
 */
final class Scoring implements Iterator<Row> {

    /** What the appended values are. */
    enum Probabilities {
        /** The outputs themselves. */
        NONE,
        /** The softmax of k ≥ 2 logits. */
        SOFTMAX,
        /** k ≥ 2 outputs that are probabilities already (the model ends with a softmax). */
        OUTPUTS,
        /** {@code [1 − σ(z), σ(z)]} of one logit z; class 1 when z &gt; 0. */
        SIGMOID,
        /** {@code [1 − p, p]} of one output p that is a probability already; class 1 when p ≥ 0.5. */
        BINARY_OUTPUT
    }

    private final Iterator<Row> rows;
    private final Sequential model;
    private final int featureIndex;
    private final Probabilities rule;
    private final boolean prediction;
    private final int chunk;
    private List<Row> ready = List.of();
    private int next;

    Scoring(Iterator<Row> rows, Sequential model, int featureIndex, Probabilities rule, boolean prediction, int chunk) {
        this.rows = rows;
        this.model = model;
        this.featureIndex = featureIndex;
        this.rule = rule;
        this.prediction = prediction;
        this.chunk = chunk;
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
        List<Row> inputs = new ArrayList<>(chunk);
        List<double[]> features = new ArrayList<>(chunk);
        while (rows.hasNext() && inputs.size() < chunk) {
            Row row = rows.next();
            inputs.add(row);
            features.add(RowReader.values(row, featureIndex));
        }
        INDArray x = Nd4j.create(features.toArray(new double[0][])).castTo(model.dataType());
        INDArray output = model.predict(x);
        int k = (int) output.columns();
        boolean doubles = model.dataType() == DataType.DOUBLE;
        double[] values = JavaArrays.toDoubles(output);
        List<Row> scored = new ArrayList<>(inputs.size());
        for (int r = 0; r < inputs.size(); r++) {
            Row row = inputs.get(r);
            double[] scores = java.util.Arrays.copyOfRange(values, r * k, (r + 1) * k);
            int predicted = switch (rule) {
                case SIGMOID -> scores[0] > 0 ? 1 : 0;
                case BINARY_OUTPUT -> scores[0] >= 0.5 ? 1 : 0;
                default -> JavaArrays.argmax(scores, 0, k);
            };
            if (rule == Probabilities.SOFTMAX) {
                softmaxInPlace(scores);
            } else if (rule == Probabilities.SIGMOID || rule == Probabilities.BINARY_OUTPUT) {
                double p = rule == Probabilities.SIGMOID ? sigmoid(scores[0]) : scores[0];
                scores = new double[] {1 - p, p};
            }
            Object[] fields = new Object[row.length() + (prediction ? 2 : 1)];
            for (int i = 0; i < row.length(); i++) {
                fields[i] = row.get(i);
            }
            fields[row.length()] = doubles ? scores : toFloats(scores);
            if (prediction) {
                fields[row.length() + 1] = predicted;
            }
            scored.add(RowFactory.create(fields));
        }
        ready = scored;
        next = 0;
    }

    /** The stable softmax of one row: {@code e^(z_i − max) / Σ_j e^(z_j − max)}. */
    static void softmaxInPlace(double[] z) {
        double max = Double.NEGATIVE_INFINITY;
        for (double value : z) {
            max = Math.max(max, value);
        }
        double sum = 0;
        for (int i = 0; i < z.length; i++) {
            z[i] = Math.exp(z[i] - max);
            sum += z[i];
        }
        for (int i = 0; i < z.length; i++) {
            z[i] /= sum;
        }
    }

    /** σ(z) = 1 / (1 + e^−z), computed on the side where {@code exp} cannot overflow. */
    static double sigmoid(double z) {
        return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
    }

    private static float[] toFloats(double[] values) {
        float[] floats = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            floats[i] = (float) values[i];
        }
        return floats;
    }
}
