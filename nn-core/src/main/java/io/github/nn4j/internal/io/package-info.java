/**
 * Not API: for nn4j's own modules; may change without notice. The bound on what compressed input
 * may inflate to ({@link io.github.nn4j.internal.io.Inflation}), shared by the readers of
 * {@code .npz} archives, model files and gzip IDX files.
 */
package io.github.nn4j.internal.io;
