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
 * A model's parameters in two flat buffers, one of values and one of gradients, each layer's
 * parameters bound to views into both; and the initialization that fills them.
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
     * each layer to its views; a parameter is named {@code <layer name>.<local name>}.
     *
     * @throws IllegalArgumentException when {@code dataType} is not FLOAT or DOUBLE
     */
    static FlatParameters allocate(List<Layer> layers, List<String> layerNames, DataType dataType) {
        if (dataType != DataType.FLOAT && dataType != DataType.DOUBLE) {
            throw new IllegalArgumentException("models are FLOAT or DOUBLE, got " + dataType);
        }
        long total = 0;
        for (Layer layer : layers) {
            for (ParameterSpec spec : layer.parameterSpecs()) {
                total += spec.length();
            }
        }
        INDArray values = Nd4j.zeros(dataType, Math.max(total, 1));
        INDArray gradients = Nd4j.zeros(dataType, Math.max(total, 1));
        Map<String, ParameterSpec> specsByName = new HashMap<>();
        List<Parameter> all = new ArrayList<>();
        long offset = 0;
        for (int i = 0; i < layers.size(); i++) {
            List<Parameter> own = new ArrayList<>();
            for (ParameterSpec spec : layers.get(i).parameterSpecs()) {
                String name = layerNames.get(i) + "." + spec.name();
                Parameter parameter = new Parameter(name, view(values, offset, spec), view(gradients, offset, spec),
                        spec.kind());
                specsByName.put(name, spec);
                own.add(parameter);
                offset += spec.length();
            }
            layers.get(i).bindParameters(own);
            all.addAll(own);
        }
        if (total == 0) {
            values = values.get(NDArrayIndex.interval(0, 0));
            gradients = gradients.get(NDArrayIndex.interval(0, 0));
        }
        return new FlatParameters(new ParameterSet(values, gradients, all), specsByName);
    }

    /**
     * Allocates buffers for the layers, as {@link #allocate} does, holding a copy of {@code source}'s
     * values (a model of layers of the same types and settings); the gradients start at zero.
     */
    static FlatParameters copyOf(List<Layer> layers, List<String> layerNames, FlatParameters source) {
        FlatParameters copy = allocate(layers, layerNames, source.dataType());
        copy.set.values().assign(source.set.values());
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

    /** Fills every weight from {@code initializer} with {@code random}, in order; zeroes biases and gradients. */
    void initialize(Initializer initializer, Random random) {
        DataType dataType = dataType();
        for (Parameter parameter : set.list()) {
            if (parameter.kind() == ParameterKind.BIAS) {
                parameter.value().assign(0.0);
            } else {
                ParameterSpec spec = specsByName.get(parameter.name());
                double[] values = initializer.sample(spec.fanIn(), spec.fanOut(), (int) spec.length(), random);
                parameter.value().assign(Nd4j.create(values, spec.shape(), 'c').castTo(dataType));
            }
        }
        set.gradients().assign(0.0);
    }
}
