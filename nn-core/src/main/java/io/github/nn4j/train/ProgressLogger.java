package io.github.nn4j.train;

import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs one line per epoch through SLF4J at INFO level (logger {@code io.github.nn4j.train.ProgressLogger}):
 * <pre>
 * epoch 3/15: loss 0.3412, accuracy 0.8751, val_loss 0.3390, val_accuracy 0.8782 | 61,234 samples/s, epoch 1.0 s, elapsed 3.1 s
 * </pre>
 * A trainer adds one by default; turn it off with {@code TrainerBuilder.logEpochs(false)}.
 */
public final class ProgressLogger implements TrainingListener {

    private static final Logger LOG = LoggerFactory.getLogger(ProgressLogger.class);

    private double elapsedSeconds;

    /** Creates a logger. */
    public ProgressLogger() {
    }

    @Override
    public void onTrainingStart(TrainingState state) {
        elapsedSeconds = 0;
    }

    @Override
    public void onEpochEnd(TrainingState state, EpochResult result) {
        elapsedSeconds += result.epochSeconds();
        if (LOG.isInfoEnabled()) {
            LOG.info(format(state, result, elapsedSeconds));
        }
    }

    @Override
    public void onTrainingEnd(TrainingState state, History history) {
        history.stopReason().ifPresent(reason -> LOG.info("stopped after epoch {}: {}", history.epochs(), reason));
    }

    static String format(TrainingState state, EpochResult result, double elapsedSeconds) {
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "epoch %d/%d:", result.epoch(), state.epochs()));
        String separator = " ";
        for (Map.Entry<String, Double> metric : result.metrics().entrySet()) {
            line.append(separator).append(metric.getKey()).append(' ')
                    .append(String.format(Locale.ROOT, metric.getKey().equals("lr") ? "%.3g" : "%.4f", metric.getValue()));
            separator = ", ";
        }
        line.append(String.format(Locale.ROOT, " | %,.0f samples/s, epoch %.1f s, elapsed %.1f s",
                result.samplesPerSecond(), result.epochSeconds(), elapsedSeconds));
        return line.toString();
    }
}
