package io.github.nn4j.base;

/**
 * What role a parameter plays, which decides how it starts, whether it is trained and how it is
 * regularized.
 */
public enum ParameterKind {
    /** A connection weight: filled by the model's {@code Initializer}, penalized and decayed by default. */
    WEIGHT,
    /** A bias: starts at zero and is excluded from penalties and weight decay by default. */
    BIAS,
    /**
     * A normalization layer's gain γ: starts at one and, like a bias, is excluded from penalties and
     * weight decay by default.
     */
    SCALE,
    /**
     * State that a layer updates itself in training instead of by gradient, such as batch
     * normalization's running mean and variance (what PyTorch calls buffers). It lives in the model's
     * state buffer, apart from the trained values: it has no gradient, and the optimizer, penalties,
     * weight decay and clipping never see it. It starts at its spec's
     * {@link ParameterSpec#initialValue() initial value}, is saved in the model file and copied by
     * {@code snapshot()}.
     */
    STATE;

    /** Whether values of this kind are trained by gradient (all kinds but {@link #STATE}). */
    public boolean trained() {
        return this != STATE;
    }
}
