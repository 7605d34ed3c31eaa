package io.github.nn4j.base;

/**
 * Whether a forward pass is part of training or of inference.
 *
 * <p>Layers such as dropout behave differently in the two modes: in {@link #TRAIN} they
 * randomize and remember what backpropagation needs; in {@link #EVAL} they are deterministic
 * and remember nothing, so inference can run from many threads at once.
 */
public enum Mode {
    /** Training: stochastic layers are active and the pass is recorded for {@code backward}. */
    TRAIN,
    /** Inference: deterministic, stateless, safe to call concurrently. */
    EVAL
}
