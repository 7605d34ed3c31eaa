package io.github.nn4j.model;

import io.github.nn4j.base.ParameterSpec;
import io.github.nn4j.layers.Layer;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The parameters a {@link Sequential} model of some layers would have, named as
 * {@link Sequential#parameters()} names them and in the same order, worked out from the layers'
 * {@link Layer#parameterSpecs()} without building the model or allocating anything; and, apart,
 * its state that is not trained, as {@link Sequential#states()} lists it. A reader of a model file
 * compares what a file declares with what it holds through this, before a model of the declared
 * sizes is allocated.
 *
 * <pre>{@code
 * ParameterLayout.of(List.of(new Dense(784, 256), new ReLU()));   // {dense0.W=[784, 256], dense0.b=[1, 256]}
 * ParameterLayout.states(List.of(new Dense(2, 3), new BatchNorm(3)));
 *         // {batchnorm0.running_mean=[1, 3], batchnorm0.running_var=[1, 3]}
 * }</pre>
 */
public final class ParameterLayout {

    private ParameterLayout() {
    }

    /**
     * The parameter shapes of a model of {@code layers}.
     *
     * @param layers the layers, first to last; they are not bound or claimed
     * @return trained parameter name → shape {@code [rows, columns]}, in model order, unmodifiable
     * @throws IllegalArgumentException as {@link Sequential#Sequential(List)} throws it when there
     *                                  are no layers or consecutive sizes do not fit
     */
    public static Map<String, long[]> of(List<Layer> layers) {
        return shapes(layers, true);
    }

    /**
     * The shapes of the state that a model of {@code layers} keeps apart from its trained parameters.
     *
     * @param layers the layers, first to last; they are not bound or claimed
     * @return state name → shape {@code [rows, columns]}, in model order, unmodifiable; empty for most models
     * @throws IllegalArgumentException as {@link #of} throws it
     */
    public static Map<String, long[]> states(List<Layer> layers) {
        return shapes(layers, false);
    }

    private static Map<String, long[]> shapes(List<Layer> layers, boolean trained) {
        LayerStack stack = LayerStack.of(layers);
        Map<String, long[]> shapes = new LinkedHashMap<>();
        for (int i = 0; i < stack.layers().size(); i++) {
            for (ParameterSpec spec : stack.layers().get(i).parameterSpecs()) {
                if (spec.kind().trained() == trained) {
                    shapes.put(stack.names().get(i) + "." + spec.name(), spec.shape());
                }
            }
        }
        return Collections.unmodifiableMap(shapes);
    }
}
