package io.github.nn4j.optim;

import io.github.nn4j.base.ParameterSet;
import io.github.nn4j.io.Section;
import io.github.nn4j.kernels.AdamKernel;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.updaters.AdamUpdater;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The Adam update shared by {@link Adam} and {@link AdamW}, which differ only in their saved type
 * and default weight decay. At step {@code t = 1, 2, …}:
 *
 * <pre>
 * m ← β₁·m + (1 − β₁)·g              v ← β₂·v + (1 − β₂)·g²      (both start at 0)
 * m̂ = m / (1 − β₁ᵗ)                  v̂ = v / (1 − β₂ᵗ)
 * w ← w − lr·m̂ / (√v̂ + ε)
 * </pre>
 * Float models take one pass of {@link AdamKernel#adam}; double models one fused native update
 * ({@code AdamUpdater}) and one subtraction over the whole model. The native op adds ε to the uncorrected {@code √v}; it is given {@code ε·√(1 − β₂ᵗ)} so the result
 * is the formula above exactly. Saved settings: {@code beta1}, {@code beta2}, {@code epsilon}.
 *
 * @param <T> the optimizer's own class, which the fluent setters return
 */
abstract class AdamRule<T extends AdamRule<T>> extends BaseOptimizer<T> {

    private static final String M = "m";
    private static final String V = "v";

    private double beta1 = 0.9;
    private double beta2 = 0.999;
    private double epsilon = 1e-8;
    private INDArray update;

    AdamRule(String name, String type, double learningRate) {
        super(name, type, learningRate, M, V);
    }

    /**
     * The decay rates of the two moment estimates.
     *
     * @param beta1 β₁ in [0, 1); 0.9 by default
     * @param beta2 β₂ in [0, 1); 0.999 by default
     * @return this optimizer
     */
    public T betas(double beta1, double beta2) {
        this.beta1 = Checks.fraction("beta1", beta1);
        this.beta2 = Checks.fraction("beta2", beta2);
        return self();
    }

    /**
     * The term added to {@code √v̂} against division by zero.
     *
     * @param epsilon positive; 1e-8 by default
     * @return this optimizer
     */
    public T epsilon(double epsilon) {
        this.epsilon = Checks.positive("epsilon", epsilon);
        return self();
    }

    @Override
    final void update(ParameterSet parameters, double learningRate) {
        long t = state.steps() + 1;
        INDArray m = state.get(M);
        INDArray v = state.get(V);
        if (AdamKernel.adam(parameters.values(), parameters.gradients(), m, v, learningRate, beta1, beta2, epsilon, t)) {
            return;
        }
        update = Updates.buffer(update, parameters);
        // The op computes lr·√(1−β₂ᵗ)/(1−β₁ᵗ) · m / (√v + ε'); with ε' = ε·√(1−β₂ᵗ) that is lr·m̂ / (√v̂ + ε).
        double nativeEpsilon = epsilon * Math.sqrt(1 - Math.pow(beta2, t));
        int iteration = (int) Math.min(t - 1, Integer.MAX_VALUE - 1);
        Nd4j.exec(new AdamUpdater(parameters.gradients(), v, m, update, v, m,
                learningRate, beta1, beta2, nativeEpsilon, iteration));
        parameters.values().subi(update);
    }

    @Override
    final void describe(Map<String, Object> settings) {
        settings.put("beta1", beta1);
        settings.put("beta2", beta2);
        settings.put("epsilon", epsilon);
    }

    @Override
    final void restoreSettings(Section section) {
        betas(section.number("beta1"), section.number("beta2"));
        epsilon(section.number("epsilon"));
    }

    @Override
    final String details() {
        return ", betas=(" + beta1 + ", " + beta2 + "), eps=" + epsilon;
    }
}
