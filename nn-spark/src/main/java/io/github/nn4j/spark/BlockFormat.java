package io.github.nn4j.spark;

import io.github.nn4j.layers.Layer;
import io.github.nn4j.losses.OutputKind;
import io.github.nn4j.model.Sequential;
import java.io.Serializable;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * What a partition's examples are converted to for one model and loss: the feature count the
 * model takes, its outputs, its precision, and what its outputs mean (which says whether labels
 * are classes, as {@code Trainer} decides it).
 */
final class BlockFormat implements Serializable {

    private static final long serialVersionUID = 1L;

    final int inputs;
    final int outputs;
    final boolean doublePrecision;
    final OutputKind kind;

    private BlockFormat(int inputs, int outputs, boolean doublePrecision, OutputKind kind) {
        this.inputs = inputs;
        this.outputs = outputs;
        this.doublePrecision = doublePrecision;
        this.kind = kind;
    }

    /** The format for {@code model} trained with a loss whose outputs are of {@code kind}. */
    static BlockFormat of(Sequential model, OutputKind kind) {
        return new BlockFormat(model.inputSize(), model.outputSize(), model.dataType() == DataType.DOUBLE,
                kind.forOutputs(model.outputSize()));
    }

    DataType dataType() {
        return doublePrecision ? DataType.DOUBLE : DataType.FLOAT;
    }

    /** Whether {@code count} features fit the model (any count when no layer fixes it). */
    boolean acceptsFeatures(int count) {
        return inputs == Layer.ANY_SIZE || count == inputs;
    }
}
