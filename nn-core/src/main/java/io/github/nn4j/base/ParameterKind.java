package io.github.nn4j.base;

/**
 * What role a parameter plays, which decides how it is initialized and regularized.
 */
public enum ParameterKind {
    /** A connection weight: filled by the model's {@code Initializer}, penalized and decayed by default. */
    WEIGHT,
    /** A bias: starts at zero and is excluded from penalties and weight decay by default. */
    BIAS
}
