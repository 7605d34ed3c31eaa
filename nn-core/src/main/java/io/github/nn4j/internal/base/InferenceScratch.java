package io.github.nn4j.internal.base;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Per-thread arrays that an inference pass reuses for its intermediate results, so that a call of
 * {@code predict} allocates only the output it returns.
 *
 * <p>Why: ND4J frees an array's memory on one of two deallocator threads after the garbage
 * collector finds it unreachable. A server calling {@code predict} from many threads while another
 * trains produced arrays faster than those threads freed them (about twenty per call), and memory
 * grew by over a gigabyte per million calls. Each thread keeps the largest intermediate arrays it
 * has needed, for as long as it lives, and the view of their first rows it last handed out, so
 * that repeated passes of one batch size make no array at all.
 */
public final class InferenceScratch {

    private static final ThreadLocal<InferenceScratch> CURRENT = ThreadLocal.withInitial(InferenceScratch::new);

    private final List<INDArray> slots = new ArrayList<>();
    /** Per slot, the array the last pass was given: the slot itself or a view of its first rows. */
    private final List<INDArray> lastGiven = new ArrayList<>();
    private int next = -1;

    private InferenceScratch() {
    }

    /**
     * Runs an inference pass during which {@code Buffers.output} in {@code Mode.EVAL} hands out this
     * thread's reusable arrays instead of new ones.
     *
     * @param pass the pass; what it returns must not be one of those arrays (copy it)
     * @param <T>  the result type
     * @return the pass's result
     */
    public static <T> T during(Supplier<T> pass) {
        int saved = begin();
        try {
            return pass.get();
        } finally {
            end(saved);
        }
    }

    /**
     * Starts an inference pass on this thread, as {@link #during} does, for callers that run the
     * pass themselves; {@link #end} must follow in a {@code finally} block.
     *
     * @return the state to give to {@link #end}
     */
    public static int begin() {
        InferenceScratch scratch = CURRENT.get();
        int saved = scratch.next;
        scratch.next = Math.max(saved, 0);
        return saved;
    }

    /**
     * Ends the inference pass {@link #begin} started.
     *
     * @param saved what {@code begin} returned
     */
    public static void end(int saved) {
        CURRENT.get().next = saved;
    }

    /**
     * An array for an inference pass's intermediate result: inside {@link #during} this thread's
     * next reusable array, otherwise a new one.
     *
     * @param rows    rows needed
     * @param columns columns needed
     * @param type    data type needed
     * @return an array of that shape and type; its contents are unspecified
     */
    public static INDArray array(long rows, long columns, DataType type) {
        InferenceScratch scratch = CURRENT.get();
        if (scratch.next < 0) {
            return Nd4j.createUninitialized(type, rows, columns);
        }
        int slot = scratch.next++;
        if (slot == scratch.slots.size()) {
            scratch.slots.add(null);
            scratch.lastGiven.add(null);
        }
        INDArray last = scratch.lastGiven.get(slot);
        if (last != null && last.rows() == rows && last.columns() == columns && last.dataType() == type) {
            return last;   // the same shape as the last pass: not even a view to make
        }
        INDArray kept = scratch.slots.get(slot);
        INDArray array = ArrayReuse.reuse(kept, rows, columns, type);
        if (kept == null || array.data() != kept.data()) {
            scratch.slots.set(slot, array);
        }
        scratch.lastGiven.set(slot, array);
        return array;
    }
}
