package io.github.nn4j.base;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * All parameters of a model in two flat buffers, one for values and one for gradients, with
 * each {@link Parameter} a view into both.
 *
 * <p>Because the buffers are flat, an optimizer updates the whole model with a handful of
 * vectorized operations instead of one per parameter.
 */
public final class ParameterSet {

    private final INDArray values;
    private final INDArray gradients;
    private final List<Parameter> parameters;
    private final Map<String, Parameter> byName;
    private INDArray weightMask;

    /**
     * Groups parameters whose values and gradients are views into two flat buffers.
     *
     * <p>Optimizers update the two buffers as flat vectors, so each must be a vector (rank 1);
     * it may be a view with a stride, such as every other element of a longer vector.
     *
     * @param values     every parameter value, concatenated in order: a {@code [total]} vector
     * @param gradients  every gradient, in the same layout: a vector of the same length and data type
     * @param parameters the parameters, each viewing its slice of both buffers
     * @throws IllegalArgumentException naming the shapes when a buffer is missing or not a vector,
     *                                  or the two differ in length or data type
     */
    public ParameterSet(INDArray values, INDArray gradients, List<Parameter> parameters) {
        if (values == null || gradients == null || values.rank() != 1 || gradients.rank() != 1
                || values.length() != gradients.length() || values.dataType() != gradients.dataType()) {
            throw new IllegalArgumentException("a ParameterSet needs values and gradients as vectors (rank 1) of one "
                    + "length and data type, got " + describe(values) + " and " + describe(gradients));
        }
        this.values = values;
        this.gradients = gradients;
        this.parameters = List.copyOf(parameters);
        this.byName = this.parameters.stream().collect(Collectors.toMap(Parameter::name, Function.identity()));
    }

    private static String describe(INDArray array) {
        return array == null ? "null" : array.dataType() + " " + Shapes.of(array);
    }

    /** Every parameter value, concatenated in model order: a {@code [total]} vector. */
    public INDArray values() {
        return values;
    }

    /** Every gradient, in the same layout as {@link #values()}. */
    public INDArray gradients() {
        return gradients;
    }

    /** The parameters in model order, each with views into both buffers. */
    public List<Parameter> list() {
        return parameters;
    }

    /**
     * Looks a parameter up by name.
     *
     * @param name a name such as {@code dense0.W}
     * @return the parameter
     * @throws IllegalArgumentException naming the known parameters if there is none of that name
     */
    public Parameter get(String name) {
        Parameter parameter = byName.get(name);
        if (parameter == null) {
            throw new IllegalArgumentException("no parameter named '" + name + "'; the model has "
                    + parameters.stream().map(Parameter::name).toList());
        }
        return parameter;
    }

    /** Total number of scalar parameters. */
    public long size() {
        return values.length();
    }

    /**
     * A vector in the layout of {@link #values()} that is 1 at every {@link ParameterKind#WEIGHT}
     * entry and 0 at every bias entry, for penalties and weight decay that skip biases. Built once.
     *
     * @return the mask (do not modify)
     */
    public INDArray weightMask() {
        if (weightMask == null) {
            INDArray mask = Nd4j.zeros(values.dataType(), values.length());
            long offset = 0;
            for (Parameter parameter : parameters) {
                long end = offset + parameter.length();
                if (parameter.kind() == ParameterKind.WEIGHT) {
                    mask.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(offset, end)).assign(1.0);
                }
                offset = end;
            }
            weightMask = mask;
        }
        return weightMask;
    }
}
