package io.github.nn4j.base;

import io.github.nn4j.internal.base.ArrayReuse;
import io.github.nn4j.internal.base.InferenceScratch;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Helpers for the working arrays that layers and losses keep between training steps, so that
 * the hot path reuses memory instead of allocating a new array per step.
 */
public final class Buffers {

    private Buffers() {
    }

    /**
     * Returns a {@code [rows, columns]} array of {@code type} that reuses the memory of
     * {@code current} whenever it is large enough: {@code current} itself if it already has that
     * shape, otherwise a view of its first {@code rows} rows. So a smaller last batch of an epoch,
     * and the full batches after it, allocate nothing. Only a larger shape or another width or
     * type allocates a new array.
     *
     * @param current the buffer kept so far (an array this method returned), may be {@code null}
     * @param rows    rows needed
     * @param columns columns needed
     * @param type    data type needed
     * @return an array of the requested shape and type; its contents are unspecified
     */
    public static INDArray reuse(INDArray current, long rows, long columns, DataType type) {
        return ArrayReuse.reuse(current, rows, columns, type);
    }

    /**
     * The array a forward pass writes its output into: in {@link Mode#TRAIN} the layer's kept
     * buffer (see {@link #reuse}), which the caller stores again; in {@link Mode#EVAL} an array of
     * this thread's {@link InferenceScratch} during an inference pass, otherwise a new array, so that
     * inference shares nothing between threads.
     *
     * @param mode    the pass's mode
     * @param current the layer's kept output buffer, may be {@code null}
     * @param rows    rows needed
     * @param columns columns needed
     * @param type    data type needed
     * @return the array to write into
     */
    public static INDArray output(Mode mode, INDArray current, long rows, long columns, DataType type) {
        return mode == Mode.TRAIN ? reuse(current, rows, columns, type) : InferenceScratch.array(rows, columns, type);
    }
}
