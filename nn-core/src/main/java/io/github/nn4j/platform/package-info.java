/**
 * The native settings nn4j makes before ND4J loads: the fastest OpenBLAS kernel family the CPU
 * can safely run, and OpenMP's passive wait policy. {@link io.github.nn4j.platform.Nn4jPlatform}
 * documents the system properties; {@link io.github.nn4j.platform.Nd4jLoadHook} how it runs
 * before ND4J without a call from the user; {@link io.github.nn4j.internal.platform.OffHeapSettling} waits
 * for ND4J's off-heap memory to settle before it is measured. A foundation package: it uses no other nn4j package.
 */
package io.github.nn4j.platform;
