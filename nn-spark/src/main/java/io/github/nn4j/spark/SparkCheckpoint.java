package io.github.nn4j.spark;

import io.github.nn4j.io.AtomicFile;
import io.github.nn4j.io.Section;
import io.github.nn4j.optim.Optimizer;
import io.github.nn4j.persist.ModelFile;
import io.github.nn4j.persist.OptimizerCodec;
import io.github.nn4j.persist.SavedModel;
import io.github.nn4j.train.Checkpoint;
import io.github.nn4j.train.TrainingProgress;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;

/**
 * A checkpoint as {@link SparkTrainer} writes and reads it, on the driver's disk or behind a
 * Hadoop URI.
 *
 * <p>After an epoch it is {@code Trainer}'s checkpoint, byte for byte, so either trainer resumes
 * it. Between two steps of an epoch ({@code checkpointEvery}) it holds the model and the
 * optimizer as well, but its progress is in a section of its own, {@value #WITHIN_EPOCH}, which
 * adds to {@code Trainer}'s progress fields the steps done in the epoch and the sums of its
 * metrics so far ({@link EpochPosition}); it has no {@code training} section, so
 * {@code Trainer.resume} refuses it (it would run the epoch again from its start) and
 * {@link SparkTrainer#resume} continues it exactly.
 *
 * @param checkpoint the model, optimizer and progress (epochs completed)
 * @param position   where in the next epoch it was written, or {@code null} after an epoch
 */
record SparkCheckpoint(Checkpoint checkpoint, EpochPosition position) {

    /** The model-file section key of a checkpoint written within an epoch. */
    static final String WITHIN_EPOCH = "trainingWithinEpoch";
    /** Its section type. */
    static final String TYPE = "progress-within-epoch";

    /** Writes this checkpoint to a local file, atomically. */
    void write(Path file) throws IOException {
        if (position == null) {
            checkpoint.write(file);
            return;
        }
        Map<String, Section> sections = new LinkedHashMap<>();
        sections.put(ModelFile.OPTIMIZER, OptimizerCodec.write(checkpoint.optimizer()));
        sections.put(WITHIN_EPOCH, new Section(TYPE, position.addTo(checkpoint.progress().toSection().settings()),
                Map.of()));
        ModelFile.write(file, checkpoint.model(), sections);
        try {
            AtomicFile.deleteLeftovers(file);
        } catch (IOException ignored) {
            // leftovers of a killed write are harmless; the per-epoch write logs them
        }
    }

    /** Writes this checkpoint behind a Hadoop URI, replacing the old file whole or not at all. */
    void write(String uri, Configuration conf) throws IOException {
        HadoopFiles.write(uri, conf, this::write);
    }

    /**
     * Reads a checkpoint written after an epoch (by either trainer) or within one.
     *
     * @throws IOException              when the file cannot be read
     * @throws IllegalArgumentException when it is not a checkpoint
     */
    static SparkCheckpoint read(Path file) throws IOException {
        return of(ModelFile.readAll(file));
    }

    /** Reads a checkpoint behind a Hadoop URI. */
    static SparkCheckpoint read(String uri, Configuration conf) throws IOException {
        Path local = HadoopFiles.copyToLocal(uri, conf);
        try {
            return read(local);
        } finally {
            Files.deleteIfExists(local);
        }
    }

    private static SparkCheckpoint of(SavedModel saved) {
        Section within = saved.section(WITHIN_EPOCH).orElse(null);
        if (within == null || saved.section(ModelFile.TRAINING).isPresent()) {
            return new SparkCheckpoint(Checkpoint.read(saved), null);
        }
        within.requireType(TYPE);
        TrainingProgress progress = TrainingProgress.fromSection(new Section(TrainingProgress.TYPE,
                within.settings(), Map.of()));
        if (progress.epoch() >= progress.epochs()) {
            throw new IllegalArgumentException("checkpoint within epoch " + (progress.epoch() + 1) + " of a run of "
                    + progress.epochs() + " epochs");
        }
        Optimizer optimizer = saved.optimizer().orElseThrow(() -> new IllegalArgumentException(
                "not a training checkpoint: the model file has no '" + ModelFile.OPTIMIZER + "' section"));
        long parameters = saved.model().parameterCount();
        optimizer.state().forEach((name, buffer) -> {
            if (buffer.length() != parameters) {
                throw new IllegalArgumentException("the checkpoint's optimizer holds state '" + name + "' for "
                        + buffer.length() + " parameters, but its model has " + parameters);
            }
        });
        return new SparkCheckpoint(new Checkpoint(saved.model(), optimizer, progress),
                EpochPosition.from(within, progress.epoch() + 1));
    }
}
