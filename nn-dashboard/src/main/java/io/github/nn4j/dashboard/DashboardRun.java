package io.github.nn4j.dashboard;

import io.github.nn4j.base.ParameterSet;
import io.github.nn4j.data.DataSet;
import io.github.nn4j.eval.Evaluation;
import io.github.nn4j.model.LayerObserver;
import io.github.nn4j.train.EpochResult;
import io.github.nn4j.train.History;
import io.github.nn4j.train.TrainingListener;
import io.github.nn4j.train.TrainingState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One training run on a {@link Dashboard}'s page: a {@link TrainingListener} for {@code Trainer}
 * and, on the driver, nn-spark's {@code SparkTrainer}. Made by {@link Dashboard#open()} or
 * {@link Dashboard#run(String)}.
 *
 * <pre>{@code
 * Trainer.builder(model).loss(Loss.softmaxCrossEntropy())
 *         .listener(Dashboard.open("dropout 0.5").saveTo(Path.of("dropout.run.json")))
 *         .build().fit(train, validation);
 * }</pre>
 *
 * <p>Every step, it records the step's loss (and a smoothed loss): a few arithmetic operations.
 * On a sample of steps, chosen so that this costs at most the dashboard's budget of training time
 * (1 % by default, {@link DashboardOptions#budget}), it measures per layer the weights' norm, the
 * gradient's norm, the update-to-weight ratio and, with {@code Trainer}, the activations' mean,
 * spread, dead and saturated units, all on buffers the model already holds, plus the learning
 * rate and throughput. After each epoch it records the epoch's metrics and, for a classifier with
 * validation data, the validation confusion matrix ({@code Evaluation.classify}). On Spark the
 * activations live on the executors and are not shown; in averaging mode neither are gradients.
 *
 * <p>Training the same listener again starts a new run on the page, named with a suffix.
 */
public final class DashboardRun implements TrainingListener {

    private final Dashboard dashboard;
    private final String name;
    private List<String> classNames;
    private DataSet validation;
    private Path saveTo;
    private RunRecord record;
    private StepSampler sampler;
    private WeightStatistics weights;
    private ActivationStatistics activations;
    private int batchesPerEpoch;
    private int batchSize;
    private long totalSteps;
    private long startNanos;
    private long firstStep;
    private long lastSampleNanos;
    private long lastSampleStep;
    private int runs;

    DashboardRun(Dashboard dashboard, String name) {
        this.dashboard = dashboard;
        this.name = name;
    }

    /**
     * Saves the run when training ends, for {@link Dashboard#replay}; the file is replaced whole.
     *
     * @param file the file, conventionally ending in {@code .run.json}
     * @return this run
     */
    public DashboardRun saveTo(Path file) {
        this.saveTo = file;
        return this;
    }

    /**
     * Names the classes of a classifier, for the confusion matrix (default "0", "1", …).
     *
     * @param names one name per output
     * @return this run
     */
    public DashboardRun classNames(List<String> names) {
        this.classNames = List.copyOf(names);
        return this;
    }

    /**
     * The data the confusion matrix is computed on, where the trainer does not hand its validation
     * data to listeners (nn-spark's, whose validation data is on the executors).
     *
     * @param data labelled examples, class indices or one-hot
     * @return this run
     */
    public DashboardRun validation(DataSet data) {
        this.validation = data;
        return this;
    }

    /** The run's name on the page. */
    public String name() {
        return name;
    }

    /** The page's address, where this run is shown. */
    public java.net.URI address() {
        return dashboard.address();
    }

    /**
     * Writes the run as it is now to a file that {@link Dashboard#replay} opens.
     *
     * @param file the target, replaced whole
     * @throws IOException           when it cannot be written
     * @throws IllegalStateException before training started
     */
    public void save(Path file) throws IOException {
        if (record == null) {
            throw new IllegalStateException("run '" + name + "' has not started training: nothing to save");
        }
        RunFile.write(file, record);
    }

    @Override
    public void onTrainingStart(TrainingState state) {
        runs++;
        record = dashboard.newRecord(runs == 1 ? name : name + " #" + runs);
        batchesPerEpoch = state.batchesPerEpoch();
        RunInfo info = RunDescription.of(state, classNames);
        batchSize = info.batchSize();
        totalSteps = info.totalSteps();
        weights = new WeightStatistics(state.model());
        activations = new ActivationStatistics(state.model());
        DashboardOptions options = dashboard.options();
        sampler = new StepSampler(options.budget(), options.minSampleGapMillis() * 1_000_000L, options.sampleEvery());
        long now = System.nanoTime();
        firstStep = (long) batchesPerEpoch * state.settings().map(settings -> settings.startEpoch()).orElse(0) + 1;
        sampler.start(now, firstStep);
        startNanos = now;
        lastSampleNanos = now;
        lastSampleStep = firstStep - 1;
        record.start(info, System.currentTimeMillis());
        remember(state.model().parameterSet());
    }

    @Override
    public LayerObserver stepObserver(TrainingState state, int batch) {
        return sampler != null && sampler.isSample(step(state, batch)) ? activations : null;
    }

    @Override
    public void onBatchEnd(TrainingState state, int batch, double loss) {
        long step = step(state, batch);
        record.stepLoss(step, loss);
        if (sampler.isSample(step)) {
            sample(state, step);
        } else if (sampler.next() == step + 1) {
            remember(state.model().parameterSet());
        }
    }

    /** Measures the layers after the sampled step and places the next sample. */
    private void sample(TrainingState state, long step) {
        long start = System.nanoTime();
        ParameterSet parameters = state.model().parameterSet();
        for (WeightStatistics.LayerNorms norms : weights.measure(parameters)) {
            String key = "layer/" + norms.layer() + "/";
            record.point(key + "weight_norm", step, norms.weightNorm());
            record.point(key + "gradient_norm", step, norms.gradientNorm());
            record.point(key + "update_ratio", step, norms.updateRatio());
        }
        for (ActivationStatistics.LayerActivations measured : activations.take()) {
            String key = "activation/" + measured.layer() + "/";
            record.point(key + "mean", step, measured.mean());
            record.point(key + "std", step, measured.std());
            record.point(key + "dead", step, measured.dead());
            record.point(key + "saturated", step, measured.saturated());
        }
        state.settings().ifPresent(settings -> record.point("step/lr", step, settings.optimizer().learningRate()));
        long end = System.nanoTime();
        sampler.charge(end - start);
        double seconds = (end - lastSampleNanos) / 1e9;
        double samplesPerSecond = batchSize * (step - lastSampleStep) / seconds;
        record.point("step/samples_per_second", step, samplesPerSecond);
        sampler.sampled(step, end, end - start);
        progress(state.epoch(), step, samplesPerSecond, end);
        lastSampleNanos = end;
        lastSampleStep = step;
        if (sampler.next() == step + 1) {
            remember(parameters);
        }
    }

    /** Updates where the run is: elapsed time, the time left at the pace so far, the dashboard's cost. */
    private void progress(int epoch, long step, double samplesPerSecond, long now) {
        double elapsed = (now - startNanos) / 1e9;
        long done = step - firstStep + 1;
        double eta = totalSteps > 0 && done > 0 ? Math.max(elapsed * (totalSteps - done) / done, 0) : Double.NaN;
        record.progress(new Progress(epoch, step, elapsed, eta, samplesPerSecond, sampler.overhead(now),
                sampler.interval()));
    }

    /** Copies the weights before a sampled step, charging the copy to the dashboard. */
    private void remember(ParameterSet parameters) {
        long start = System.nanoTime();
        weights.rememberValues(parameters);
        sampler.charge(System.nanoTime() - start);
    }

    @Override
    public void onEpochEnd(TrainingState state, EpochResult result) {
        int epoch = result.epoch();
        for (Map.Entry<String, Double> metric : result.metrics().entrySet()) {
            record.point("epoch/" + metric.getKey(), epoch, metric.getValue());
        }
        record.point("epoch/samples_per_second", epoch, result.samplesPerSecond());
        progress(epoch, (long) batchesPerEpoch * epoch, result.samplesPerSecond(), System.nanoTime());
        DataSet data = validation != null ? validation : state.validation().orElse(null);
        if (data != null && result.has("val_accuracy") && state.model().outputSize() > 1) {
            long[][] matrix = Evaluation.classify(state.model(), data, record.info().classes().isEmpty() ? null
                    : record.info().classes()).confusionMatrix();
            record.confusion(new Confusion(epoch, matrix));
        }
    }

    @Override
    public void onTrainingEnd(TrainingState state, History history) {
        record.finish(history.stopReason().orElse(null));
        if (saveTo != null) {
            try {
                RunFile.write(saveTo, record);
            } catch (IOException e) {
                throw new UncheckedIOException("could not save dashboard run '" + record.name() + "' to " + saveTo, e);
            }
        }
    }

    /** The step's number counted from 1 over the whole run. */
    private long step(TrainingState state, int batch) {
        return (long) (state.epoch() - 1) * batchesPerEpoch + batch;
    }
}
