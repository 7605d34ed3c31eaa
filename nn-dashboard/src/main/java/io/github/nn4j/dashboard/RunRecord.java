package io.github.nn4j.dashboard;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Everything the dashboard keeps of one run: what it is ({@link RunInfo}), where it is
 * ({@link Progress}), its curves ({@link Series}, bounded) and the last confusion matrix. The
 * training thread writes, the server's threads read; every method holds the record's lock, and a
 * reader that needs several values at once holds it too ({@code synchronized (record)}).
 *
 * <p>Curve keys: {@code step/loss}, {@code step/loss_smooth}, {@code step/lr},
 * {@code step/samples_per_second}; {@code epoch/<metric>} for every metric of an epoch
 * ({@code loss}, {@code val_loss}, {@code accuracy}, …) and {@code epoch/samples_per_second};
 * {@code layer/<index>/weight_norm}, {@code …/gradient_norm}, {@code …/update_ratio} for layers
 * with weights; {@code activation/<index>/mean}, {@code …/std}, {@code …/dead},
 * {@code …/saturated} for activation layers.
 */
final class RunRecord {

    /** The statuses a run goes through. */
    static final String WAITING = "waiting";
    static final String TRAINING = "training";
    static final String FINISHED = "finished";
    static final String REPLAY = "replay";

    /** Weight of the newest loss in the smoothed curve (an exponential moving average). */
    static final double SMOOTHING = 0.05;

    private final int id;
    private final String name;
    private final int capacity;
    private final Map<String, Series> series = new LinkedHashMap<>();
    private RunInfo info = RunInfo.empty();
    private Progress progress = Progress.none();
    private Confusion confusion;
    private String status = WAITING;
    private String stopReason;
    private long startedAtMillis;
    private long version;
    private double smoothed = Double.NaN;

    /**
     * An empty run.
     *
     * @param id       its number in its dashboard, from 1
     * @param name     its name on the page
     * @param capacity the most points per curve
     */
    RunRecord(int id, String name, int capacity) {
        this.id = id;
        this.name = name;
        this.capacity = capacity;
    }

    synchronized void start(RunInfo runInfo, long startedAt) {
        info = runInfo;
        startedAtMillis = startedAt;
        status = TRAINING;
        version++;
    }

    /** Records a step's loss and its smoothed value. */
    synchronized void stepLoss(long step, double loss) {
        if (Double.isFinite(loss)) {
            smoothed = Double.isNaN(smoothed) ? loss : smoothed + SMOOTHING * (loss - smoothed);
        }
        curve("step/loss").offer(step, loss);
        curve("step/loss_smooth").offer(step, smoothed);
        version++;
    }

    /** Records one value of a curve at {@code x}. */
    synchronized void point(String key, double x, double y) {
        curve(key).offer(x, y);
        version++;
    }

    synchronized void progress(Progress now) {
        progress = now;
        version++;
    }

    synchronized void confusion(Confusion matrix) {
        confusion = matrix;
        version++;
    }

    synchronized void finish(String reason) {
        status = FINISHED;
        stopReason = reason;
        version++;
    }

    /** Puts a saved curve in place, for a replay. */
    synchronized void restore(String key, Series saved) {
        series.put(key, saved);
        version++;
    }

    /** Marks a run read back from a file. */
    synchronized void replayed(RunInfo runInfo, Progress last, String reason, long startedAt) {
        info = runInfo;
        progress = last;
        stopReason = reason;
        startedAtMillis = startedAt;
        status = REPLAY;
        version++;
    }

    private Series curve(String key) {
        Series curve = series.get(key);
        if (curve == null) {
            curve = new Series(capacity);
            series.put(key, curve);
        }
        return curve;
    }

    int id() {
        return id;
    }

    String name() {
        return name;
    }

    int capacity() {
        return capacity;
    }

    synchronized RunInfo info() {
        return info;
    }

    synchronized Progress progress() {
        return progress;
    }

    synchronized Confusion confusion() {
        return confusion;
    }

    synchronized String status() {
        return status;
    }

    synchronized String stopReason() {
        return stopReason;
    }

    synchronized long startedAtMillis() {
        return startedAtMillis;
    }

    /** Counts every change, so a reader can tell whether there is anything new. */
    synchronized long version() {
        return version;
    }

    /** The curves by key; read it while holding the record's lock. */
    Map<String, Series> series() {
        return series;
    }

    /** One curve, or {@code null}; read it while holding the record's lock. */
    synchronized Series series(String key) {
        return series.get(key);
    }
}
