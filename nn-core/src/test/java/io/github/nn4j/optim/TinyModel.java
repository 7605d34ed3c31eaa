package io.github.nn4j.optim;

import io.github.nn4j.base.ParameterSet;
import io.github.nn4j.init.Initializer;
import io.github.nn4j.layers.Dense;
import io.github.nn4j.model.Sequential;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A double-precision {@code Dense(1, 2)} whose four parameters are set by hand, for optimizer
 * tests: flat layout {@code [W00, W01, b0, b1]}, so entries 0–1 are weights and 2–3 biases.
 */
final class TinyModel {

    /** Starting values: two weights, then two biases. */
    static final double[] START = {1.0, -2.0, 0.5, 0.25};

    /** The fixed gradients of steps 1, 2 and 3. */
    static final double[][] GRADIENTS = {
        {0.5, -1.0, 2.0, 0.1},
        {0.3, -0.2, -1.0, 0.4},
        {-0.6, 0.9, 0.5, -0.3},
    };

    private TinyModel() {
    }

    static ParameterSet parameters() {
        Sequential model = new Sequential(new Dense(1, 2)).init(Initializer.xavierNormal(), 0, DataType.DOUBLE);
        ParameterSet parameters = model.parameterSet();
        parameters.values().assign(Nd4j.create(START));
        return parameters;
    }

    /** Runs three steps with {@link #GRADIENTS}; returns the values after each step. */
    static double[][] threeSteps(Optimizer optimizer) {
        ParameterSet parameters = parameters();
        double[][] after = new double[3][];
        for (int t = 0; t < 3; t++) {
            setGradients(parameters, GRADIENTS[t]);
            optimizer.step(parameters);
            after[t] = parameters.values().toDoubleVector();
        }
        return after;
    }

    static void setGradients(ParameterSet parameters, double[] gradients) {
        parameters.gradients().assign(Nd4j.create(gradients));
    }

    static INDArray vector(double... values) {
        return Nd4j.create(values);
    }
}
