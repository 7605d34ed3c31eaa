package io.github.nn4j.spark;

import io.github.nn4j.base.ParameterSet;
import io.github.nn4j.layers.BatchNorm;
import io.github.nn4j.internal.train.TrainingRun;
import io.github.nn4j.train.TrainingSettings;
import io.github.nn4j.optim.LearningRateSchedule;
import io.github.nn4j.train.History;
import io.github.nn4j.train.TrainingStep;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.slf4j.LoggerFactory;

/**
 * The driver's side of one {@link SparkTrainer#fit}: the epochs of a {@link TrainingRun}, as
 * {@code Trainer} runs them (listeners, rollback of a diverged epoch, checkpoints), around Spark
 * jobs for the steps, the metrics and the validation; checkpoints within epochs
 * ({@link CheckpointWriter}), and a resumed run's first epoch from the step its checkpoint was
 * written after. (A diverged resumed epoch rolls back to the checkpoint's weights.)
 */
final class EpochLoop {

    private final SparkTrainer trainer;
    private final TrainingSettings settings;
    private final SparkSettings spark;
    private final JavaSparkContext context;
    private final JavaRDD<Block> blocks;
    private final JavaRDD<Block> validation;
    private final RunSpec run;
    private final ParameterSet parameters;
    private final TrainingStep update;
    private final boolean classes;
    private final CheckpointWriter checkpoints;
    private final StepClock clock = new StepClock();
    /** The weights sent with the last step, whose bytes the next step reuses once its broadcast is gone. */
    private FlatValues sent;
    /** The model's BatchNorm layers, whose batch statistics each step synchronizes. */
    private final List<BatchNorm> batchNorms;
    private TrainingRun training;
    private double lossSum;
    private long correct;
    private long examples;

    EpochLoop(SparkTrainer trainer, JavaSparkContext context, JavaRDD<Block> blocks, JavaRDD<Block> validation,
              RunSpec run) {
        this.trainer = trainer;
        this.settings = trainer.settings;
        this.spark = trainer.spark;
        this.context = context;
        this.blocks = blocks;
        this.validation = validation;
        this.run = run;
        this.parameters = trainer.model.parameterSet();
        this.update = new TrainingStep(trainer.model, trainer.loss, trainer.optimizer, settings.schedule(),
                settings.regularization(), settings.clipping());
        this.classes = run.format.kind.hasClasses();
        this.checkpoints = new CheckpointWriter(trainer, context.hadoopConfiguration());
        this.batchNorms = BatchNormSync.layers(trainer.model);
    }

    History run() {
        int batches = run.batchesPerEpoch();
        int examplesPerEpoch = run.workerBatch > 0 ? batches * run.batchRows(0) : run.examples();
        training = TrainingRun.start(trainer.model, trainer.loss, settings, batches, examplesPerEpoch, null,
                trainer.completedEpochs);
        while (training.nextEpoch()) {
            int epoch = training.epoch();
            int first = startAt(trainer.takeResumePosition(), epoch, batches);
            clock.startEpoch();
            if (!spark.averaging()) {
                synchronousEpoch(epoch, first, batches);
            } else {
                averagingEpoch(epoch, first, batches);
            }
            double trainSeconds = training.secondsInEpoch();
            trainer.stepCost = clock.cost();
            Map<String, Double> metrics = metrics();
            trainer.completedEpochs = epoch;
            checkpoints.afterEpoch();
            training.endEpoch(metrics, examples, trainSeconds);
        }
        return training.finish();
    }

    /** The epoch's first step: 0, or after the steps of a checkpoint written within it, whose sums it restores. */
    private int startAt(EpochPosition position, int epoch, int batches) {
        lossSum = 0;
        correct = 0;
        examples = 0;
        if (position == null) {
            return 0;
        }
        if (position.epoch() != epoch || position.batches() >= batches) {
            throw new IllegalArgumentException("the checkpoint was written after step " + position.batches()
                    + " of epoch " + position.epoch() + ", but this run starts epoch " + epoch + " with " + batches
                    + " steps: resume it with the data and batch size it was written with");
        }
        if (position.partitions() != run.partitions()) {
            LoggerFactory.getLogger(EpochLoop.class).warn("the checkpoint was written by a run in {} partitions, this "
                    + "one trains in {}: partial sums are added in another order, so the result equals the "
                    + "uninterrupted run's only up to rounding; set partitions({}) to resume it exactly",
                    position.partitions(), run.partitions(), position.partitions());
        }
        lossSum = position.lossSum();
        correct = position.correct();
        examples = position.examples();
        return position.batches();
    }

    private EpochPosition position(int epoch, int batchesDone) {
        return new EpochPosition(epoch, batchesDone, lossSum, correct, examples, run.partitions());
    }

