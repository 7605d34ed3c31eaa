package io.github.nn4j.optim;

import io.github.nn4j.base.ParameterSet;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.clip.ClipByValue;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Clipping by value, as PyTorch's {@code clip_grad_value_}: every gradient entry is clamped,
 * {@code g ← min(max(g, −limit), limit)}; unlike {@link GlobalNormClipping} this can change the
 * gradient's direction. One norm (for the return value) and one native clamp over the flat buffer.
 *
 * <pre>{@code
 * new ValueClipping(0.5).clip(model.parameterSet());
 * }</pre>
 *
 * @param limit the largest allowed magnitude of one entry, positive
 */
public record ValueClipping(double limit) implements GradientClipping {

    /** Checks the limit. */
    public ValueClipping {
        Checks.positive("limit", limit);
    }

    @Override
    public double clip(ParameterSet parameters) {
        INDArray gradients = parameters.gradients();
        double norm = gradients.norm2Number().doubleValue();
        ClipByValue clamp = new ClipByValue(gradients, -limit, limit);
        clamp.addOutputArgument(gradients);
        Nd4j.exec(clamp);
        return norm;
    }
}
