package io.github.nn4j.optim;

import io.github.nn4j.base.ParameterSet;
import io.github.nn4j.internal.kernels.DirectBlas;
import io.github.nn4j.internal.kernels.DropoutKernels;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.same.Sign;
import org.nd4j.linalg.factory.Nd4j;

/**
 * L1 and L2 penalties on the weights, added to the objective:
 *
 * <pre>
 * objective = cost + λ₁·Σ|w| + (λ₂/2)·Σw²
 * ∂penalty/∂w = λ₁·sign(w) + λ₂·w
 * </pre>
 * Sums run over {@code ParameterKind.WEIGHT} entries ({@link ParameterSet#weightMask()}); biases
 * are excluded unless {@link #penalizeBiases(boolean) penalizeBiases(true)} is used (as the
 * optimizers' weight decay leaves them alone unless {@code decayBiases(true)}).
 * {@code sign(0) = 0}, the usual subgradient of {@code |w|} at 0.
 *
 * <p>Intended use in a training loop, after the backward pass and before clipping and the
 * optimizer step, with the penalty added to the reported loss:
 * <pre>{@code
 * Regularization regularization = Regularization.l2(1e-4);
 * double objective = loss.value(output, labels) + regularization.penalty(model.parameterSet());
 * model.backward(loss.gradient(output, labels));
 * regularization.addGradient(model.parameterSet());
 * optimizer.step(model.parameterSet());
 * }</pre>
 *
 * <p>L2 through the gradient is what PyTorch's {@code weight_decay} does for SGD and Adam; for
 * decoupled decay (AdamW's) use the optimizers' {@code weightDecay} instead. Each call is two to
 * four operations over the flat buffers, using one scratch buffer kept between calls, so an
 * instance belongs to one training loop (not thread-safe).
 */
public final class Regularization {

    private final double l1;
    private final double l2;
    private final boolean penalizeBiases;
    private INDArray scratch;

    /**
     * Creates a penalty with both terms.
     *
     * @param l1 λ₁ ≥ 0, the weight of {@code Σ|w|}
     * @param l2 λ₂ ≥ 0, the weight of {@code ½Σw²}
     */
    public Regularization(double l1, double l2) {
        this(l1, l2, false);
    }

    private Regularization(double l1, double l2, boolean penalizeBiases) {
        if (!(l1 >= 0) || !(l2 >= 0) || Double.isInfinite(l1) || Double.isInfinite(l2)) {
            throw new IllegalArgumentException("L1 and L2 strengths must be finite and at least 0, got l1 = " + l1
                    + ", l2 = " + l2);
        }
        this.l1 = l1;
        this.l2 = l2;
        this.penalizeBiases = penalizeBiases;
    }

    /**
     * An L1 penalty {@code λ₁·Σ|w|}, which drives weights to exactly zero.
     *
     * @param lambda λ₁ ≥ 0
     * @return the penalty
     */
    public static Regularization l1(double lambda) {
        return new Regularization(lambda, 0);
    }

    /**
     * An L2 penalty {@code (λ₂/2)·Σw²}, whose gradient is {@code λ₂·w}.
     *
     * @param lambda λ₂ ≥ 0
     * @return the penalty
     */
    public static Regularization l2(double lambda) {
        return new Regularization(0, lambda);
    }

    /**
     * The same penalty, applied to biases as well as weights or to weights only. A penalty is
     * immutable: this returns a new one.
     *
     * @param penalize true to penalize biases too; false (the default) for weights only
     * @return a new penalty
     */
    public Regularization penalizeBiases(boolean penalize) {
        return new Regularization(l1, l2, penalize);
    }

    /** λ₁. */
    public double l1() {
        return l1;
    }

    /** λ₂. */
    public double l2() {
        return l2;
    }

    /** Whether biases are penalized too. */
    public boolean penalizesBiases() {
        return penalizeBiases;
    }

    /**
     * The penalty {@code λ₁·Σ|w| + (λ₂/2)·Σw²} at the current parameter values.
     *
     * @param parameters the model's parameters
     * @return the value to add to the cost
     */
    public double penalty(ParameterSet parameters) {
        if (l1 == 0 && l2 == 0) {
            return 0;
        }
        INDArray w = penalized(parameters);
        double value = 0;
        if (l1 != 0) {
            value += l1 * w.norm1Number().doubleValue();
        }
        if (l2 != 0) {
            value += l2 / 2 * Nd4j.getBlasWrapper().dot(w, w);
        }
        return value;
    }

    /**
     * Adds {@code λ₁·sign(w) + λ₂·w} to the gradients of the penalized entries, in place.
     *
     * @param parameters the model's parameters, with gradients from the last backward pass
     */
    public void addGradient(ParameterSet parameters) {
        if (l1 == 0 && l2 == 0) {
            return;
        }
        INDArray w = penalized(parameters);
        INDArray gradients = parameters.gradients();
        if (l2 != 0) {
            DirectBlas.axpy(l2, w, gradients);
        }
        if (l1 != 0) {
            INDArray signs = scratchFor(parameters);
            Nd4j.exec(new Sign(w, signs));
            DirectBlas.axpy(l1, signs, gradients);
        }
    }

    /** The values with biases zeroed (in the scratch buffer), or the values themselves. */
    private INDArray penalized(ParameterSet parameters) {
        if (penalizeBiases) {
            return parameters.values();
        }
        INDArray masked = scratchFor(parameters);
        DropoutKernels.multiply(parameters.values(), parameters.weightMask(), masked);
        return masked;
    }

    private INDArray scratchFor(ParameterSet parameters) {
        INDArray values = parameters.values();
        if (scratch == null || scratch.length() != values.length() || scratch.dataType() != values.dataType()) {
            scratch = values.ulike();
        }
        return scratch;
    }

    @Override
    public String toString() {
        return "Regularization(l1=" + l1 + ", l2=" + l2 + (penalizeBiases ? ", with biases" : "") + ")";
    }
}
