package io.github.nn4j.internal.kernels;

import java.lang.ref.WeakReference;
import java.nio.FloatBuffer;
import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Per thread, the NIO views that the Java loops read and write arrays through, made once per
 * buffer and offset instead of once per kernel call: {@code data().asNioFloat()} makes a JNI call
 * and three objects each time (about 0.35 µs; a small layer's kernel takes little more).
 *
 * <p>An entry is keyed by the allocation (the buffer at the bottom of a view's chain of
 * {@code underlyingDataBuffer()}) and the array's offset into it, so every view of one row of a
 * batch, or of one layer's parameters in the flat buffer, finds the same entry. The key is held
 * weakly: the cache keeps no buffer alive, and a view is handed out only while its buffer is the
 * caller's live one. A full table overwrites entries; a miss costs what the uncached call did.
 */
final class BufferViews {

    /** Slots per thread, a power of two; a training step of a deep model touches a few dozen. */
    private static final int SLOTS = 128;
    /** Slots tried from an entry's home slot. */
    private static final int PROBES = 4;

    private static final ThreadLocal<BufferViews> CURRENT = ThreadLocal.withInitial(BufferViews::new);

    @SuppressWarnings("unchecked")
    private final WeakReference<DataBuffer>[] buffers = new WeakReference[SLOTS];
    private final long[] offsets = new long[SLOTS];
    private final FloatBuffer[] views = new FloatBuffer[SLOTS];
    private int nextVictim;

    private BufferViews() {
    }

    /**
     * A float view of {@code array}'s buffer whose index 0 is the array's first element.
     *
     * @param array a float array
     * @return the view (writes go to the array); this thread's, so never hand it to another
     */
    static FloatBuffer floats(INDArray array) {
        return CURRENT.get().find(allocation(array.data()), array.offset());
    }

    private FloatBuffer find(DataBuffer allocation, long offset) {
        int home = (System.identityHashCode(allocation) * 31 + Long.hashCode(offset)) & (SLOTS - 1);
        int free = -1;
        for (int probe = 0; probe < PROBES; probe++) {
            int slot = (home + probe) & (SLOTS - 1);
            WeakReference<DataBuffer> key = buffers[slot];
            DataBuffer held = key == null ? null : key.get();
            if (held == allocation && offsets[slot] == offset) {
                return views[slot];
            }
            if (held == null && free < 0) {
                free = slot;
            }
        }
        int slot = free >= 0 ? free : (home + nextVictim++ % PROBES) & (SLOTS - 1);
        FloatBuffer whole = allocation.asNioFloat();
        buffers[slot] = new WeakReference<>(allocation);
        offsets[slot] = offset;
        views[slot] = offset == 0 ? whole : whole.position((int) offset).slice();
        return views[slot];
    }

    /** The buffer that owns the memory: the bottom of a view's chain of underlying buffers. */
    private static DataBuffer allocation(DataBuffer buffer) {
        DataBuffer under = buffer.underlyingDataBuffer();
        while (under != null && under != buffer) {
            buffer = under;
            under = buffer.underlyingDataBuffer();
        }
        return buffer;
    }
}
