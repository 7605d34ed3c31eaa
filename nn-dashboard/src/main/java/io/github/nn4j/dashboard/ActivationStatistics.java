package io.github.nn4j.dashboard;

import io.github.nn4j.layers.ActivationLayer;
import io.github.nn4j.layers.Layer;
import io.github.nn4j.model.LayerObserver;
import io.github.nn4j.model.Sequential;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Watches a sampled step's forward pass and measures each activation layer's output
 * {@code A = φ(Z)}, a {@code [batch, units]} buffer the layer already holds:
 * <ul>
 *   <li>{@code mean} and {@code std} of all its numbers;</li>
 *   <li>{@code dead}, for ReLU: the share of units that output 0 for every example of the batch
 *       (no gradient flows back through them);</li>
 *   <li>{@code saturated}, for sigmoid and tanh: the share of outputs where the derivative is below
 *       a tenth of its largest value ({@code σ(1 − σ) < 0.025}, {@code 1 − tanh² < 0.1}), where
 *       backpropagation all but stops — the vanishing-gradient story, as it happens.</li>
 * </ul>
 * Values not defined for a function are NaN.
 */
final class ActivationStatistics implements LayerObserver {

    /** Below a tenth of σ's largest derivative, 0.25. */
    static final double SIGMOID_SATURATED = 0.025;
    /** Below a tenth of tanh's largest derivative, 1. */
    static final double TANH_SATURATED = 0.1;

    private static final int CHUNK = 4096;

    /** One activation layer's numbers at one step. */
    record LayerActivations(int layer, double mean, double std, double dead, double saturated) {
    }

    private final Map<Integer, String> functions = new HashMap<>();
    private final List<LayerActivations> measured = new ArrayList<>();
    private final float[] chunk = new float[CHUNK];

    /**
     * Finds the activation layers of {@code model}.
     *
     * @param model the model
     */
    ActivationStatistics(Sequential model) {
        for (int i = 0; i < model.layers().size(); i++) {
            if (model.layers().get(i) instanceof ActivationLayer activation) {
                functions.put(i, activation.activation().name());
            }
        }
    }

    @Override
    public void afterForward(int index, Layer layer, INDArray output) {
        String function = functions.get(index);
        if (function != null && output.rank() == 2) {
            measured.add(measure(index, function, output));
        }
    }

    /** The measurements since the last call, in layer order. */
    List<LayerActivations> take() {
        List<LayerActivations> taken = List.copyOf(measured);
        measured.clear();
        return taken;
    }

    LayerActivations measure(int index, String function, INDArray output) {
        Numbers numbers = Numbers.of(output);
        int rows = (int) output.rows();
        int columns = (int) output.columns();
        boolean relu = function.equals("relu");
        boolean sigmoid = function.equals("sigmoid");
        boolean tanh = function.equals("tanh");
        boolean[] alive = relu ? new boolean[columns] : null;
        double sum = 0;
        double squares = 0;
        long saturated = 0;
        int length = numbers.length();
        for (int start = 0; start < length; start += CHUNK) {
            int n = Math.min(CHUNK, length - start);
            numbers.copy(start, chunk, n);
            int column = start % columns;
            for (int i = 0; i < n; i++) {
                float a = chunk[i];
                sum += a;
                squares += (double) a * a;
                if (alive != null) {
                    alive[column] |= a > 0;
                    column = column + 1 == columns ? 0 : column + 1;
                } else if (sigmoid && a * (1 - a) < SIGMOID_SATURATED) {
                    saturated++;
                } else if (tanh && 1 - a * a < TANH_SATURATED) {
                    saturated++;
                }
            }
        }
        double count = (double) rows * columns;
        double mean = sum / count;
        double std = Math.sqrt(Math.max(squares / count - mean * mean, 0));
        double dead = Double.NaN;
        if (alive != null) {
            int deadUnits = 0;
            for (boolean unit : alive) {
                deadUnits += unit ? 0 : 1;
            }
            dead = (double) deadUnits / columns;
        }
        return new LayerActivations(index, mean, std, dead, sigmoid || tanh ? saturated / count : Double.NaN);
    }
}
