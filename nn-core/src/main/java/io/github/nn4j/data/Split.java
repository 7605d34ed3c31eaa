package io.github.nn4j.data;

/**
 * A data set cut in two: examples to train on and examples held out to validate on.
 *
 * @param train      the training part
 * @param validation the held-out part
 */
public record Split(DataSet train, DataSet validation) {
}
