package io.github.nn4j.optim;

import io.github.nn4j.base.ParameterSet;
import io.github.nn4j.io.Section;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What {@link Adam} and {@link AdamW} share: the settings β₁, β₂ and ε, the moment estimates
 * {@code m} and {@code v}, and the update, whose formula and implementation are {@link Adam}'s.
 * The two differ only in their saved type and default weight decay. Saved settings:
 * {@code beta1}, {@code beta2}, {@code epsilon}.
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
        INDArray w = parameters.values();
        INDArray g = parameters.gradients();
        INDArray m = state.get(M);
        INDArray v = state.get(V);
        if (Adam.javaPath(w, g, m, v)) {
            Adam.javaStep(w, g, m, v, learningRate, beta1, beta2, epsilon, t);
        } else {
            update = Updates.buffer(update, parameters);
            Adam.nativeStep(w, g, m, v, update, learningRate, beta1, beta2, epsilon, t);
        }
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
