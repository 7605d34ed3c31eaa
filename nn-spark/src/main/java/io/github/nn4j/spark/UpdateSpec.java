package io.github.nn4j.spark;

import io.github.nn4j.io.Section;
import io.github.nn4j.optim.GlobalNormClipping;
import io.github.nn4j.optim.GradientClipping;
import io.github.nn4j.optim.Optimizer;
import io.github.nn4j.optim.Regularization;
import io.github.nn4j.optim.ValueClipping;
import io.github.nn4j.persist.OptimizerCodec;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The update rule as averaging mode's executors rebuild it: the optimizer's type and settings (as
 * {@link OptimizerCodec} saves them in a checkpoint, without state), the regularization's
 * strengths and the clipping. Synchronous mode needs none of it: its updates happen on the driver.
 */
final class UpdateSpec implements Serializable {

    private static final long serialVersionUID = 1L;

    private final String optimizerType;
    private final LinkedHashMap<String, Object> optimizerSettings;
    private final double l1;
    private final double l2;
    private final boolean penalizeBiases;
    private final boolean regularized;
    private final GradientClipping clipping;

    private UpdateSpec(Optimizer optimizer, Regularization regularization, GradientClipping clipping) {
        Section section;
        try {
            section = OptimizerCodec.write(optimizer);
        } catch (UnsupportedOperationException e) {
            throw new IllegalArgumentException("averaging mode sends the optimizer to the executors, which needs "
                    + "an OptimizerCodec for it: " + e.getMessage(), e);
        }
        this.optimizerType = section.type();
        this.optimizerSettings = new LinkedHashMap<>(section.settings());
        this.regularized = regularization != null;
        this.l1 = regularized ? regularization.l1() : 0;
        this.l2 = regularized ? regularization.l2() : 0;
        this.penalizeBiases = regularized && regularization.penalizesBiases();
        this.clipping = serializable(clipping);
    }

    /**
     * The update rule of a run in averaging mode.
     *
     * @throws IllegalArgumentException when the optimizer cannot be saved or the clipping is a custom,
     *                                  non-serializable one
     */
    static UpdateSpec of(Optimizer optimizer, Regularization regularization, GradientClipping clipping) {
        return new UpdateSpec(optimizer, regularization, clipping);
    }

    /** A new optimizer with the run's settings and no state. */
    Optimizer optimizer() {
        return OptimizerCodec.read(new Section(optimizerType, optimizerSettings, Map.of()));
    }

    /** A new regularization with the run's strengths, or {@code null}. */
    Regularization regularization() {
        return regularized ? new Regularization(l1, l2).penalizeBiases(penalizeBiases) : null;
    }

    /** The clipping, or {@code null}. */
    GradientClipping clipping() {
        return clipping;
    }

    private static GradientClipping serializable(GradientClipping clipping) {
        if (clipping == null || clipping instanceof Serializable) {
            return clipping;
        }
        if (clipping instanceof GlobalNormClipping global) {
            return new SerializableClipping(true, global.maxNorm());
        }
        if (clipping instanceof ValueClipping value) {
            return new SerializableClipping(false, value.limit());
        }
        throw new IllegalArgumentException("averaging mode sends the gradient clipping to the executors: " + clipping
                + " (" + clipping.getClass().getName() + ") must implement Serializable");
    }

    /** Built-in clipping by global norm or by value, rebuilt from its one number. */
    private record SerializableClipping(boolean byNorm, double value) implements GradientClipping, Serializable {
        @Override
        public double clip(io.github.nn4j.base.ParameterSet parameters) {
            return (byNorm ? GradientClipping.byGlobalNorm(value) : GradientClipping.byValue(value)).clip(parameters);
        }
    }
}
