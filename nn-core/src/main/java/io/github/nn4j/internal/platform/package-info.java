/**
 * Not API: for nn4j's own modules; may change without notice. The native facts
 * {@link io.github.nn4j.platform.Nn4jPlatform} and nn-bench's doctor read: the OpenBLAS libraries
 * loaded ({@link io.github.nn4j.internal.platform.OpenBlasInfo}), the native process environment
 * ({@link io.github.nn4j.internal.platform.NativeEnvironment}), and a wait for ND4J's off-heap
 * memory to settle before tests and benchmarks measure it
 * ({@link io.github.nn4j.internal.platform.OffHeapSettling}). Imports nothing of {@code platform}.
 */
package io.github.nn4j.internal.platform;
