package io.github.nn4j.model;

import io.github.nn4j.base.Buffers;
import io.github.nn4j.base.Mode;
import io.github.nn4j.internal.base.InferenceScratch;
import io.github.nn4j.internal.kernels.KernelPath;
import io.github.nn4j.layers.Layer;
import io.github.nn4j.layers.Softmax;
import java.nio.FloatBuffer;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Predictions with plain {@code float[]} in and out, for JVM applications that serve a model:
 * no ND4J type in sight, and for a float model, once a thread has predicted a batch size, no
 * allocation per call but the array a method returns (none for {@link #predictClass} and
 * {@link #predict(float[], float[])}).
 *
 * <pre>{@code
 * Predictor predictor = model.predictor();
 * float[] logits = predictor.predict(pixels);     // 784 numbers in, 10 out
 * int label = predictor.predictClass(pixels);     // the index of the largest output
 * }</pre>
 *
 * <p>Threads: a predictor holds no buffers of its own: each calling thread runs the model in its
 * own reusable arrays (the ones {@link Sequential#predict} uses), as large as the largest batch
 * that thread has predicted. So one predictor may serve many threads at once, and making one is
 * free (no copy of the weights). It reads the model's weights at every call: do not train the
 * model while it serves; publish {@link Sequential#snapshot() snapshots} and make a predictor of
 * the current one ({@code snapshot.predictor()}), as cheap per request as per snapshot.
 *
 * <p>Numbers: the same computation as {@link Sequential#predict} on the same rows, so the same
 * results bitwise. Input is checked: a row of the wrong length, or with NaN or an infinity, is
 * rejected with an {@link IllegalArgumentException} that says where.
 */
public final class Predictor {

    private final Sequential model;
    private final List<Layer> layers;
    private final int inputs;
    private final int outputs;
    private final boolean endsInSoftmax;

    /**
     * @param model a model whose layers fix its input width
     * @throws IllegalArgumentException when no layer fixes the input width
     */
    Predictor(Sequential model) {
        if (model.inputSize() == Layer.ANY_SIZE) {
            throw new IllegalArgumentException("a predictor needs a model whose layers fix the number of inputs, as "
                    + "a Dense layer does; " + model + " takes any");
        }
        this.model = model;
        this.layers = model.layers();
        this.inputs = model.inputSize();
        this.outputs = model.outputSize();
        this.endsInSoftmax = layers.get(layers.size() - 1) instanceof Softmax;
    }

    /** The number of inputs a row has. */
    public int inputSize() {
        return inputs;
    }

    /** The number of outputs a row gets. */
    public int outputSize() {
        return outputs;
    }

    /**
     * The model's outputs for one row.
     *
     * @param row {@link #inputSize()} finite numbers
     * @return {@link #outputSize()} numbers, a new array
     * @throws IllegalArgumentException when the row has another length or a NaN or infinite value
     */
    public float[] predict(float[] row) {
        check(row, 1);
        float[] output = new float[outputs];
        run(row, 1, output);
        return output;
    }

    /**
     * The model's outputs for a batch of rows, written into the caller's array.
     *
     * @param rows   the rows one after another: {@code n × inputSize()} finite numbers, n ≥ 1
     * @param output receives the outputs one row after another: {@code n × outputSize()} numbers
     * @throws IllegalArgumentException when a length does not fit, or a value is NaN or infinite
     */
    public void predict(float[] rows, float[] output) {
        int count = rows == null ? 0 : Math.max(1, rows.length / inputs);
        check(rows, count);
        if (output == null || output.length != count * outputs) {
            throw new IllegalArgumentException("the output array must hold " + count + " × " + outputs + " = "
                    + count * outputs + " numbers, got " + (output == null ? "null" : output.length));
        }
        run(rows, count, output);
    }

    /**
     * The index of the largest output (the first on ties): the predicted class of a classifier,
     * whether it ends in logits or in a {@link Softmax}. Allocates nothing.
     *
     * @param row {@link #inputSize()} finite numbers
     * @return the class, in {@code [0, outputSize())}
     * @throws IllegalStateException    when the model has a single output (use {@link #predict(float[])})
     * @throws IllegalArgumentException when the row has another length or a NaN or infinite value
     */
    public int predictClass(float[] row) {
        requireClasses();
        check(row, 1);
        int saved = InferenceScratch.begin();
        try {
            FloatBuffer scores = outputsOf(row, 1);
            int best = 0;
            for (int c = 1; c < outputs; c++) {
                if (scores.get(c) > scores.get(best)) {
                    best = c;
                }
            }
            return best;
        } finally {
            InferenceScratch.end(saved);
        }
    }

    /**
     * Class probabilities for one row: the softmax of the outputs, taken to be logits, or the
     * outputs themselves when the model ends with a {@link Softmax} layer (the rule of nn-spark's
     * {@code SparkPredictor}). The softmax subtracts the largest logit first, sums in double and
     * rounds each probability to float once.
     *
     * @param row {@link #inputSize()} finite numbers
     * @return {@link #outputSize()} probabilities that sum to 1 (up to rounding), a new array
     * @throws IllegalStateException    when the model has a single output
     * @throws IllegalArgumentException when the row has another length or a NaN or infinite value
     */
    public float[] predictProbabilities(float[] row) {
        requireClasses();
        float[] p = predict(row);
        if (!endsInSoftmax) {
            float max = Float.NEGATIVE_INFINITY;
            for (float logit : p) {
                max = Math.max(max, logit);
            }
            double sum = 0;
            for (int c = 0; c < p.length; c++) {
                p[c] = (float) Math.exp(p[c] - max);
                sum += p[c];
            }
            for (int c = 0; c < p.length; c++) {
                p[c] = (float) (p[c] / sum);
            }
        }
        return p;
    }

    /** The model this predictor runs. */
    public Sequential model() {
        return model;
    }

    /**
     * Runs the checked rows through the model inside an inference pass the caller has begun.
     *
     * @return a view of the output rows, index 0 the first output of the first row
     */
    private FloatBuffer outputsOf(float[] rows, int count) {
        DataType type = model.dataType();
        INDArray x = Buffers.output(Mode.EVAL, null, count, inputs, type);
        if (type == DataType.FLOAT) {
            KernelPath.floats(x).put(0, rows, 0, count * inputs);
        } else {
            x.assign(org.nd4j.linalg.factory.Nd4j.create(rows, new long[] {count, inputs}, 'c').castTo(type));
        }
        for (int i = 0; i < layers.size(); i++) {   // indexed: an iterator per call would be garbage
            x = layers.get(i).forward(x, Mode.EVAL);
        }
        return type == DataType.FLOAT ? KernelPath.floats(x) : FloatBuffer.wrap(x.castTo(DataType.FLOAT).data().asFloat());
    }

    /** Runs checked rows through the model into {@code output}. */
    private void run(float[] rows, int count, float[] output) {
        int saved = InferenceScratch.begin();
        try {
            outputsOf(rows, count).get(0, output, 0, count * outputs);
        } finally {
            InferenceScratch.end(saved);
        }
    }

    /** Checks that {@code rows} holds {@code count} rows of finite numbers. */
    private void check(float[] rows, int count) {
        if (rows == null || rows.length != count * inputs) {
            String got = rows == null ? "null"
                    : rows.length + " numbers" + (count == 1 ? "" : ", not a whole number of rows");
            throw new IllegalArgumentException("the model takes rows of " + inputs + " numbers; got " + got);
        }
        for (int i = 0; i < rows.length; i++) {
            if (!Float.isFinite(rows[i])) {
                throw new IllegalArgumentException("input row " + i / inputs + ", column " + i % inputs + " is "
                        + rows[i] + ": the model takes finite numbers only");
            }
        }
    }

    private void requireClasses() {
        if (outputs < 2) {
            throw new IllegalStateException(model + " has a single output, which names no class: use predict()");
        }
    }
}
