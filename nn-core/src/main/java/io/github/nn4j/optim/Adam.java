package io.github.nn4j.optim;

import io.github.nn4j.base.ParameterSet;
import io.github.nn4j.internal.kernels.KernelPath;
import java.nio.FloatBuffer;
import java.util.stream.IntStream;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.updaters.AdamUpdater;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Adam: steps scaled by running estimates of each entry's gradient mean and uncentered variance,
 * in PyTorch's form and defaults ({@code lr = 1e-3}, {@code β₁ = 0.9}, {@code β₂ = 0.999},
 * {@code ε = 1e-8}). At step {@code t = 1, 2, …}:
 *
 * <pre>
 * m ← β₁·m + (1 − β₁)·g              v ← β₂·v + (1 − β₂)·g²      (both start at 0)
 * m̂ = m / (1 − β₁ᵗ)                  v̂ = v / (1 − β₂ᵗ)
 * w ← w − lr·m̂ / (√v̂ + ε)
 * </pre>
 * A float model is updated in one Java pass over the flat buffers (split between two threads
 * for long ones); a double model, or buffers that are views with gaps, by ND4J's
 * {@code AdamUpdater} operation followed by one subtraction.
 *
 * <p>Weight decay: {@link #weightDecay(double)} is <em>decoupled</em> here as in every nn4j
 * optimizer — each step starts with {@code w ← w − lr·λ·w} on the weights, which makes
 * {@code new Adam(lr).weightDecay(λ)} the same as {@code new AdamW(lr).weightDecay(λ)}. PyTorch's
 * {@code Adam(weight_decay=λ)} instead adds {@code λ·w} to the gradient (an L2 penalty, which the
 * adaptive scaling then weakens for entries with large gradients); get that with
 * {@code Regularization.l2(λ).addGradient(...)} before the step.
 *
 * <pre>{@code
 * Optimizer adam = new Adam(1e-3);
 * adam.step(model.parameterSet());
 * }</pre>
 *
 * <p>State: {@code "m"} and {@code "v"}, the moment estimates, and {@link #steps()} for the bias
 * correction. Left out: AMSGrad. {@link AdamW} is this optimizer with weight decay on by default.
 */
public sealed class Adam extends BaseOptimizer<Adam> permits AdamW {

    /** PyTorch's default learning rate. */
    public static final double DEFAULT_LEARNING_RATE = 1e-3;

    /** Float vectors at least this long are updated by two threads. */
    private static final int PARALLEL_MIN_ELEMENTS = 1 << 15;
    private static final String M = "m";
    private static final String V = "v";

    private double beta1 = 0.9;
    private double beta2 = 0.999;
    private double epsilon = 1e-8;
    private INDArray update;

    /** Creates Adam with learning rate 0.001. */
    public Adam() {
        this(DEFAULT_LEARNING_RATE);
    }

    /**
     * Creates Adam.
     *
     * @param learningRate the step size, positive
     */
    public Adam(double learningRate) {
        super(learningRate, M, V);
    }

    /**
     * The decay rates of the two moment estimates.
     *
     * @param beta1 β₁ in [0, 1); 0.9 by default
     * @param beta2 β₂ in [0, 1); 0.999 by default
     * @return this optimizer
     */
    public Adam betas(double beta1, double beta2) {
        this.beta1 = Checks.fraction("beta1", beta1);
        this.beta2 = Checks.fraction("beta2", beta2);
        return this;
    }

    /**
     * The term added to {@code √v̂} against division by zero.
     *
     * @param epsilon positive; 1e-8 by default
     * @return this optimizer
     */
    public Adam epsilon(double epsilon) {
        this.epsilon = Checks.positive("epsilon", epsilon);
        return this;
    }

    /** The decay rate β₁ of the first moment. */
    public final double beta1() {
        return beta1;
    }

    /** The decay rate β₂ of the second moment. */
    public final double beta2() {
        return beta2;
    }

    /** The term added to {@code √v̂}. */
    public final double epsilon() {
        return epsilon;
    }

    @Override
    public final void step(ParameterSet parameters) {
        state.bind(parameters);
        double lr = learningRate();
        decay.apply(parameters, lr);
        long t = state.steps() + 1;
        INDArray w = parameters.values();
        INDArray g = parameters.gradients();
        INDArray m = state.get(M);
        INDArray v = state.get(V);
        if (javaPath(w, g, m, v)) {
            javaStep(w, g, m, v, lr, beta1, beta2, epsilon, t);
        } else {
            update = Updates.buffer(update, parameters);
            nativeStep(w, g, m, v, update, lr, beta1, beta2, epsilon, t);
        }
        state.countStep();
    }

    @Override
    public final String toString() {
        return describe(", betas=(" + beta1 + ", " + beta2 + "), eps=" + epsilon);
    }

    /** Whether the Java pass applies: every buffer a float block (see {@link KernelPath#floatBlocks}). */
    static boolean javaPath(INDArray w, INDArray g, INDArray m, INDArray v) {
        return KernelPath.floatBlocks(w, g, m, v);
    }

    /**
     * Step {@code t} of the formula in one Java pass over float blocks. Both sides of
     * {@code lr·m̂/(√v̂ + ε) = (lr·√(1−β₂ᵗ)/(1−β₁ᵗ))·m/(√v + ε·√(1−β₂ᵗ))} are the same number, so
     * the loop divides by no bias correction per element. Each element's update is independent,
     * so splitting a long vector between two threads does not change the result.
     */
    static void javaStep(INDArray w, INDArray g, INDArray m, INDArray v, double lr, double beta1, double beta2,
                         double epsilon, long t) {
        double correction2 = Math.sqrt(1 - Math.pow(beta2, t));
        float stepSize = (float) (lr * correction2 / (1 - Math.pow(beta1, t)));
        float eps = (float) (epsilon * correction2);
        float b1 = (float) beta1;
        float b2 = (float) beta2;
        float c1 = (float) (1 - beta1);
        float c2 = (float) (1 - beta2);
        FloatBuffer wb = KernelPath.floats(w);
        FloatBuffer gb = KernelPath.floats(g);
        FloatBuffer mb = KernelPath.floats(m);
        FloatBuffer vb = KernelPath.floats(v);
        int n = (int) w.length();
        IntRange update = (from, to) -> {
            float[][] scratch = KernelPath.scratch();
            float[] ws = scratch[0];
            float[] gs = scratch[1];
            float[] ms = scratch[2];
            float[] vs = scratch[3];
            for (int start = from; start < to; start += KernelPath.CHUNK) {
                int length = Math.min(KernelPath.CHUNK, to - start);
                wb.get(start, ws, 0, length);
                gb.get(start, gs, 0, length);
                mb.get(start, ms, 0, length);
                vb.get(start, vs, 0, length);
                for (int i = 0; i < length; i++) {
                    float gi = gs[i];
                    float mi = b1 * ms[i] + c1 * gi;
                    float vi = b2 * vs[i] + c2 * gi * gi;
                    ms[i] = mi;
                    vs[i] = vi;
                    ws[i] -= stepSize * mi / ((float) Math.sqrt(vi) + eps);
                }
                wb.put(start, ws, 0, length);
                mb.put(start, ms, 0, length);
                vb.put(start, vs, 0, length);
            }
        };
        if (n < PARALLEL_MIN_ELEMENTS) {
            update.run(0, n);
        } else {
            IntStream.range(0, 2).parallel().forEach(half -> update.run(half == 0 ? 0 : n / 2, half == 0 ? n / 2 : n));
        }
    }

    /**
     * Step {@code t} of the formula with ND4J's {@code AdamUpdater}, which computes
     * {@code lr·√(1−β₂ᵗ)/(1−β₁ᵗ) · m/(√v + ε')} into {@code update}; given {@code ε' = ε·√(1−β₂ᵗ)}
     * that is {@code lr·m̂/(√v̂ + ε)}, which is then subtracted from {@code w}.
     */
    static void nativeStep(INDArray w, INDArray g, INDArray m, INDArray v, INDArray update, double lr, double beta1,
                           double beta2, double epsilon, long t) {
        double nativeEpsilon = epsilon * Math.sqrt(1 - Math.pow(beta2, t));
        int iteration = (int) Math.min(t - 1, Integer.MAX_VALUE - 1);
        Nd4j.exec(new AdamUpdater(g, v, m, update, v, m, lr, beta1, beta2, nativeEpsilon, iteration));
        w.subi(update);
    }

    /** Updates the elements {@code [from, to)}. */
    private interface IntRange {
        void run(int from, int to);
    }
}
