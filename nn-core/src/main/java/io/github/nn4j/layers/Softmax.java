package io.github.nn4j.layers;

import io.github.nn4j.base.Buffers;
import io.github.nn4j.base.Mode;
import io.github.nn4j.base.Shapes;
import io.github.nn4j.internal.kernels.SoftmaxKernels;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.gradient.SoftmaxBp;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Softmax over each row: {@code y_i = e^(z_i) / Σ_j e^(z_j)}, so every row is a probability
 * distribution. Computed stably (the row maximum is subtracted first), so logits of ±1000 give
 * exact 0s and 1s instead of overflow.
 *
 * <p>Backward for a general upstream gradient {@code g}:
 * {@code dL/dz = y ⊙ (g − Σ_j g_j·y_j)}.
 *
 * <p>For classification prefer ending the model with logits and training with
 * {@code Loss.softmaxCrossEntropy()}, which fuses softmax and cross-entropy stably; use this layer
 * when a model must output probabilities itself.
 */
public final class Softmax implements ShapePreserving {

    private final LayerOwner owner = new LayerOwner();

    private INDArray lastInput;
    private INDArray output;
    private INDArray inputGradient;

    /** Creates a softmax layer. */
    public Softmax() {
    }

    @Override
    public LayerOwner owner() {
        return owner;
    }

    @Override
    public String typeName() {
        return LayerType.SOFTMAX.typeName();
    }

    @Override
    public INDArray forward(INDArray input, Mode mode) {
        Shapes.requireBatch(input, this, "classes");
        INDArray result = Buffers.output(mode, output, input.rows(), input.columns(), input.dataType());
        if (mode == Mode.TRAIN) {
            output = result;
            lastInput = input;
        }
        SoftmaxKernels.softmax(input, result);
        return result;
    }

    @Override
    public INDArray backward(INDArray outputGradient, boolean needInputGradient) {
        BackwardCheck.check(this, output, outputGradient);
        if (!needInputGradient) {
            return null;
        }
        inputGradient = Buffers.reuse(inputGradient, output.rows(), output.columns(), output.dataType());
        Nd4j.exec(new SoftmaxBp(lastInput, outputGradient, inputGradient, 1));
        return inputGradient;
    }

    @Override
    public Map<String, Object> config() {
        return Map.of();
    }

    @Override
    public String toString() {
        return "Softmax()";
    }
}
