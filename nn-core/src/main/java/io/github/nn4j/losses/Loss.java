package io.github.nn4j.losses;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A loss function: the cost of a batch of predictions against their targets, as the mean over
 * the batch, and its gradient with respect to the predictions.
 *
 * <p>Predictions are {@code [batch, outputs]}. Targets have the same shape; the classification
 * losses also take class indices as a {@code [batch]} or {@code [batch, 1]} array.
 *
 * <p>A loss keeps its gradient buffer between calls (the training loop allocates nothing), so
 * one instance belongs to one training loop; the array returned by {@link #gradient} is valid
 * until the next call.
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
     * The mean loss over the batch.
     *
     * @param predictions the model's output, {@code [batch, outputs]}
     * @param targets     the expected output (or class indices, for classification losses)
     * @return the cost, a finite number for valid input
     */
    double value(INDArray predictions, INDArray targets);

    /**
     * dCost/d(predictions), already divided by the batch size as the cost is a mean.
     *
     * @param predictions the model's output, {@code [batch, outputs]}
     * @param targets     the expected output (or class indices, for classification losses)
     * @return the gradient, same shape as {@code predictions}; a buffer reused by the next call
     */
    INDArray gradient(INDArray predictions, INDArray targets);

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
     * Kullback–Leibler divergence of the predicted distribution q from the target distribution p,
     * {@code (1/N) Σ_i Σ_c p_ic·(log p_ic − log q_ic)}, with {@code 0·log 0 = 0}.
     *
     * @return a new loss
     */
    static Loss klDivergence() {
        return new KLDivergence();
    }
}
