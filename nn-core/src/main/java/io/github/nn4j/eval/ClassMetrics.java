package io.github.nn4j.eval;

/**
 * Precision, recall and F1 of one class, or an average of them over classes.
 *
 * <p>Precision is {@code TP / (TP + FP)}, recall {@code TP / (TP + FN)} and F1 their harmonic
 * mean {@code 2PR / (P + R)}; a ratio with a zero denominator counts as 0.
 *
 * @param name      the class name, or {@code "macro avg"} / {@code "weighted avg"}
 * @param precision the precision
 * @param recall    the recall
 * @param f1        the F1 score
 * @param support   the number of examples whose actual class this is (all examples for averages)
 */
public record ClassMetrics(String name, double precision, double recall, double f1, long support) {
}
