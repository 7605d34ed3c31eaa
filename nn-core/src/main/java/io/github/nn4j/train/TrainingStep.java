package io.github.nn4j.train;

import io.github.nn4j.base.Mode;
import io.github.nn4j.base.ParameterSet;
import io.github.nn4j.base.TrainingPass;
import io.github.nn4j.losses.Loss;
import io.github.nn4j.model.LayerObserver;
import io.github.nn4j.model.Sequential;
import io.github.nn4j.optim.GradientClipping;
import io.github.nn4j.optim.LearningRateSchedule;
import io.github.nn4j.optim.Optimizer;
import io.github.nn4j.optim.Regularization;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One training step as two operations, which {@link Trainer} runs for every mini-batch and other
 * trainers can run apart, for example a data-parallel trainer that computes gradients on workers
 * and applies their sum on a driver:
 * <pre>{@code
 * double computeGradients(INDArray features, INDArray targets, long examplesInStep)
 * double applyUpdate(int epoch)
 * }</pre>
 *
 * <p><b>computeGradients</b> runs the model forward in {@link Mode#TRAIN}, takes the loss and
 * runs backward, leaving in the model's flat gradient buffer ({@code model.parameterSet().gradients()})
 * the gradient of {@code (sum of these rows' losses) / examplesInStep}. It changes no parameter
 * and needs no optimizer. It returns the <em>sum</em> of the rows' losses, so that the sums of
 * several workers add up.
 *
 * <p><b>applyUpdate</b> then works from the gradient buffer: the schedule sets the learning rate,
 * the regularization adds its penalty's gradient, the clipping limits the full gradient, and the
 * optimizer updates the parameters (with any decoupled weight decay). It returns the penalty.
 *
 * <p><b>Batch-size normalization belongs to computeGradients</b>, through {@code examplesInStep};
 * applyUpdate never divides by a batch size. One machine passes the batch's rows. A worker holding
 * n_i of the B rows of a global batch passes B: the workers' gradient buffers then sum to exactly
 * the gradient of the batch's mean loss (up to the order of float additions), and the sum of
 * their returned losses divided by B is the batch's mean loss. The driver puts that sum in its
 * model's gradient buffer and calls applyUpdate once.
 *
 * <p><b>Random layers draw for the pass the trainer names.</b> computeGradients may take a
 * {@link TrainingPass}: {@link Trainer} hands in {@code TrainingPass.of(b)} for batch b of an
 * epoch (it reseeds the model every epoch), and a worker {@code TrainingPass.of(b, positions)} for
 * its rows of global batch b, which then get the dropout masks one machine draws for them.
 *
 * <pre>{@code
 * TrainingStep step = new TrainingStep(model, Loss.softmaxCrossEntropy(), new Adam(1e-3), null, null, null);
 * double meanLoss = step.computeGradients(x, y, x.rows()) / x.rows();
 * step.applyUpdate(1);
 * }</pre>
 *
 * <p>A step keeps the loss's and the model's buffers, so it belongs to one thread and one model.
 */
public final class TrainingStep {

    private final Sequential model;
    private final Loss loss;
    private final Optimizer optimizer;
    private final LearningRateSchedule schedule;
    private final Regularization regularization;
    private final GradientClipping clipping;
    private INDArray output;

    /**
     * A step that only computes gradients, as a worker of a data-parallel trainer needs;
     * {@link #applyUpdate} then fails.
     *
     * @param model the model
     * @param loss  the loss on the model's output
     */
    public TrainingStep(Sequential model, Loss loss) {
        this(model, loss, null, null, null, null);
    }

    /**
     * A whole step. A setting given as {@code null} is off and costs nothing.
     *
     * @param model          the model
     * @param loss           the loss on the model's output
     * @param optimizer      the update rule, or {@code null} for a step that only computes gradients
     * @param schedule       the learning-rate schedule, or {@code null}
     * @param regularization the L1/L2 penalty, or {@code null}
     * @param clipping       the gradient clipping, or {@code null}
     */
    public TrainingStep(Sequential model, Loss loss, Optimizer optimizer, LearningRateSchedule schedule,
                        Regularization regularization, GradientClipping clipping) {
        if (model == null || loss == null) {
            throw new IllegalArgumentException("a training step needs a model and a loss");
        }
        this.model = model;
        this.loss = loss;
        this.optimizer = optimizer;
        this.schedule = schedule;
        this.regularization = regularization;
        this.clipping = clipping;
    }

    /**
     * Forward in {@link Mode#TRAIN}, the loss and backward: leaves the gradient of
     * {@code (sum of the rows' losses) / examplesInStep} in {@code model.parameterSet().gradients()},
     * changing no parameter.
     *
     * @param features       {@code [rows, inputs]}
     * @param targets        the rows' targets, in a form the loss takes
     * @param examplesInStep the examples of the whole step these rows belong to, which the gradient
     *                       is divided by: {@code rows} on one machine, the global batch size for one
     *                       worker's share of it
     * @return the sum of the rows' losses (not a mean), NaN or infinite when training diverged
     * @throws IllegalArgumentException when the shapes do not fit or {@code examplesInStep} is below {@code rows}
     */
    public double computeGradients(INDArray features, INDArray targets, long examplesInStep) {
        return computeGradients(features, targets, examplesInStep, null);
    }

    /**
     * As {@link #computeGradients(INDArray, INDArray, long)}, with the model's random layers
     * (dropout) drawing for {@code pass}: the pass's number since the model was seeded and each
     * row's position in the step's batch. A trainer that numbers its passes this way gets the
     * same masks for a row whichever other rows of the batch it computes with, as a data-parallel
     * worker holding some rows of a global batch needs.
     *
     * @param features       {@code [rows, inputs]}
     * @param targets        the rows' targets, in a form the loss takes
     * @param examplesInStep the examples of the whole step, as above
     * @param pass           the pass, or {@code null} to let random layers count their passes
     * @return the sum of the rows' losses
     * @throws IllegalArgumentException when the shapes do not fit, {@code examplesInStep} is below
     *                                  {@code rows}, or the pass names positions for another number of rows
     */
    public double computeGradients(INDArray features, INDArray targets, long examplesInStep, TrainingPass pass) {
        return computeGradients(features, targets, examplesInStep, pass, null);
    }

    /**
     * As {@link #computeGradients(INDArray, INDArray, long, TrainingPass)}, showing {@code observer}
     * every layer's input and output, forward, and its gradients, backward; the step computes the
     * same numbers with or without one.
     *
     * @param features       {@code [rows, inputs]}
     * @param targets        the rows' targets, in a form the loss takes
     * @param examplesInStep the examples of the whole step, as above
     * @param pass           the pass, or {@code null} to let random layers count their passes
     * @param observer       called around every layer, or {@code null} for none
     * @return the sum of the rows' losses
     */
    public double computeGradients(INDArray features, INDArray targets, long examplesInStep, TrainingPass pass,
                                   LayerObserver observer) {
        output = model.forward(features, Mode.TRAIN, pass, observer);
        double lossSum = loss.sum(output, targets);
        model.backward(loss.gradient(output, targets, examplesInStep), false, observer);
        return lossSum;
    }

    /**
     * The model's output of the last {@link #computeGradients}, e.g. for counting accuracy.
     *
     * @return {@code [rows, outputs]}, a buffer the next step overwrites; {@code null} before the first
     */
    public INDArray output() {
        return output;
    }

    /**
     * Updates the parameters from the gradient buffer: the schedule's learning rate, the
     * regularization's gradient, clipping, then the optimizer's step.
     *
     * @param epoch the epoch the step belongs to, counted from 1 (the schedule sees {@code epoch − 1})
     * @return the regularization penalty at the parameters before the update, 0 without one
     * @throws IllegalStateException when this step has no optimizer
     */
    public double applyUpdate(int epoch) {
        if (optimizer == null) {
            throw new IllegalStateException("this training step only computes gradients: it was built without an "
                    + "optimizer");
        }
        ParameterSet parameters = model.parameterSet();
        if (schedule != null) {
            optimizer.setLearningRate(schedule.learningRate(epoch - 1, optimizer.steps()));
        }
        double penalty = 0;
        if (regularization != null) {
            penalty = regularization.penalty(parameters);
            regularization.addGradient(parameters);
        }
        if (clipping != null) {
            clipping.clip(parameters);
        }
        optimizer.step(parameters);
        return penalty;
    }

    /** The model this step trains. */
    public Sequential model() {
        return model;
    }
}
