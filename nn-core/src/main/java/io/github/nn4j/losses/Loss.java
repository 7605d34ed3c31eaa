package io.github.nn4j.losses;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A loss function: the cost of a batch of predictions against their targets, and its gradient
 * with respect to the predictions.
 *
 * <p>Predictions are {@code [batch, outputs]}. Targets have the same shape; the classification
 * losses also take class indices as a {@code [batch]} or {@code [batch, 1]} array.
 *
 * <p>Each loss is a mean over examples of a per-example loss. A loss implements two things:
 * {@link #sum}, the per-example losses added up, and {@link #gradient(INDArray, INDArray, long)},
 * the gradient of that sum divided by a given number of examples. The mean and its gradient,
 * {@link #value} and {@link #gradient(INDArray, INDArray)}, divide by the batch's rows. Sums of
 * parts of a batch add up to the sum of the whole batch, and so do gradients divided by the whole
 * batch's size: that is how a batch split over workers gives the gradient of one machine.
 *
 * <p>A loss keeps its gradient buffer between calls, so one instance belongs to one training
 * loop; the array returned by {@link #gradient} is valid until the next call. With targets in
 * the predictions' shape and type, the softmax cross-entropy allocates nothing per call for float
 * batches of up to {@code KernelPath.javaMaxElements()} numbers, and the gradients of the mean
 * squared error and of the binary cross-entropy from logits allocate nothing; every other call
 * allocates temporary arrays of the predictions' size.
 *
 * <pre>{@code
 * Loss loss = Loss.softmaxCrossEntropy();          // from logits
 * double cost = loss.value(logits, labels);
 * INDArray dLogits = loss.gradient(logits, labels); // (softmax(logits) − onehot) / batch
 * }</pre>
 */
public interface Loss {

    /**
     * A short name such as {@code "mse"}.
     *
     * @return the name
     */
    String name();

    /**
     * The per-example losses of the batch, added up: {@code batch × value(predictions, targets)}
     * up to rounding.
     *
     * @param predictions the model's output, {@code [batch, outputs]}
     * @param targets     the expected output (or class indices, for classification losses)
     * @return the sum, a finite number for valid input
     */
    double sum(INDArray predictions, INDArray targets);

    /**
     * The mean loss over the batch: {@code sum(predictions, targets) / batch}.
     *
     * @param predictions the model's output, {@code [batch, outputs]}
     * @param targets     the expected output (or class indices, for classification losses)
     * @return the cost, a finite number for valid input
     */
    default double value(INDArray predictions, INDArray targets) {
        return sum(predictions, targets) / predictions.rows();
    }

    /**
     * d(sum / examples)/d(predictions): the gradient of the rows' summed loss divided by
     * {@code examples}. With {@code examples} = the batch's rows this is the gradient of the mean;
     * with the size of a larger batch that these rows are one part of, the parts' gradients add up
     * to the gradient of that batch's mean.
     *
     * @param predictions the model's output, {@code [rows, outputs]}
     * @param targets     the expected output (or class indices, for classification losses)
     * @param examples    what the sum is divided by, at least {@code rows}
     * @return the gradient, same shape as {@code predictions}; a buffer reused by the next call
     * @throws IllegalArgumentException when {@code examples} is below the number of rows
     */
    INDArray gradient(INDArray predictions, INDArray targets, long examples);

    /**
     * dCost/d(predictions), divided by the batch size as the cost is a mean:
     * {@code gradient(predictions, targets, batch)}.
     *
     * @param predictions the model's output, {@code [batch, outputs]}
     * @param targets     the expected output (or class indices, for classification losses)
     * @return the gradient, same shape as {@code predictions}; a buffer reused by the next call
     */
    default INDArray gradient(INDArray predictions, INDArray targets) {
        return gradient(predictions, targets, predictions == null ? 1 : predictions.rows());
    }

    /**
     * What the model's outputs mean under this loss, which says how to count accuracy
     * (default: {@link OutputKind#OTHER}, no accuracy).
     *
     * @return the kind of outputs this loss expects
     */
    default OutputKind outputKind() {
        return OutputKind.OTHER;
    }

    /**
     * Mean squared error, {@code (1/(N·D)) Σ (p − y)²} over all N·D outputs, for regression.
     *
     * @return a new loss
     */
    static Loss mse() {
        return new MeanSquaredError();
    }

    /**
     * Binary cross-entropy on probabilities in (0, 1):
     * {@code −(1/(N·D)) Σ [y·log p + (1 − y)·log(1 − p)]}, with p clipped so log(0) never occurs.
     *
     * @return a new loss
     */
    static Loss binaryCrossEntropy() {
        return new BinaryCrossEntropy();
    }

    /**
     * Binary cross-entropy fused with a sigmoid, on logits: the stable form of
     * {@code binaryCrossEntropy()} applied to {@code σ(z)}; its gradient is {@code (σ(z) − y)/(N·D)}.
     *
     * @return a new loss
     */
    static Loss binaryCrossEntropyFromLogits() {
        return new BinaryCrossEntropyFromLogits();
    }

    /**
     * Categorical cross-entropy on probabilities, {@code H(p, q) = −(1/N) Σ_i Σ_c p_ic·log q_ic},
     * with q clipped so log(0) never occurs. Targets: one-hot rows or class indices.
     *
     * @return a new loss
     */
    static Loss categoricalCrossEntropy() {
        return new CategoricalCrossEntropy();
    }

    /**
     * Softmax and cross-entropy fused, on logits: {@code (1/N) Σ_i [logΣ_c e^(z_ic) − Σ_c y_ic·z_ic]},
     * stable for any logits; gradient {@code (softmax(z) − y)/N}. The loss to use for
     * classification. Targets: one-hot rows or class indices.
     *
     * @return a new loss
     */
    static Loss softmaxCrossEntropy() {
        return new SoftmaxCrossEntropy();
    }

    /**
     * Negative log-likelihood on log-probabilities (after a {@code LogSoftmax} layer), as PyTorch's
     * {@code NLLLoss}: {@code −(1/N) Σ_i Σ_c y_ic·ŷ_ic}; gradient {@code −y/N}. Targets: one-hot rows
     * or class indices. With {@code LogSoftmax} it equals {@link #softmaxCrossEntropy()} on the logits.
     *
     * @return a new loss
     */
    static Loss negativeLogLikelihood() {
        return new NegativeLogLikelihood();
    }

    /**
     * Kullback–Leibler divergence of the predicted distribution q from the target distribution p,
     * {@code (1/N) Σ_i Σ_c p_ic·(log p_ic − log q_ic)}, with {@code 0·log 0 = 0}.
     *
     * @return a new loss
     */
    static Loss klDivergence() {
        return new KLDivergence();
    }
}
