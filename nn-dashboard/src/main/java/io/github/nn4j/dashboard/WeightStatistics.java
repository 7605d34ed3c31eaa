package io.github.nn4j.dashboard;

import io.github.nn4j.base.Parameter;
import io.github.nn4j.base.ParameterKind;
import io.github.nn4j.base.ParameterSet;
import io.github.nn4j.model.Sequential;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Per layer with weights: the weights' norm {@code ‖W‖}, the norm of the gradient the last step
 * applied {@code ‖∇W‖}, and the update-to-weight ratio {@code ‖ΔW‖ / ‖W‖} of that step (L2 norms
 * over the layer's weight matrix; biases are left out). Everything is read from the model's flat
 * value and gradient buffers; the update is the difference from a copy of the values taken just
 * before the step ({@link #rememberValues}), the one buffer this class owns.
 */
final class WeightStatistics {

    private static final int CHUNK = 4096;

    /** A weight matrix's place in the flat buffers and the layer it belongs to. */
    private record Segment(int layer, int offset, int length) {
    }

    /** One layer's numbers after a step; NaN where there is nothing to measure. */
    record LayerNorms(int layer, double weightNorm, double gradientNorm, double updateRatio) {
    }

    private final List<Segment> segments = new ArrayList<>();
    private final float[] before;
    private final float[] values = new float[CHUNK];
    private final float[] gradients = new float[CHUNK];
    private boolean remembered;

    /**
     * Finds every weight matrix of {@code model}.
     *
     * @param model the model, whose parameters are laid out in one flat buffer in model order
     */
    WeightStatistics(Sequential model) {
        Map<String, Integer> layerIndex = new HashMap<>();
        for (int i = 0; i < model.layers().size(); i++) {
            layerIndex.put(model.layerName(i), i);
        }
        int offset = 0;
        for (Parameter parameter : model.parameters()) {
            int length = Math.toIntExact(parameter.length());
            String layerName = parameter.name().substring(0, Math.max(parameter.name().lastIndexOf('.'), 0));
            Integer layer = layerIndex.get(layerName);
            if (parameter.kind() == ParameterKind.WEIGHT && layer != null) {
                segments.add(new Segment(layer, offset, length));
            }
            offset += length;
        }
        before = new float[offset];
    }

    /** The layers measured, in model order. */
    List<Integer> layers() {
        return segments.stream().map(Segment::layer).distinct().toList();
    }

    /**
     * Copies the current values, so that the next {@link #measure} sees the step in between.
     *
     * @param parameters the model's parameters
     */
    void rememberValues(ParameterSet parameters) {
        Numbers.of(parameters.values()).copy(0, before, before.length);
        remembered = true;
    }

    /** Forgets the copy, when something other than a step may have changed the values. */
    void forget() {
        remembered = false;
    }

    /**
     * The norms after a step, and its update when {@link #rememberValues} ran just before it. A
     * gradient buffer of zeros only (a trainer that did not write it) gives NaN gradient norms,
     * and an update of zero everywhere NaN ratios.
     *
     * @param parameters the model's parameters
     * @return one entry per weight matrix, in model order
     */
    List<LayerNorms> measure(ParameterSet parameters) {
        Numbers w = Numbers.of(parameters.values());
        Numbers g = Numbers.of(parameters.gradients());
        int count = segments.size();
        double[] weight = new double[count];
        double[] gradient = new double[count];
        double[] update = new double[count];
        double gradientTotal = 0;
        double updateTotal = 0;
        for (int s = 0; s < count; s++) {
            Segment segment = segments.get(s);
            for (int start = 0; start < segment.length; start += CHUNK) {
                int n = Math.min(CHUNK, segment.length - start);
                int at = segment.offset + start;
                w.copy(at, values, n);
                g.copy(at, gradients, n);
                double ww = 0;
                double gg = 0;
                double dd = 0;
                for (int i = 0; i < n; i++) {
                    float v = values[i];
                    float d = v - before[at + i];
                    ww += v * v;
                    gg += gradients[i] * gradients[i];
                    dd += d * d;
                }
                weight[s] += ww;
                gradient[s] += gg;
                update[s] += dd;
            }
            gradientTotal += gradient[s];
            updateTotal += update[s];
        }
        boolean hasGradient = gradientTotal > 0;
        boolean hasUpdate = remembered && updateTotal > 0;
        List<LayerNorms> norms = new ArrayList<>(count);
        for (int s = 0; s < count; s++) {
            double weightNorm = Math.sqrt(weight[s]);
            norms.add(new LayerNorms(segments.get(s).layer, weightNorm,
                    hasGradient ? Math.sqrt(gradient[s]) : Double.NaN,
                    hasUpdate && weightNorm > 0 ? Math.sqrt(update[s]) / weightNorm : Double.NaN));
        }
        remembered = false;
        return norms;
    }
}
