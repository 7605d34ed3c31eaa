package io.github.nn4j.train;

import io.github.nn4j.io.AtomicFile;
import io.github.nn4j.io.Section;
import io.github.nn4j.model.Sequential;
import io.github.nn4j.optim.Optimizer;
import io.github.nn4j.persist.ModelFile;
import io.github.nn4j.persist.OptimizerCodec;
import io.github.nn4j.persist.SavedModel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A checkpoint of a training run, and its file: a model file ({@link ModelFile}) with the
 * weights, the optimizer with its state ({@link ModelFile#OPTIMIZER}) and the progress
 * ({@link ModelFile#TRAINING}: epochs done, seed, batch size, …), as Keras's
 * {@code ModelCheckpoint} and {@code initial_epoch} or a PyTorch checkpoint dictionary. Trainers
 * write one after an epoch, and read one to continue its run; it knows no trainer.
 *
 * <p>Not in a checkpoint: the loss, schedule, regularization, clipping and listeners (give them
 * again; the first is required, the others are compared with the checkpoint's descriptions and a
 * difference is logged as a warning), the epochs' {@link History}, and the state of listeners
 * such as {@link EarlyStopping}, which starts afresh.
 *
 * @param model     the model, with its weights
 * @param optimizer the optimizer, with its settings, step count and state
 * @param progress  how far training got, and the settings a resumed run continues with
 */
public record Checkpoint(Sequential model, Optimizer optimizer, TrainingProgress progress) {

    private static final Logger LOG = LoggerFactory.getLogger(Checkpoint.class);

    /**
     * Reads a checkpoint file.
     *
     * @param file a file written by {@link #write}
     * @return the checkpoint
     * @throws IOException              when the file cannot be read
     * @throws IllegalArgumentException naming what is missing or wrong when it is not a checkpoint
     * @see #read(SavedModel)
     */
    public static Checkpoint read(Path file) throws IOException {
        return read(ModelFile.readAll(file));
    }

    /**
     * Takes the checkpoint out of a model file already read.
     *
     * @param saved what {@link ModelFile#readAll} read from a checkpoint
     * @return the checkpoint
     * @throws IllegalArgumentException naming what is missing or wrong when the file has no
     *                                  progress or no optimizer, its progress is out of range, or
     *                                  its optimizer state does not fit its model
     */
    public static Checkpoint read(SavedModel saved) {
        Section section = saved.section(ModelFile.TRAINING).orElseThrow(() -> new IllegalArgumentException(
                "not a training checkpoint: the model file has no '" + ModelFile.TRAINING + "' section (it has "
                        + saved.sections().keySet() + "); write one with TrainerBuilder.checkpoint(path)"));
        TrainingProgress progress = TrainingProgress.fromSection(section);
        Optimizer optimizer = saved.optimizer().orElseThrow(() -> new IllegalArgumentException(
                "not a training checkpoint: the model file has no '" + ModelFile.OPTIMIZER + "' section"));
        long parameters = saved.model().parameterCount();
        optimizer.state().forEach((name, buffer) -> {
            if (buffer.length() != parameters) {
                throw new IllegalArgumentException("the checkpoint's optimizer holds state '" + name + "' for "
                        + buffer.length() + " parameters, but its model has " + parameters);
            }
        });
        return new Checkpoint(saved.model(), optimizer, progress);
    }

    /**
     * Checks that an optimizer can be written into a checkpoint, so that a run fails when it is
     * configured rather than after its first epoch.
     *
     * @param optimizer the optimizer
     * @throws UnsupportedOperationException when it cannot be saved (one written outside nn4j)
     */
    static void requireSaveable(Optimizer optimizer) {
        optimizerSection(optimizer);
    }

    /**
     * Writes this checkpoint atomically.
     *
     * @param file the target, conventionally ending in {@code .nn4j}; an old file is replaced
     *             whole or left unchanged
     * @throws IOException                   when the file cannot be written
     * @throws UnsupportedOperationException when the optimizer cannot be saved
     */
    public void write(Path file) throws IOException {
        Map<String, Section> sections = new LinkedHashMap<>();
        sections.put(ModelFile.OPTIMIZER, optimizerSection(optimizer));
        sections.put(ModelFile.TRAINING, progress.toSection());
        ModelFile.write(file, model, sections);
    }

    /**
     * Writes this checkpoint at the end of an epoch, where a failure must stop training; then
     * deletes what writes of a killed run left beside the file ({@link AtomicFile#deleteLeftovers}),
     * logging a warning when it cannot.
     *
     * @param file the target
     * @throws UncheckedIOException naming the epoch and file when the file cannot be written
     */
    public void writeAfterEpoch(Path file) {
        try {
            write(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the checkpoint of epoch " + progress.epoch() + " to "
                    + file + ": " + e.getMessage(), e);
        }
        try {
            AtomicFile.deleteLeftovers(file);
        } catch (IOException e) {
            LOG.warn("cannot delete the temporary files a killed run left beside {}: {}", file, e.getMessage());
        }
    }

    private static Section optimizerSection(Optimizer optimizer) {
        return OptimizerCodec.write(optimizer);
    }
}
