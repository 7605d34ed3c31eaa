/**
 * Not API: for nn4j's own modules; may change without notice. Running a model over a whole data
 * set a chunk at a time ({@link io.github.nn4j.internal.model.ChunkedInference}), which evaluation
 * and the trainers' validation share.
 */
package io.github.nn4j.internal.model;
