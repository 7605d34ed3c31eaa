package io.github.nn4j.losses;

import io.github.nn4j.base.Buffers;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Kullback–Leibler divergence of predictions q from targets p, both probability rows:
 * {@code L = (1/N) Σ_i Σ_c p_ic·(log p_ic − log q_ic)}, with {@code 0·log 0 = 0} and q clipped
 * to {@code [ε, 1]}. Gradient with respect to q: {@code −p/(q·N)}.
 *
 * <p>It equals cross-entropy minus the targets' entropy, so it is 0 exactly when q = p. Each call
 * allocates temporary arrays of the predictions' size.
 */
public final class KLDivergence implements Loss {

    private final Targets targets = new Targets();
    private INDArray gradient;

    @Override
    public String name() {
        return "kl_divergence";
    }

    @Override
    public double sum(INDArray predictions, INDArray targetValues) {
        INDArray p = targets.match(name(), predictions, targetValues, true);
        INDArray logQ = Transforms.log(ProbabilityFloor.atLeastEpsilon(predictions), false);
        // p·log p with 0·log 0 = 0: log of max(p, tiny) is finite, and the product is 0 where p is 0.
        INDArray logP = Transforms.log(Transforms.max(p, 1e-30, true), false);
        return p.mul(logP.subi(logQ)).sumNumber().doubleValue();
    }

    @Override
    public INDArray gradient(INDArray predictions, INDArray targetValues, long examples) {
        INDArray p = targets.match(name(), predictions, targetValues, true);
        long count = Targets.examples(name(), predictions, examples);
        gradient = Buffers.reuse(gradient, predictions.rows(), predictions.columns(), predictions.dataType());
        INDArray q = ProbabilityFloor.atLeastEpsilon(predictions);
        return p.div(q, gradient).muli(-1.0 / count);
    }
}
