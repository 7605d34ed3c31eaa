package io.github.nn4j.spark;

/**
 * Where the time of a training step went on Spark, as means per optimizer step over the last epoch
 * of a {@link SparkTrainer#fit} ({@link SparkTrainer#stepCost()}). In averaging mode a job covers k
 * steps: its times are divided by the steps it took.
 *
 * <p>The driver's parts: {@code packMs} puts the weights (averaging mode: and the optimizer state)
 * into the message, {@code broadcastMs} hands it to Spark, {@code statisticsMs} gathers the global
 * batch statistics of BatchNorm layers (two small jobs per layer), {@code jobMs} runs the job until the
 * partial sums are added up, {@code applyMs} puts the sum into the model and runs the update. The
 * executors' parts, measured in the slowest task of each job: {@code weightsInMs} copies the
 * weights into the executor's model, {@code computeMs} gathers the rows and computes (forward,
 * backward; averaging mode: the local steps), {@code resultOutMs} copies the result out of the
 * model. Spark's part of a step is everything but the compute: {@link #sparkMs()}.
 *
 * @param steps        optimizer steps measured
 * @param stepMs       a whole step, on the driver
 * @param packMs       weights (and state) into the message
 * @param broadcastMs  Spark's broadcast of the message
 * @param statisticsMs the rounds that gather BatchNorm layers' global batch statistics (0 without BatchNorm)
 * @param jobMs        the job: tasks, results and their sum
 * @param applyMs      the sum into the model, and the update
 * @param weightsInMs  slowest task: weights into the executor's model
 * @param computeMs    slowest task: the rows' forward and backward passes
 * @param resultOutMs  slowest task: the result out of the executor's model
 */
public record StepCost(long steps, double stepMs, double packMs, double broadcastMs, double statisticsMs,
                       double jobMs, double applyMs,
                       double weightsInMs, double computeMs, double resultOutMs) {

    /** Spark's part of a step: the step's time less the compute of the slowest task. */
    public double sparkMs() {
        return stepMs - computeMs;
    }
}
