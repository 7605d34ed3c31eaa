/**
 * Not API: for nn4j's own modules; may change without notice. What
 * {@link io.github.nn4j.platform.Nn4jPlatform} decides and applies with, and what nn-bench's
 * doctor prints: the OpenBLAS kernel families ({@link io.github.nn4j.internal.platform.BlasKernel})
 * and the choice among them ({@link io.github.nn4j.internal.platform.PlatformPolicy}), the
 * OpenBLAS libraries loaded ({@link io.github.nn4j.internal.platform.OpenBlasInfo}), the native
 * process environment ({@link io.github.nn4j.internal.platform.NativeEnvironment}), and a wait for
 * ND4J's off-heap memory to settle before tests and benchmarks measure it
 * ({@link io.github.nn4j.internal.platform.OffHeapSettling}).
 */
package io.github.nn4j.internal.platform;
