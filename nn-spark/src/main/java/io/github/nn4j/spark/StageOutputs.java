package io.github.nn4j.spark;

import java.io.Serializable;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.types.StructType;

/**
 * What a Spark ML model stage appends to each row, and where: the positions of its columns in the
 * output schema (−1 for a column whose param is empty) and how outputs become MLlib's values.
 *
 * @param kind        how the network's outputs are read
 * @param raw         position of {@code rawPredictionCol}, or −1
 * @param probability position of {@code probabilityCol}, or −1
 * @param prediction  position of {@code predictionCol}, or −1
 * @param width       the number of columns of an output row
 * @param thresholds  MLlib's {@code thresholds}, or null
 */
record StageOutputs(Kind kind, int raw, int probability, int prediction, int width, double[] thresholds)
        implements Serializable {

    /** How the network's outputs are read. */
    enum Kind {
        /** k ≥ 2 logits: raw = logits, probability = softmax. */
        SOFTMAX,
        /** One logit z of class 1: raw = [−z, z], probability = [1 − σ(z), σ(z)]. */
        SIGMOID,
        /** One value: the prediction. */
        REGRESSION
    }

    /** The positions of the named columns in {@code schema}; an empty name gives −1. */
    static StageOutputs of(Kind kind, StructType schema, String raw, String probability, String prediction,
                           double[] thresholds) {
        return new StageOutputs(kind, position(schema, raw), position(schema, probability),
                position(schema, prediction), schema.length(), thresholds);
    }

    /** Whether the stage appends nothing (every output column's param is empty). */
    boolean none() {
        return raw < 0 && probability < 0 && prediction < 0;
    }

    /** Fills this stage's fields of an output row from the network's outputs {@code z} for the row. */
    void fill(Object[] fields, double[] z) {
        if (kind == Kind.REGRESSION) {
            if (prediction >= 0) {
                fields[prediction] = z[0];
            }
            return;
        }
        double[] scores = kind == Kind.SIGMOID ? new double[] {-z[0], z[0]} : z;
        if (raw >= 0) {
            fields[raw] = Vectors.dense(scores.clone());
        }
        double[] p = kind == Kind.SIGMOID ? sigmoidPair(z[0]) : softmax(z);
        if (probability >= 0) {
            fields[probability] = Vectors.dense(p);
        }
        if (prediction >= 0) {
            fields[prediction] = (double) predictedClass(p);
        }
    }

    /**
     * MLlib's rule: without thresholds the most probable class (the first on ties; for one logit,
     * class 1 when σ(z) &gt; 0.5); with them, the class of the largest {@code p_i / t_i}.
     */
    private int predictedClass(double[] p) {
        int best = 0;
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < p.length; i++) {
            double scaled = thresholds == null ? p[i] : p[i] / thresholds[i];
            if (scaled > max) {
                max = scaled;
                best = i;
            }
        }
        return best;
    }

    /** {@code [1 − σ(z), σ(z)]}. */
    static double[] sigmoidPair(double z) {
        double p = Scoring.sigmoid(z);
        return new double[] {1 - p, p};
    }

    /** The stable softmax: {@code e^(z_i − max) / Σ_j e^(z_j − max)}, in a new array. */
    static double[] softmax(double[] z) {
        double[] p = z.clone();
        Scoring.softmaxInPlace(p);
        return p;
    }

    private static int position(StructType schema, String name) {
        return name.isEmpty() ? -1 : schema.fieldIndex(name);
    }
}
