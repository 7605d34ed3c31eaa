/**
 * Not API: for nn4j's own modules; may change without notice. The per-thread arrays an inference
 * pass reuses ({@link io.github.nn4j.internal.base.InferenceScratch}), which a model opens around
 * {@code predict} and {@code Buffers.output} hands out.
 */
package io.github.nn4j.internal.base;
