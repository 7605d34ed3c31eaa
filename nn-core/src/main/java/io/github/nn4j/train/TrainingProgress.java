package io.github.nn4j.train;

import io.github.nn4j.io.JsonFields;
import io.github.nn4j.io.Section;
import io.github.nn4j.persist.ModelFile;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The {@link ModelFile#TRAINING} section of a checkpoint: how far training got and the settings
 * a resumed run needs to continue it exactly. The model and the optimizer (with its state) have
 * sections of their own. The loss, schedule, regularization and clipping are recorded by
 * description only, to check that a resumed run is given the same ones.
 *
 * @param epoch          epochs completed, 1-based: the next epoch to run is {@code epoch + 1}
 * @param epochs         the configured number of epochs
 * @param seed           the seed of shuffling and dropout
 * @param batchSize      examples per mini-batch
 * @param dropLastBatch  whether a last partial batch is skipped
 * @param loss           the loss's class name
 * @param schedule       the learning-rate schedule's description, or {@code null}
 * @param regularization the regularization's description, or {@code null}
 * @param clipping       the gradient clipping's description, or {@code null}
 */
public record TrainingProgress(int epoch, int epochs, long seed, int batchSize, boolean dropLastBatch, String loss,
                        String schedule, String regularization, String clipping) {

    /** The section type. */
    public static final String TYPE = "progress";

    /**
     * This progress as the section a checkpoint stores.
     *
     * @return a section of type {@value #TYPE}
     */
    public Section toSection() {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("epoch", epoch);
        settings.put("epochs", epochs);
        settings.put("seed", seed);
        settings.put("batchSize", batchSize);
        settings.put("dropLastBatch", dropLastBatch);
        settings.put("loss", loss);
        putIfSet(settings, "schedule", schedule);
        putIfSet(settings, "regularization", regularization);
        putIfSet(settings, "clipping", clipping);
        return new Section(TYPE, settings, Map.of());
    }

    /**
     * Reads the section written by {@link #toSection()}.
     *
     * @param section a section of type {@value #TYPE}
     * @return the progress
     * @throws IllegalArgumentException naming the setting when one is missing, of the wrong kind
     *                                  or out of range (epochs done negative or beyond the epoch
     *                                  count, no epochs, a batch size below 1)
     */
    public static TrainingProgress fromSection(Section section) {
        section.requireType(TYPE);
        JsonFields settings = section.fields();
        int epoch = settings.intValue("epoch");
        int epochs = settings.intValue("epochs");
        int batchSize = settings.intValue("batchSize");
        if (epochs < 1 || epoch < 0 || epoch > epochs || batchSize < 1) {
            throw new IllegalArgumentException("progress section is out of range: epoch " + epoch + " of " + epochs
                    + " epochs, batch size " + batchSize + " (epochs at least 1, epoch from 0 to epochs, batch size at "
                    + "least 1)");
        }
        return new TrainingProgress(epoch, epochs, section.integer("seed"), batchSize, section.flag("dropLastBatch"),
                section.text("loss"), optional(section, "schedule"), optional(section, "regularization"),
                optional(section, "clipping"));
    }

    /**
     * What a run resuming this checkpoint does differently: a warning for each of loss, schedule,
     * regularization and clipping whose description in {@code resuming} differs from this one's.
     *
     * @param resuming the resumed run's progress, as {@link io.github.nn4j.train.TrainingSettings#progress} gives it
     * @return the warnings, in that order; empty when the run continues with the same ones
     */
    List<String> changesIn(TrainingProgress resuming) {
        List<String> changes = new ArrayList<>();
        addIfChanged(changes, "loss", loss, resuming.loss);
        addIfChanged(changes, "learning-rate schedule", schedule, resuming.schedule);
        addIfChanged(changes, "regularization", regularization, resuming.regularization);
        addIfChanged(changes, "gradient clipping", clipping, resuming.clipping);
        return changes;
    }

    private static void addIfChanged(List<String> changes, String what, String saved, String now) {
        if (!Objects.equals(saved, now)) {
            changes.add("resuming with " + what + " " + (now == null ? "none" : now) + " where the checkpoint's run had "
                    + (saved == null ? "none" : saved) + "; the result will differ from an uninterrupted run");
        }
    }

    private static void putIfSet(Map<String, Object> settings, String name, String value) {
        if (value != null) {
            settings.put(name, value);
        }
    }

    private static String optional(Section section, String name) {
        return section.settings().get(name) == null ? null : section.text(name);
    }
}
