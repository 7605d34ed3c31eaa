package io.github.nn4j.dashboard;

/**
 * A classifier's confusion matrix on the validation data after one epoch.
 *
 * @param epoch  the epoch, 1-based
 * @param matrix {@code matrix[actual][predicted]} counts, as {@code ClassificationReport.confusionMatrix()}
 */
record Confusion(int epoch, long[][] matrix) {
}
