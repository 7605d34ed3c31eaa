package io.github.nn4j.layers;

import io.github.nn4j.base.Buffers;
import io.github.nn4j.base.Mode;
import io.github.nn4j.base.Shapes;
import io.github.nn4j.internal.kernels.LogSoftmaxKernels;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Log-softmax over each row: {@code y_i = z_i − log Σ_j e^(z_j)}, the log-probabilities of a
 * classifier, computed stably (the row maximum is subtracted inside the log-sum-exp). PyTorch's
 * {@code nn.LogSoftmax(dim=1)}; pair it with {@code Loss.negativeLogLikelihood()} as PyTorch pairs
 * it with {@code nn.NLLLoss}, which together equal {@code Loss.softmaxCrossEntropy()} on the logits.
 *
 * <p>Backward for an upstream gradient {@code g}: {@code dL/dz = g − softmax(z)·Σ_j g_j}, with
 * {@code softmax(z) = e^y}. Shapes {@code [batch, classes] → [batch, classes]}; no parameters.
 *
 * <pre>{@code
 * Sequential model = new Sequential(new Dense(784, 128), new ReLU(), new Dense(128, 10), new LogSoftmax());
 * Trainer.builder(model).loss(Loss.negativeLogLikelihood());   // …
 * }</pre>
 */
public final class LogSoftmax implements ShapePreserving {

    private final LayerOwner owner = new LayerOwner();

    private INDArray output;
    private INDArray rowSums;
    private INDArray inputGradient;

    /** Creates a log-softmax layer. */
    public LogSoftmax() {
    }

    @Override
    public LayerOwner owner() {
        return owner;
    }

    @Override
    public String typeName() {
        return LayerType.LOG_SOFTMAX.typeName();
    }

    @Override
    public INDArray forward(INDArray input, Mode mode) {
        Shapes.requireBatch(input, this, "classes");
        INDArray result = Buffers.output(mode, output, input.rows(), input.columns(), input.dataType());
        if (mode == Mode.TRAIN) {
            output = result;
        }
        LogSoftmaxKernels.forward(input, result);
        return result;
    }

    @Override
    public INDArray backward(INDArray outputGradient, boolean needInputGradient) {
        BackwardCheck.check(this, output, outputGradient);
        if (!needInputGradient) {
            return null;
        }
        rowSums = Buffers.reuse(rowSums, output.rows(), 1, output.dataType());
        inputGradient = Buffers.reuse(inputGradient, output.rows(), output.columns(), output.dataType());
        LogSoftmaxKernels.backward(output, outputGradient, rowSums, inputGradient);
        return inputGradient;
    }

    /** {@code log softmax} of the row and its gradient. */
    @Override
    public LayerFormulas formulas() {
        return LayerFormulas.of("{layer}", "{in} − log Σ_row e^{in}", "{dout} − e^{out} ⊙ Σ_row {dout}");
    }

    @Override
    public String toString() {
        return "LogSoftmax()";
    }
}
