package io.github.nn4j.train;

import io.github.nn4j.io.AtomicFile;
import io.github.nn4j.io.Section;
import io.github.nn4j.losses.Loss;
import io.github.nn4j.model.Sequential;
import io.github.nn4j.optim.GradientClipping;
import io.github.nn4j.optim.LearningRateSchedule;
import io.github.nn4j.optim.Optimizer;
import io.github.nn4j.optim.Regularization;
import io.github.nn4j.persist.ModelFile;
import io.github.nn4j.persist.OptimizerCodec;
import io.github.nn4j.persist.SavedModel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checkpoints of a training run: writing one, and reading one back as the settings of a trainer
 * that continues the run. A checkpoint is a model file ({@link ModelFile}) with the weights, the
 * optimizer with its state ({@link ModelFile#OPTIMIZER}) and the progress
 * ({@link ModelFile#TRAINING}: epochs done, seed, batch size, …), as Keras's
 * {@code ModelCheckpoint} and {@code initial_epoch} or a PyTorch checkpoint dictionary.
 *
 * <p>Not in a checkpoint: the loss, schedule, regularization, clipping and listeners (give them
 * again; the first is required, the others are compared with the checkpoint's descriptions and a
 * difference is logged as a warning), the epochs' {@link History}, and the state of listeners
 * such as {@link EarlyStopping}, which starts afresh.
 *
 * <p>Public for trainers outside this package (a data-parallel trainer writes and reads the
 * same checkpoints as {@link Trainer}).
 */
public final class Checkpoints {

    private static final Logger LOG = LoggerFactory.getLogger(Trainer.class);

    private Checkpoints() {
    }

    /**
     * Writes a checkpoint atomically.
     *
     * @param file      the target; an old file is replaced whole or left unchanged
     * @param model     the model
     * @param optimizer the optimizer, saved with its state
     * @param progress  how far training got, and its settings
     * @throws IOException when the file cannot be written
     */
    public static void write(Path file, Sequential model, Optimizer optimizer, TrainingProgress progress)
            throws IOException {
        Map<String, Section> sections = new LinkedHashMap<>();
        sections.put(ModelFile.OPTIMIZER, OptimizerCodec.write(optimizer));
        sections.put(ModelFile.TRAINING, progress.toSection());
        ModelFile.write(file, model, sections);
    }

    /**
     * {@link Trainer#saveCheckpoint} at the end of an epoch, where a failure must stop training;
     * then deletes what writes of a killed run left beside the file ({@link AtomicFile#deleteLeftovers}).
     *
     * @throws UncheckedIOException naming the epoch and file when the file cannot be written
     */
    static void writeAfterEpoch(Trainer trainer, Path file) {
        try {
            trainer.saveCheckpoint(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the checkpoint of epoch " + trainer.completedEpochs() + " to "
                    + file + ": " + e.getMessage(), e);
        }
        try {
            AtomicFile.deleteLeftovers(file);
        } catch (IOException e) {
            LOG.warn("cannot delete the temporary files a killed run left beside {}: {}", file, e.getMessage());
        }
    }

    /**
     * A builder holding a checkpoint's model, optimizer, seed, batch size, epoch count and
     * last-batch rule, and no loss.
     *
     * @throws IllegalArgumentException naming what is missing or wrong when the file is not a
     *                                  checkpoint, or its optimizer state does not fit its model
     */
    static TrainerBuilder resume(SavedModel checkpoint) {
        TrainerBuilder builder = new TrainerBuilder(checkpoint.model(), TrainingSettings.fromCheckpoint(checkpoint));
        builder.loss = null;
        return builder;
    }

    /**
     * The progress saved in a checkpoint.
     *
     * @param checkpoint a model file read with {@link ModelFile#readAll}
     * @return its {@link ModelFile#TRAINING} section
     * @throws IllegalArgumentException when the file is not a training checkpoint
     */
    static TrainingProgress progress(SavedModel checkpoint) {
        Section section = checkpoint.section(ModelFile.TRAINING).orElseThrow(() -> new IllegalArgumentException(
                "not a training checkpoint: the model file has no '" + ModelFile.TRAINING + "' section (it has "
                        + checkpoint.sections().keySet() + "); write one with TrainerBuilder.checkpoint(path)"));
        return TrainingProgress.fromSection(section);
    }

    /**
     * The optimizer saved in a checkpoint, with its state and step count.
     *
     * @param checkpoint a model file read with {@link ModelFile#readAll}
     * @return the optimizer
     * @throws IllegalArgumentException when the file has no optimizer, or its state does not fit the model
     */
    static Optimizer optimizer(SavedModel checkpoint) {
        Optimizer optimizer = checkpoint.optimizer().orElseThrow(() -> new IllegalArgumentException(
                "not a training checkpoint: the model file has no '" + ModelFile.OPTIMIZER + "' section"));
        long parameters = checkpoint.model().parameterCount();
        optimizer.state().forEach((name, buffer) -> {
            if (buffer.length() != parameters) {
                throw new IllegalArgumentException("the checkpoint's optimizer holds state '" + name + "' for "
                        + buffer.length() + " parameters, but its model has " + parameters);
            }
        });
        return optimizer;
    }

    /**
     * Logs a warning for each setting of a resumed run that differs from the checkpoint's.
     *
     * @param resumed        the checkpoint's progress
     * @param loss           the resumed run's loss
     * @param schedule       its schedule, or {@code null}
     * @param regularization its regularization, or {@code null}
     * @param clipping       its clipping, or {@code null}
     */
    static void warnIfChanged(TrainingProgress resumed, Loss loss, LearningRateSchedule schedule,
                              Regularization regularization, GradientClipping clipping) {
        warnIfChanged("loss", resumed.loss(), loss.getClass().getSimpleName());
        warnIfChanged("learning-rate schedule", resumed.schedule(), describe(schedule));
        warnIfChanged("regularization", resumed.regularization(), describe(regularization));
        warnIfChanged("gradient clipping", resumed.clipping(), describe(clipping));
    }

    /**
     * A setting as a checkpoint records it: its {@code toString()}, or {@code null} when unset.
     *
     * @param setting a schedule, regularization or clipping, or {@code null}
     * @return the description
     */
    public static String describe(Object setting) {
        return setting == null ? null : setting.toString();
    }

    private static void warnIfChanged(String what, String saved, String now) {
        if (!Objects.equals(saved, now)) {
            LOG.warn("resuming with {} {} where the checkpoint's run had {}; the result will differ from an "
                    + "uninterrupted run", what, now == null ? "none" : now, saved == null ? "none" : saved);
        }
    }
}
