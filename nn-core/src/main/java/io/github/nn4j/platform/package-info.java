/**
 * The native settings nn4j makes before ND4J loads: the fastest OpenBLAS kernel family the CPU
 * can safely run, and OpenMP's passive wait policy. {@link io.github.nn4j.platform.Nn4jPlatform}
 * documents the system properties and tells which kernel runs; {@link io.github.nn4j.platform.PlatformPlan}
 * and {@link io.github.nn4j.platform.CpuInfo} hold what it decided and why;
 * {@link io.github.nn4j.platform.Nd4jLoadHook} is how it runs before ND4J without a call from the
 * user; {@link io.github.nn4j.platform.BlasKernel} is OpenBLAS's table of kernel families and
 * {@link io.github.nn4j.platform.PlatformPolicy} the choice among them, as
 * {@link io.github.nn4j.platform.Nd4jBuild} and {@link io.github.nn4j.platform.Nd4jBuildChoice}
 * are for libnd4j's builds. The native facts behind them are in
 * {@code io.github.nn4j.internal.platform}. A foundation package: it uses no other nn4j package.
 */
package io.github.nn4j.platform;
