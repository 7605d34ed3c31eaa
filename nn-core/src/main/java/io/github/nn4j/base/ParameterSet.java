package io.github.nn4j.base;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * All parameters of a model in two flat buffers, one for values and one for gradients, with
 * each {@link Parameter} a view into both; and the state that is not trained
 * ({@link ParameterKind#STATE}, e.g. running statistics) in a third flat buffer of its own.
 *
 * <p>Because the buffers are flat, an optimizer updates the whole model with a handful of
 * vectorized operations instead of one per parameter. Optimizers, penalties and clipping work on
 * {@link #values()} and {@link #gradients()} only, so they never touch the {@link #states()}.
 */
public final class ParameterSet {

    private final INDArray values;
    private final INDArray gradients;
    private final List<Parameter> parameters;
    private final INDArray states;
    private final List<Parameter> stateList;
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
        this(values, gradients, parameters, null, List.of());
    }

    /**
     * Groups trained parameters, as {@link #ParameterSet(INDArray, INDArray, List)} does, and state
     * entries whose values are views into a third flat buffer.
     *
     * @param values     every trained parameter value, concatenated in order: a {@code [total]} vector
     * @param gradients  every gradient, in the same layout
     * @param parameters the trained parameters, each viewing its slice of both buffers
     * @param states     every state value, concatenated in order: a vector of the values' data type,
     *                   or {@code null} for none
     * @param stateList  the state entries, kind {@link ParameterKind#STATE}, each viewing its slice of
     *                   {@code states}, with no gradient
     * @throws IllegalArgumentException naming the shapes when a buffer is missing or not a vector, the
     *                                  buffers differ in data type, or an entry is of the wrong kind
     */
    public ParameterSet(INDArray values, INDArray gradients, List<Parameter> parameters, INDArray states,
            List<Parameter> stateList) {
        if (values == null || gradients == null || values.rank() != 1 || gradients.rank() != 1
                || values.length() != gradients.length() || values.dataType() != gradients.dataType()) {
            throw new IllegalArgumentException("a ParameterSet needs values and gradients as vectors (rank 1) of one "
                    + "length and data type, got " + describe(values) + " and " + describe(gradients));
        }
        INDArray stateBuffer = states == null
                ? Nd4j.zeros(values.dataType(), 1).get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 0)) : states;
        if (stateBuffer.rank() != 1 || stateBuffer.dataType() != values.dataType()) {
            throw new IllegalArgumentException("a ParameterSet needs its states as a vector (rank 1) of the values' "
                    + "data type " + values.dataType() + ", got " + describe(stateBuffer));
        }
        if (parameters.stream().anyMatch(p -> !p.kind().trained())
                || stateList.stream().anyMatch(p -> p.kind().trained())) {
            throw new IllegalArgumentException("trained parameters and state entries are listed apart, got "
                    + parameters + " and " + stateList);
        }
        this.values = values;
        this.gradients = gradients;
        this.parameters = List.copyOf(parameters);
        this.states = stateBuffer;
        this.stateList = List.copyOf(stateList);
        this.byName = java.util.stream.Stream.concat(this.parameters.stream(), this.stateList.stream())
                .collect(Collectors.toMap(Parameter::name, Function.identity()));
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
     * Every state value ({@link ParameterKind#STATE}), concatenated in model order: a vector, empty
     * when the model has none. Not trained: no optimizer, penalty or clipping sees it.
     */
    public INDArray states() {
        return states;
    }

    /** The state entries in model order (e.g. {@code batchnorm0.running_mean}), each a view into {@link #states()}. */
    public List<Parameter> stateList() {
        return stateList;
    }

    /**
     * Looks a parameter, or a state entry, up by name.
     *
     * @param name a name such as {@code dense0.W} or {@code batchnorm0.running_var}
     * @return the parameter
     * @throws IllegalArgumentException naming the known parameters if there is none of that name
     */
    public Parameter get(String name) {
        Parameter parameter = byName.get(name);
        if (parameter == null) {
            throw new IllegalArgumentException("no parameter named '" + name + "'; the model has "
                    + parameters.stream().map(Parameter::name).toList()
                    + (stateList.isEmpty() ? "" : " and state " + stateList.stream().map(Parameter::name).toList()));
        }
        return parameter;
    }

    /** Total number of scalar parameters. */
    public long size() {
        return values.length();
    }

    /**
     * A vector in the layout of {@link #values()} that is 1 at every {@link ParameterKind#WEIGHT}
     * entry and 0 at every bias and scale entry, for penalties and weight decay that skip them. Built once.
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
