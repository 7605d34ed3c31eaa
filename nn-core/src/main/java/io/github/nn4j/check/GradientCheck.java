package io.github.nn4j.check;

import io.github.nn4j.base.Mode;
import io.github.nn4j.base.Parameter;
import io.github.nn4j.init.Initializer;
import io.github.nn4j.layers.Layer;
import io.github.nn4j.losses.Loss;
import io.github.nn4j.model.Sequential;
import java.util.Random;
import java.util.function.DoubleSupplier;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Numerical gradient checks: compares the gradients that backpropagation computes with central
 * differences {@code (f(x + ε) − f(x − ε)) / 2ε}, in double precision, entry by entry.
 *
 * <pre>{@code
 * Sequential model = new Sequential(new Dense(3, 4), new Tanh(), new Dense(4, 2))
 *         .init(Initializer.xavierNormal(), 1, DataType.DOUBLE);
 * GradientCheckResult result = GradientCheck.model(model, Loss.mse(), x, y);
 * assert result.passed(1e-6) : result;
 * }</pre>
 *
 * <p>Use inputs away from kinks (ReLU at 0, the clipping bounds of losses) where the function is
 * not differentiable. Random layers are reseeded before every evaluation so each sees the same
 * random draws.
 */
public final class GradientCheck {

    /** The default step ε, a good balance of truncation and rounding error in double precision. */
    public static final double EPSILON = 1e-6;

    /**
     * Differences up to this size count as agreement: the central difference itself is only
     * accurate to about (rounding error of f) / ε ≈ 1e-16 / 1e-6 per unit of f.
     */
    public static final double ABSOLUTE_FLOOR = 1e-9;

    private GradientCheck() {
    }

    /**
     * Checks every parameter gradient and the input gradient of {@code model} under {@code loss}.
     *
     * @param model   a model initialized with {@code DataType.DOUBLE}
     * @param loss    the loss on the model's output
     * @param input   a {@code [batch, in]} batch (converted to double)
     * @param targets the targets for the loss
     * @return the worst disagreement found
     */
    public static GradientCheckResult model(Sequential model, Loss loss, INDArray input, INDArray targets) {
        if (model.dataType() != DataType.DOUBLE) {
            throw new IllegalArgumentException("gradient checks need a DOUBLE model: call "
                    + "model.init(initializer, seed, DataType.DOUBLE) first; this model is " + model.dataType());
        }
        INDArray x = input.castTo(DataType.DOUBLE).dup();
        long seed = model.seed();
        DoubleSupplier objective = () -> {
            model.reseed(seed);
            return loss.value(model.forward(x, Mode.TRAIN), targets);
        };
        model.reseed(seed);
        INDArray output = model.forward(x, Mode.TRAIN);
        INDArray inputGradient = model.backward(loss.gradient(output, targets), true).dup();
        INDArray parameterGradients = model.parameterSet().gradients().dup();

        Worst worst = new Worst();
        INDArray values = model.parameterSet().values();
        long offset = 0;
        for (Parameter parameter : model.parameters()) {
            for (long i = 0; i < parameter.length(); i++) {
                double numeric = centralDifference(values, offset + i, objective);
                worst.compare(parameter.name() + "[" + i + "]", parameterGradients.getDouble(offset + i), numeric);
            }
            offset += parameter.length();
        }
        INDArray flatInput = x.reshape(x.length());
        for (long i = 0; i < x.length(); i++) {
            double numeric = centralDifference(flatInput, i, objective);
            worst.compare("input[" + i + "]", inputGradient.reshape(inputGradient.length()).getDouble(i), numeric);
        }
        return worst.result();
    }

