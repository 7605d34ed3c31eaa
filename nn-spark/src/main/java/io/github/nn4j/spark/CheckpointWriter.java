package io.github.nn4j.spark;

import io.github.nn4j.train.Checkpoint;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;

/**
 * When and where a {@link SparkTrainer} writes checkpoints on the driver: after every epoch, and,
 * with {@code checkpointEvery(n)}, after every n steps within an epoch, to a local file
 * ({@code checkpoint(Path)}, whose per-epoch writes the shared epoch loop does) or a Hadoop URI
 * ({@code checkpoint(String)}).
 */
final class CheckpointWriter {

    private final SparkTrainer trainer;
    private final Path file;
    private final String uri;
    private final int every;
    private final Configuration conf;
    private int stepsSinceLast;

    CheckpointWriter(SparkTrainer trainer, Configuration conf) {
        this.trainer = trainer;
        this.file = trainer.settings.checkpoint();
        this.uri = trainer.spark.checkpointUri();
        this.every = trainer.spark.checkpointEvery();
        this.conf = conf;
    }

    /**
     * Counts {@code steps} more steps of the epoch and, when n have passed since the last
     * checkpoint and the epoch has steps left, writes a checkpoint at {@code position}.
     *
     * @throws UncheckedIOException naming the epoch, step and target when it cannot be written
     */
    void afterSteps(int steps, EpochPosition position, boolean epochDone) {
        stepsSinceLast += steps;
        if (every == 0 || epochDone || stepsSinceLast < every) {
            return;
        }
        Checkpoint checkpoint = new Checkpoint(trainer.model, trainer.optimizer,
                trainer.settings.progress(position.epoch() - 1, trainer.loss));
        write(new SparkCheckpoint(checkpoint, position), "epoch " + position.epoch() + " after step "
                + position.batches());
    }

    /**
     * After an epoch, with the trainer's completed epochs counted: the checkpoint behind a Hadoop
     * URI (the shared epoch loop writes a local file's).
     *
     * @throws UncheckedIOException naming the epoch and target when it cannot be written
     */
    void afterEpoch() {
        stepsSinceLast = 0;
        if (uri != null) {
            write(new SparkCheckpoint(trainer.checkpoint(), null), "epoch " + trainer.completedEpochs);
        }
    }

    private void write(SparkCheckpoint checkpoint, String when) {
        stepsSinceLast = 0;
        try {
            if (uri != null) {
                checkpoint.write(uri, conf);
            } else {
                checkpoint.write(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the checkpoint of " + when + " to "
                    + (uri != null ? uri : file) + ": " + e.getMessage(), e);
        }
    }
}