    private void synchronousEpoch(int epoch, int first, int batches) {
        for (int b = first; b < batches; b++) {
            long start = clock.start();
            sent = FlatValues.of(parameters.values(), sent);
            clock.packed();
            Broadcast<FlatValues> weights = context.broadcast(sent);
            clock.broadcast();
            GradientSum sum;
            List<RoundValues> rounds = null;
            try {
                if (!batchNorms.isEmpty()) {
                    rounds = BatchNormSync.rounds(blocks, run, weights, epoch, b, batchNorms.size());
                    clock.statisticsDone();
                }
                sum = Jobs.step(blocks, run, weights, epoch, b, spark.fixedReductionOrder(), rounds);
            } finally {
                weights.destroy();
            }
            clock.jobDone(sum.times);
            if (rounds != null) {
                BatchNormSync.updateRunning(trainer.model, batchNorms, rounds);
            }
            int rows = run.batchRows(b);
            sum.gradient.copyInto(parameters.gradients());
            double penalty = update.applyUpdate(epoch);
            clock.applied(start, 1);
            batchDone(b, batches, sum.lossSum / rows + penalty, sum.lossSum + penalty * rows, rows);
            correct += sum.correct;
            checkpoints.afterSteps(1, position(epoch, b + 1), b + 1 == batches);
        }
    }

    private void averagingEpoch(int epoch, int resumed, int batches) {
        for (int first = resumed; first < batches; first += spark.localSteps()) {
            int count = Math.min(spark.localSteps(), batches - first);
            long begin = clock.start();
            long steps = trainer.optimizer.steps();
            double[] rates = rates(epoch, steps, count);
            LinkedHashMap<String, FlatValues> optimizerState = new LinkedHashMap<>();
            trainer.optimizer.state().forEach((name, buffer) -> optimizerState.put(name, FlatValues.of(buffer)));
            RoundStart message = new RoundStart(FlatValues.of(parameters.values()), optimizerState, steps, rates);
            clock.packed();
            Broadcast<RoundStart> start = context.broadcast(message);
            clock.broadcast();
            AverageSum sum;
            try {
                sum = Jobs.round(blocks, run, start, epoch, first, count, spark.fixedReductionOrder());
            } finally {
                start.destroy();
            }
            clock.jobDone(sum.times);
            sum.parameters.scale(1 / sum.weight).copyInto(parameters.values());
            Map<String, INDArray> averaged = new LinkedHashMap<>();
            sum.state.forEach((name, values) -> averaged.put(name, values.scale(1 / sum.weight).toArray()));
            trainer.optimizer.loadState(averaged, steps + count);
            if (rates != null) {
                trainer.optimizer.setLearningRate(rates[count - 1]);
            }
            clock.applied(begin, count);
            for (int i = 0; i < count; i++) {
                long rows = sum.batchRows[i];
                double total = sum.batchLoss[i] + sum.batchPenalty[i];
                batchDone(first + i, batches, total / rows, total, rows);
            }
            correct += sum.correct;
            checkpoints.afterSteps(count, position(epoch, first + count), first + count == batches);
        }
    }

    /** The learning rate of each step of a round, as the schedule gives it, or {@code null}. */
    private double[] rates(int epoch, long steps, int count) {
        LearningRateSchedule schedule = settings.schedule();
        if (schedule == null) {
            return null;
        }
        double[] rates = new double[count];
        for (int i = 0; i < count; i++) {
            rates[i] = schedule.learningRate(epoch - 1, steps + i);
        }
        return rates;
    }

    /** Counts a finished batch, after the run has checked its loss and told the listeners. */
    private void batchDone(int batch, int batches, double batchLoss, double total, long rows) {
        training.batchDone(batch, batches, batchLoss, run.batchOffset(batch), (int) rows);
        lossSum += total;
        examples += rows;
    }

    /** The epoch's metrics: training loss and accuracy, then validation and rate. */
    private Map<String, Double> metrics() {
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("loss", lossSum / examples);
        if (classes) {
            metrics.put("accuracy", (double) correct / examples);
        }
        if (validation != null) {
            Broadcast<FlatValues> weights = context.broadcast(FlatValues.of(parameters.values()));
            Broadcast<FlatValues> states = parameters.states().isEmpty() ? null
                    : context.broadcast(FlatValues.of(parameters.states()));
            MetricSum sum;
            try {
                sum = Jobs.evaluate(validation, run, weights, states, Math.max(run.batchSize, 1024),
                        spark.fixedReductionOrder());
            } finally {
                weights.destroy();
                if (states != null) {
                    states.destroy();
                }
            }
            double penalty = settings.regularization() == null ? 0 : settings.regularization().penalty(parameters);
            metrics.put("val_loss", sum.lossSum / sum.rows + penalty);
            if (classes) {
                metrics.put("val_accuracy", (double) sum.correct / sum.rows);
            }
        }
        if (settings.schedule() != null) {
            metrics.put("lr", trainer.optimizer.learningRate());
        }
        return metrics;
    }
}