    /**
     * Checks one layer on its own: builds a one-layer DOUBLE model around it (initialized with
     * Xavier-normal weights from {@code seed}) and uses {@code L = Σ R ⊙ layer(input)} with a
     * fixed random R, so every output entry contributes a different weight.
     *
     * @param layer the layer to check; it becomes part of a new model
     * @param input a {@code [batch, in]} batch
     * @param seed  seed for the weights and R; the same layer type, input and seed give the same result
     * @return the worst disagreement found
     */
    public static GradientCheckResult layer(Layer layer, INDArray input, long seed) {
        Sequential model = new Sequential(layer).init(Initializer.xavierNormal(), seed, DataType.DOUBLE);
        INDArray x = input.castTo(DataType.DOUBLE);
        long columns = model.predict(x).columns();
        INDArray projection = projection(x.rows(), columns, seed);
        return model(model, new ProjectionLoss(projection), x, projection);
    }

    /** The fixed weights R of the layer check: uniform in [−0.5, 0.5), from a generator seeded by {@code seed}. */
    private static INDArray projection(long rows, long columns, long seed) {
        Random random = new Random(~seed);
        double[] values = new double[Math.toIntExact(rows * columns)];
        for (int i = 0; i < values.length; i++) {
            values[i] = random.nextDouble() - 0.5;
        }
        return Nd4j.create(values, new long[] {rows, columns}, DataType.DOUBLE);
    }

    /**
     * Checks a loss's gradient with respect to its predictions.
     *
     * @param loss        the loss
     * @param predictions the predictions to differentiate at (converted to double)
     * @param targets     the targets
     * @return the worst disagreement found
     */
    public static GradientCheckResult loss(Loss loss, INDArray predictions, INDArray targets) {
        INDArray p = predictions.castTo(DataType.DOUBLE).dup();
        INDArray analytic = loss.gradient(p, targets).dup();
        INDArray flat = p.reshape(p.length());
        INDArray flatAnalytic = analytic.reshape(analytic.length());
        Worst worst = new Worst();
        for (long i = 0; i < p.length(); i++) {
            double numeric = centralDifference(flat, i, () -> loss.value(p, targets));
            worst.compare("prediction[" + i + "]", flatAnalytic.getDouble(i), numeric);
        }
        return worst.result();
    }

    private static double centralDifference(INDArray flat, long index, DoubleSupplier objective) {
        double original = flat.getDouble(index);
        flat.putScalar(index, original + EPSILON);
        double plus = objective.getAsDouble();
        flat.putScalar(index, original - EPSILON);
        double minus = objective.getAsDouble();
        flat.putScalar(index, original);
        return (plus - minus) / (2 * EPSILON);
    }

    /** Tracks the largest relative error seen. */
    private static final class Worst {
        private int checked;
        private double error = -1;
        private String entry = "nothing";
        private double analytic;
        private double numeric;

        void compare(String name, double analyticValue, double numericValue) {
            checked++;
            double difference = Math.abs(analyticValue - numericValue);
            double denominator = Math.max(Math.abs(analyticValue) + Math.abs(numericValue), 1e-8);
            // Below ABSOLUTE_FLOOR a difference is rounding noise of the central difference itself.
            double relative = difference <= ABSOLUTE_FLOOR ? 0.0 : difference / denominator;
            if (Double.isNaN(relative)) {
                relative = Double.POSITIVE_INFINITY;
            }
            if (relative > error) {
                error = relative;
                entry = name;
                analytic = analyticValue;
                numeric = numericValue;
            }
        }

        GradientCheckResult result() {
            return new GradientCheckResult(checked, Math.max(error, 0), entry, analytic, numeric);
        }
    }

    /** {@code L = Σ R ⊙ P}: its gradient is R, so every output's backward path is exercised. */
    private static final class ProjectionLoss implements Loss {
        private final INDArray projection;

        ProjectionLoss(INDArray projection) {
            this.projection = projection;
        }

        @Override
        public String name() {
            return "projection";
        }

        @Override
        public double value(INDArray predictions, INDArray targets) {
            return predictions.mul(projection).sumNumber().doubleValue();
        }

        @Override
        public INDArray gradient(INDArray predictions, INDArray targets) {
            return projection;
        }

        @Override
        public double sum(INDArray predictions, INDArray targets) {
            return value(predictions, targets);
        }

        @Override
        public INDArray gradient(INDArray predictions, INDArray targets, long examples) {
            return projection;
        }
    }
}
