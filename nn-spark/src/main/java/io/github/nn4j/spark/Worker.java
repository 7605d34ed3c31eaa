package io.github.nn4j.spark;

import io.github.nn4j.base.Buffers;
import io.github.nn4j.base.Mode;
import io.github.nn4j.base.TrainingPass;
import io.github.nn4j.internal.train.EpochSeeds;
import io.github.nn4j.losses.Loss;
import io.github.nn4j.losses.OutputKind;
import io.github.nn4j.model.Sequential;
import io.github.nn4j.optim.Optimizer;
import io.github.nn4j.train.TrainingStep;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * An executor's copy of the model for one run, used by one task at a time ({@link WorkerPool}):
 * the rebuilt model, its own loss, a {@link TrainingStep} and the batch buffers, kept between
 * steps so that a step costs copying the weights in and the gradient out.
 */
final class Worker {

    private final Sequential model;
    private final Loss loss;
    private final TrainingStep step;
    private final Optimizer optimizer;
    private final OutputKind kind;
    private INDArray features;
    private INDArray targets;

    Worker(RunSpec run) {
        this.model = run.model.build();
        this.loss = run.loss.get();
        this.kind = run.format.kind;
        if (run.update == null) {
            this.optimizer = null;
            this.step = new TrainingStep(model, loss);
        } else {
            this.optimizer = run.update.optimizer();
            this.step = new TrainingStep(model, loss, optimizer, null, run.update.regularization(),
                    run.update.clipping());
        }
    }

    /**
     * This partition's share of one synchronous step: the gradient of its examples' summed loss
     * divided by the global batch's size, at {@code weights}.
     */
    GradientSum gradients(RunSpec run, Block block, EpochPlan plan, int epoch, int batch, FlatValues weights,
                          List<RoundValues> rounds) {
        int rows = plan.rows(batch);
        if (rows == 0) {
            return GradientSum.empty();
        }
        long start = System.nanoTime();
        weights(weights);
        long copied = System.nanoTime();
        int from = plan.start(batch);
        TrainingPass pass = load(run, block, plan, epoch, batch);
        if (rounds != null) {
            pass = pass.withBatchStatistics(new ReplayedStatistics(rounds));
        }
        double lossSum = step.computeGradients(features, targets, run.batchRows(batch), pass);
        long correct = correct(block, plan.localRows, from);
        long computed = System.nanoTime();
        GradientSum sum = new GradientSum(lossSum, correct, rows, FlatValues.of(model.parameterSet().gradients()));
        sum.times = new TaskTimes(copied - start, computed - copied, System.nanoTime() - computed);
        return sum;
    }

    /**
     * This partition's values for the next batch-statistics round of a synchronous step with
     * BatchNorm ({@link BatchNormSync}): its pass runs until the first BatchNorm call that
     * {@code known} has no global values for; {@code null} when it has no rows in the batch.
     */
    RoundValues roundPart(RunSpec run, Block block, EpochPlan plan, int epoch, int batch, FlatValues weights,
                          List<RoundValues> known) {
        if (plan.rows(batch) == 0) {
            return null;
        }
        weights(weights);
        TrainingPass pass = load(run, block, plan, epoch, batch).withBatchStatistics(new ReplayedStatistics(known));
        try {
            step.computeGradients(features, targets, run.batchRows(batch), pass);
        } catch (ReplayedStatistics.Pending pending) {
            return pending.local;
        }
        throw new IllegalStateException("the model asked for " + known.size() + " batch-statistics rounds, not more");
    }

    /**
     * Averaging mode: from the round's parameters and optimizer state, one local step on this
     * partition's share of each of the global batches {@code first … first+count−1} (on the mean
     * loss of its share, at the round's learning rate for that step); returns the parameters and
     * state weighted by the examples trained on.
     */
    AverageSum localSteps(RunSpec run, Block block, EpochPlan plan, int epoch, int first, int count,
                          RoundStart start) {
        AverageSum sum = new AverageSum(count);
        long begin = System.nanoTime();
        weights(start.parameters);
        Map<String, INDArray> state = new LinkedHashMap<>();
        start.state.forEach((name, values) -> state.put(name, values.toArray()));
        optimizer.loadState(state, start.steps);
        long copied = System.nanoTime();
        long examples = 0;
        for (int i = 0; i < count; i++) {
            int batch = first + i;
            int rows = plan.rows(batch);
            if (rows == 0) {
                continue;
            }
            TrainingPass pass = load(run, block, plan, epoch, batch);
            double lossSum = step.computeGradients(features, targets, rows, pass);
            sum.correct += correct(block, plan.localRows, plan.start(batch));
            if (start.rates != null) {
                optimizer.setLearningRate(start.rates[i]);
            }
            double penalty = step.applyUpdate(epoch);
            sum.batchLoss[i] = lossSum;
            sum.batchPenalty[i] = penalty * rows;
            sum.batchRows[i] = rows;
            examples += rows;
        }
        long computed = System.nanoTime();
        if (examples > 0) {
            sum.weight = examples;
            sum.parameters = FlatValues.of(model.parameterSet().values()).scale(examples);
            for (Map.Entry<String, INDArray> entry : optimizer.state().entrySet()) {
                sum.state.put(entry.getKey(), FlatValues.of(entry.getValue()).scale(examples));
            }
        }
        sum.times = new TaskTimes(copied - begin, computed - copied, System.nanoTime() - computed);
        return sum;
    }

    /**
     * The summed loss and correct predictions of the whole block in inference mode, at {@code weights}
     * and the state (running statistics) {@code states}, or {@code null} for a model without.
     */
    MetricSum evaluate(Block block, FlatValues weights, FlatValues states, int chunk) {
        weights(weights);
        if (states != null) {
            states.copyInto(model.parameterSet().states());
        }
        MetricSum sum = new MetricSum(0, 0, 0);
        for (int start = 0; start < block.rows; start += chunk) {
            int rows = Math.min(chunk, block.rows - start);
            buffers(block, rows);
            block.range(start, rows, features, targets);
            INDArray output = model.forward(features, Mode.EVAL);
            sum.lossSum += loss.sum(output, targets);
            if (block.classes != null) {
                int first = start;
                sum.correct += kind.countCorrect(output, r -> block.classes[first + r]);
            }
            sum.rows += rows;
        }
        return sum;
    }

    private void weights(FlatValues weights) {
        weights.copyInto(model.parameterSet().values());
    }

    /**
     * Gathers the batch's rows into the buffers and seeds the model's random layers as {@code Trainer}
     * does for the epoch; returns the training pass of the rows: batch {@code batch} of the epoch, at
     * their positions in the global batch, so that they get the dropout masks one machine draws.
     */
    private TrainingPass load(RunSpec run, Block block, EpochPlan plan, int epoch, int batch) {
        int from = plan.start(batch);
        int rows = plan.rows(batch);
        buffers(block, rows);
        block.gather(plan.localRows, from, rows, features, targets);
        model.reseed(EpochSeeds.dropout(run.seed, epoch));
        return TrainingPass.of(batch, plan.positions(batch));
    }

    private void buffers(Block block, int rows) {
        features = Buffers.reuse(features, rows, block.featureCount, model.dataType());
        targets = Buffers.reuse(targets, rows, block.targetWidth, model.dataType());
    }

    /** Correct predictions of the last training output, for the examples {@code localRows[from …]}. */
    private long correct(Block block, int[] localRows, int from) {
        return block.classes == null ? 0 : kind.countCorrect(step.output(), r -> block.classes[localRows[from + r]]);
    }
}
