package io.github.nn4j.losses;

import io.github.nn4j.base.JavaArrays;
import java.util.function.IntUnaryOperator;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What a model's outputs mean under a loss ({@link Loss#outputKind()}), which decides whether and
 * how accuracy is counted: the predicted class of an output row.
 */
public enum OutputKind {

    /** One score per class, logits or probabilities; the predicted class is the largest (the first on ties). */
    CLASS_SCORES,
    /** One logit of class 1; class 1 when it is above 0. */
    BINARY_LOGIT,
    /** One probability of class 1; class 1 when it is at least 0.5. */
    BINARY_PROBABILITY,
    /** Regression or anything else: no classes, so no accuracy. */
    OTHER;

    /**
     * This kind if a model with {@code outputs} outputs fits it (class scores need at least two,
     * the binary kinds exactly one), otherwise {@link #OTHER}.
     *
     * @param outputs the model's output size
     * @return the kind to count accuracy with
     */
    public OutputKind forOutputs(int outputs) {
        boolean fits = switch (this) {
            case CLASS_SCORES -> outputs > 1;
            case BINARY_LOGIT, BINARY_PROBABILITY -> outputs == 1;
            case OTHER -> true;
        };
        return fits ? this : OTHER;
    }

    /** Whether outputs of this kind name a class, so accuracy can be counted. */
    public boolean hasClasses() {
        return this != OTHER;
    }

    /**
     * The predicted class of one output row.
     *
     * @param outputs a row-major matrix of outputs, e.g. from {@link JavaArrays#toFloats}
     * @param from    where the row starts
     * @param length  the row's length
     * @return the class index
     * @throws IllegalStateException for {@link #OTHER}
     */
    public int predictedClass(float[] outputs, int from, int length) {
        return switch (this) {
            case CLASS_SCORES -> JavaArrays.argmax(outputs, from, length);
            case BINARY_LOGIT -> outputs[from] > 0 ? 1 : 0;
            case BINARY_PROBABILITY -> outputs[from] >= 0.5 ? 1 : 0;
            case OTHER -> throw new IllegalStateException("outputs of kind OTHER name no class");
        };
    }

    /**
     * Counts the rows of a batch's outputs whose {@link #predictedClass predicted class} is their
     * actual class, reading the outputs with one bulk copy into Java (no native operation).
     *
     * @param outputs     the model's outputs {@code [rows, k]}
     * @param actualClass the actual class of row {@code r}, for {@code r} from 0
     * @return the number of correct predictions
     * @throws IllegalStateException for {@link #OTHER}
     */
    public long countCorrect(INDArray outputs, IntUnaryOperator actualClass) {
        return countCorrect(JavaArrays.toFloats(outputs), (int) outputs.rows(), (int) outputs.columns(), actualClass);
    }

    /**
     * Counts correct predictions as {@link #countCorrect(INDArray, IntUnaryOperator)} does, on outputs
     * already copied into a Java array.
     *
     * @param outputs     at least {@code rows·k} values, row-major
     * @param rows        the rows to count
     * @param k           the values per row
     * @param actualClass the actual class of row {@code r}, for {@code r} from 0
     * @return the number of correct predictions
     * @throws IllegalStateException for {@link #OTHER}
     */
    public long countCorrect(float[] outputs, int rows, int k, IntUnaryOperator actualClass) {
        long correct = 0;
        for (int r = 0; r < rows; r++) {
            if (predictedClass(outputs, r * k, k) == actualClass.applyAsInt(r)) {
                correct++;
            }
        }
        return correct;
    }
}
