package io.github.nn4j.train;

import java.io.PrintStream;
import java.util.Locale;

/**
 * A one-line progress bar for long epochs, redrawn in place on the console:
 * <pre>
 * epoch 3/15 [==========>             ] 190/430  loss 0.3521  58,912 samples/s
 * </pre>
 * It draws only when the JVM has an interactive console, only once an epoch has run for a
 * second, and at most ten times a second, so short epochs, logs and CI output stay clean. It
 * erases itself when the epoch ends. A trainer adds one by default; turn it off with
 * {@code TrainerBuilder.progressBar(false)}.
 */
public final class ConsoleProgressBar implements TrainingListener {

    private static final long DELAY_NANOS = 1_000_000_000L;
    private static final long REDRAW_NANOS = 100_000_000L;
    private static final int WIDTH = 30;

    private final PrintStream out;
    private final boolean enabled;
    private long epochStart;
    private long lastDraw;
    private double lossSum;
    private boolean drawn;
    private int lineLength;

    /** A bar on {@code System.err}, shown only when there is an interactive console. */
    public ConsoleProgressBar() {
        this(System.err, System.console() != null);
    }

    /**
     * A bar on the given stream.
     *
     * @param out     where to draw
     * @param enabled whether to draw at all
     */
    public ConsoleProgressBar(PrintStream out, boolean enabled) {
        this.out = out;
        this.enabled = enabled;
    }

    @Override
    public void onEpochStart(TrainingState state) {
        epochStart = System.nanoTime();
        lastDraw = epochStart;
        lossSum = 0;
        drawn = false;
    }

    @Override
    public void onBatchEnd(TrainingState state, int batch, double loss) {
        lossSum += loss;
        if (!enabled) {
            return;
        }
        long now = System.nanoTime();
        if (now - epochStart < DELAY_NANOS || now - lastDraw < REDRAW_NANOS) {
            return;
        }
        lastDraw = now;
        int total = state.batchesPerEpoch();
        int filled = (int) ((long) WIDTH * batch / total);
        double samplesPerSecond = (double) batch * state.trainingExamples() / total / ((now - epochStart) / 1e9);
        String bar = "=".repeat(filled) + (filled < WIDTH ? ">" + " ".repeat(WIDTH - filled - 1) : "");
        String line = String.format(Locale.ROOT, "epoch %d/%d [%s] %d/%d  loss %.4f  %,.0f samples/s",
                state.epoch(), state.epochs(), bar, batch, total, lossSum / batch, samplesPerSecond);
        out.print('\r' + line + " ".repeat(Math.max(0, lineLength - line.length())));
        out.flush();
        lineLength = line.length();
        drawn = true;
    }

    @Override
    public void onEpochEnd(TrainingState state, EpochResult result) {
        if (drawn) {
            out.print('\r' + " ".repeat(lineLength) + '\r');
            out.flush();
            drawn = false;
        }
    }
}
