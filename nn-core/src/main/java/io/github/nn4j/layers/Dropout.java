package io.github.nn4j.layers;

import io.github.nn4j.base.Buffers;
import io.github.nn4j.base.Mode;
import io.github.nn4j.base.Shapes;
import io.github.nn4j.base.TrainingPass;
import io.github.nn4j.internal.kernels.DropoutKernels;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Inverted dropout: in {@link Mode#TRAIN} each unit is zeroed with probability {@code p} and the
 * kept units are scaled by {@code 1/(1 − p)}, so the expected output equals the input; in
 * {@link Mode#EVAL} the layer is the identity and inference needs no rescaling.
 *
 * <pre>
 * M_ij = 1/(1 − p) with probability 1 − p, else 0      (a fresh mask every TRAIN forward pass)
 * forward:  Y = X ⊙ M          backward:  dL/dX = dL/dY ⊙ M
 * </pre>
 * Shapes {@code [batch, features] → [batch, features]}; no parameters. Masks come from the
 * layer's own generator, seeded by the model ({@code Sequential.init} and {@code reseed}), so a
 * training run is reproducible and gradient checks see the same mask on every evaluation. A
 * TRAIN pass draws the mask and multiplies in one Java pass into reused buffers (see
 * {@link DropoutKernels#dropout}).
 *
 * <p>The mask of a unit is a function of the layer's seed, the pass's number and the unit's row
 * position and column in the batch. A trainer names the pass and the rows' positions with a
 * {@link TrainingPass} ({@link #forward(INDArray, Mode, TrainingPass)}); without one, the layer
 * counts its TRAIN passes since it was seeded and puts the rows at positions 0, 1, …
 *
 * <pre>{@code
 * Sequential model = new Sequential(new Dense(784, 256), new ReLU(), new Dropout(0.5), new Dense(256, 10));
 * }</pre>
 *
 * <p>EVAL returns the input array itself and touches no state, so inference is thread-safe.
 * Note DL4J's {@code dropOut(x)} takes the <em>retain</em> probability; here {@code p} is the
 * drop probability, as in PyTorch and Keras.
 */
public final class Dropout implements ShapePreserving {

    private final double p;

    private final LayerOwner owner = new LayerOwner();

    private long seed;
    private long passes;
    private INDArray mask;
    private INDArray output;
    private INDArray inputGradient;

    /**
     * Creates a dropout layer.
     *
     * @param p the probability of zeroing each unit, in [0, 1); 0 makes the layer the identity
     * @throws IllegalArgumentException naming p when it is outside [0, 1)
     */
    public Dropout(double p) {
        if (!(p >= 0 && p < 1)) {
            throw new IllegalArgumentException("dropout probability p must be in [0, 1), got p = " + p);
        }
        this.p = p;
    }

    /** The probability of dropping a unit. */
    public double probability() {
        return p;
    }

    @Override
    public LayerOwner owner() {
        return owner;
    }

    @Override
    public String typeName() {
        return LayerType.DROPOUT.typeName();
    }

    /** {@code {"p": p}}, the drop probability. */
    @Override
    public Map<String, Object> config() {
        return Map.of("p", p);
    }

    /** Seeds the masks and starts counting TRAIN passes from 0. */
    @Override
    public void seed(long seed) {
        this.seed = seed;
        this.passes = 0;
    }

    /** In TRAIN mode, the masks of the next pass since the last {@link #seed}, rows at positions 0, 1, … */
    @Override
    public INDArray forward(INDArray input, Mode mode) {
        return forward(input, mode, passes, null);
    }

    /**
     * In TRAIN mode, the masks of pass {@code pass.number()} since the last {@link #seed}: input
     * row {@code i} gets the mask of batch row {@code pass.rowPositions()[i]}. The passes after it
     * without a {@link TrainingPass} count on from {@code pass.number() + 1}.
     *
     * @throws IllegalArgumentException when the pass names positions for another number of rows
     */
    @Override
    public INDArray forward(INDArray input, Mode mode, TrainingPass pass) {
        return forward(input, mode, pass.number(), mode == Mode.TRAIN ? pass.rowPositions() : null);
    }

    private INDArray forward(INDArray input, Mode mode, long pass, int[] rowPositions) {
        Shapes.requireBatch(input, this, "features");
        if (mode == Mode.EVAL) {
            return input;
        }
        long rows = input.rows();
        long columns = input.columns();
        mask = Buffers.reuse(mask, rows, columns, input.dataType());
        output = Buffers.reuse(output, rows, columns, input.dataType());
        passes = pass + 1;
        DropoutKernels.dropout(input, mask, output, p, DropoutKernels.passKey(seed, pass), rowPositions);
        return output;
    }

    /**
     * The mask of the last TRAIN forward pass: {@code 1/(1 − p)} where a unit was kept, 0 where it
     * was dropped (a live buffer, replaced by the next pass).
     *
     * @return the {@code [batch, features]} mask
     * @throws IllegalStateException before the first TRAIN forward pass
     */
    public INDArray mask() {
        BackwardCheck.requireForwardPass(this, output, "mask()");
        return mask;
    }

    @Override
    public INDArray backward(INDArray outputGradient, boolean needInputGradient) {
        BackwardCheck.check(this, output, outputGradient);
        if (!needInputGradient) {
            return null;
        }
        inputGradient = Buffers.reuse(inputGradient, mask.rows(), mask.columns(), mask.dataType());
        DropoutKernels.multiply(outputGradient, mask, inputGradient);
        return inputGradient;
    }

    @Override
    public String toString() {
        return "Dropout(p=" + p + ")";
    }
}
