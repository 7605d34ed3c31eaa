/**
 * Not API: for nn4j's own modules; may change without notice. The machinery every trainer shares
 * ({@code Trainer} here, {@code SparkTrainer} in nn-spark): the epochs of a {@code fit} around the
 * trainer's own steps ({@link io.github.nn4j.internal.train.TrainingRun}: listeners, rollback of
 * a diverged epoch, checkpoints, history), the checked settings of a run
 * ({@link io.github.nn4j.train.TrainingSettings}, which {@code TrainingSettingsBuilder}
 * makes), and the per-epoch seeds of shuffling and dropout
 * ({@link io.github.nn4j.internal.train.EpochSeeds}).
 */
package io.github.nn4j.internal.train;
