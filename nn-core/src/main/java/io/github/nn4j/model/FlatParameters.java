package io.github.nn4j.model;

import io.github.nn4j.base.Parameter;
import io.github.nn4j.base.ParameterKind;
import io.github.nn4j.base.ParameterSet;
import io.github.nn4j.base.ParameterSpec;
import io.github.nn4j.init.Initializer;
import io.github.nn4j.layers.Layer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * A model's parameters in two flat buffers, one of values and one of gradients, and its state that
 * is not trained ({@link ParameterKind#STATE}) in a third; each layer's parameters bound to views
 * into them; and the initialization that fills them.
 */
final class FlatParameters {

    private final ParameterSet set;
    private final Map<String, ParameterSpec> specsByName;

    private FlatParameters(ParameterSet set, Map<String, ParameterSpec> specsByName) {
        this.set = set;
        this.specsByName = specsByName;
    }

    /**
     * Allocates zeroed buffers for every parameter the layers declare, in layer order, and binds
     * each layer to its views, in the order it declared them; a parameter is named
     * {@code <layer name>.<local name>}. Trained parameters go into the values and gradients
     * buffers, state into the state buffer.
     *
     * @throws IllegalArgumentException when {@code dataType} is not FLOAT or DOUBLE
     */
    static FlatParameters allocate(List<Layer> layers, List<String> layerNames, DataType dataType) {
        if (dataType != DataType.FLOAT && dataType != DataType.DOUBLE) {
            throw new IllegalArgumentException("models are FLOAT or DOUBLE, got " + dataType);
        }
        long trained = 0;
        long state = 0;
        for (Layer layer : layers) {
            for (ParameterSpec spec : layer.parameterSpecs()) {
                if (spec.kind().trained()) {
                    trained += spec.length();
                } else {
                    state += spec.length();
                }
            }
        }
        INDArray values = flat(dataType, trained);
        INDArray gradients = flat(dataType, trained);
        INDArray states = flat(dataType, state);
        Map<String, ParameterSpec> specsByName = new HashMap<>();
        List<Parameter> all = new ArrayList<>();
        List<Parameter> allStates = new ArrayList<>();
        long offset = 0;
        long stateOffset = 0;
        for (int i = 0; i < layers.size(); i++) {
            List<Parameter> own = new ArrayList<>();
            for (ParameterSpec spec : layers.get(i).parameterSpecs()) {
                String name = layerNames.get(i) + "." + spec.name();
                Parameter parameter;
                if (spec.kind().trained()) {
                    parameter = new Parameter(name, view(values, offset, spec), view(gradients, offset, spec),
                            spec.kind());
                    offset += spec.length();
                    all.add(parameter);
                } else {
                    parameter = new Parameter(name, view(states, stateOffset, spec), null, spec.kind());
                    stateOffset += spec.length();
                    allStates.add(parameter);
                }
                specsByName.put(name, spec);
                own.add(parameter);
            }
            layers.get(i).bindParameters(own);
        }
        return new FlatParameters(new ParameterSet(vector(values, trained), vector(gradients, trained), all,
                vector(states, state), allStates), specsByName);
    }

    /** A zeroed buffer of {@code length} values, at least one long so that views can be made of it. */
    private static INDArray flat(DataType dataType, long length) {
        return Nd4j.zeros(dataType, Math.max(length, 1));
    }

    /** The buffer as a vector of {@code length} values: itself, or an empty view of it. */
    private static INDArray vector(INDArray flat, long length) {
        return length == 0 ? flat.get(NDArrayIndex.interval(0, 0)) : flat;
    }

    /**
     * Allocates buffers for the layers, as {@link #allocate} does, holding a copy of {@code source}'s
     * values and state (a model of layers of the same types and settings); the gradients start at zero.
     */
    static FlatParameters copyOf(List<Layer> layers, List<String> layerNames, FlatParameters source) {
        FlatParameters copy = allocate(layers, layerNames, source.dataType());
        copy.set.values().assign(source.set.values());
        if (copy.set.states().length() > 0) {
            copy.set.states().assign(source.set.states());
        }
        return copy;
    }

    private static INDArray view(INDArray flat, long offset, ParameterSpec spec) {
        long[] shape = spec.shape();
        long[] stride = {shape[1], 1};
        return Nd4j.create(flat.data(), shape, stride, offset, 'c', flat.dataType());
    }

    /** The buffers and parameters. */
    ParameterSet set() {
        return set;
    }

    /** The data type of both buffers. */
    DataType dataType() {
        return set.values().dataType();
    }

    /**
     * Fills every weight from {@code initializer} with {@code random}, in order; sets every other
     * parameter and every state entry to its spec's initial value (biases 0, scales 1); zeroes gradients.
     */
    void initialize(Initializer initializer, Random random) {
        DataType dataType = dataType();
        for (Parameter parameter : set.list()) {
            ParameterSpec spec = specsByName.get(parameter.name());
            if (parameter.kind() != ParameterKind.WEIGHT) {
                parameter.value().assign(spec.initialValue());
            } else {
                double[] values = initializer.sample(spec.fanIn(), spec.fanOut(), (int) spec.length(), random);
                parameter.value().assign(Nd4j.create(values, spec.shape(), 'c').castTo(dataType));
            }
        }
        for (Parameter state : set.stateList()) {
            state.value().assign(specsByName.get(state.name()).initialValue());
        }
        set.gradients().assign(0.0);
    }
}
