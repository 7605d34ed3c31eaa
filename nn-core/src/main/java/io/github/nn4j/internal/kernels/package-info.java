/**
 * Not API: for nn4j's own modules; may change without notice. The arithmetic under layers,
 * activations, losses, optimizers and models; nn-bench measures it.
 *
 * <p>Element-wise kernels of the training step, each in two implementations: a plain Java loop
 * over the array's off-heap memory for float arrays, which for the sizes of a training step
 * finishes before one ND4J native call would be dispatched, and ND4J's native operations for the
 * rest. {@link io.github.nn4j.internal.kernels.KernelPath} states the one rule that chooses
 * between them. Both compute the same formulas (up to float rounding: the Java loops accumulate
 * some sums in double); tests hold them to each other. The measurements behind the rule are in
 * {@code docs/performance.md}.
 *
 * <p>The products themselves go to OpenBLAS directly: {@link io.github.nn4j.internal.kernels.DirectBlas}
 * calls GEMM (GEMV for one row where faster) and AXPY on the arrays' memory, with
 * {@code Nd4j.gemm} for layouts it does not take. No kernel allocates per call: NIO views of the
 * buffers are kept per thread, and so are the native pointers.
 */
package io.github.nn4j.internal.kernels;
