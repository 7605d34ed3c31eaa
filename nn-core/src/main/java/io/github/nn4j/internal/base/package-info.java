/**
 * Not API: for nn4j's own modules; may change without notice. The per-thread arrays an inference
 * pass reuses ({@link io.github.nn4j.internal.base.InferenceScratch}), which a model opens around
 * {@code predict} and {@code Buffers.output} hands out, and the rule by which a kept array serves a
 * new shape ({@link io.github.nn4j.internal.base.ArrayReuse}). Imports nothing of {@code base}.
 */
package io.github.nn4j.internal.base;
