/**
 * Not API: for nn4j's own modules; may change without notice. The machinery every trainer shares
 * ({@code Trainer} here, {@code SparkTrainer} in nn-spark): the checked settings of a run
 * ({@link io.github.nn4j.internal.train.TrainingSettings}, which {@code TrainingSettingsBuilder}
 * makes), the per-epoch seeds of shuffling and dropout
 * ({@link io.github.nn4j.internal.train.EpochSeeds}), and the rollback of an epoch whose loss
 * stopped being finite ({@link io.github.nn4j.internal.train.EpochRollback}).
 */
package io.github.nn4j.internal.train;
