/**
 * Watching one training step happen: {@link io.github.nn4j.trace.StepTrace} runs a small model
 * forward layer by layer, computes the loss, backpropagates layer by layer and applies the
 * optimizer, keeping a copy of every intermediate array, and renders them as text in the style
 * of a worked example ({@code z1 = X·W1 + b1}, {@code h1 = σ(z1)}, {@code dL/dW1 = Xᵀ·dL/dz1}, ...).
 *
 * <p>This package is for teaching and debugging. It sits beside the training path and never
 * changes it: {@code Sequential.forward}, {@code backward} and the optimizers run exactly as in
 * training, only the trace copies what they produce.
 */
package io.github.nn4j.trace;
