package io.github.nn4j.internal.kernels;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Pointer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One thread's pointer objects for {@link DirectBlas}, pointed anew at each call's arrays: JavaCPP
 * pointers that own no memory, so a call allocates nothing.
 */
final class BlasPointers {

    /** This thread's pointers. */
    static final ThreadLocal<BlasPointers> CURRENT = ThreadLocal.withInitial(BlasPointers::new);

    private final FloatAt[] floats = {new FloatAt(), new FloatAt(), new FloatAt()};
    private final DoubleAt[] doubles = {new DoubleAt(), new DoubleAt(), new DoubleAt()};

    FloatPointer floats(int slot, INDArray array) {
        return floats[slot].at(address(array, Float.BYTES));
    }

    DoublePointer doubles(int slot, INDArray array) {
        return doubles[slot].at(address(array, Double.BYTES));
    }

    FloatPointer floatsAt(int slot, long elementAddress) {
        return floats[slot].at(elementAddress);
    }

    DoublePointer doublesAt(int slot, long elementAddress) {
        return doubles[slot].at(elementAddress);
    }

    /**
     * The address of the array's first element. {@code data().address()} is the start of the
     * whole allocation even for a view's buffer, and {@code offset()} counts from there.
     */
    static long address(INDArray array, int bytes) {
        return array.data().address() + array.offset() * bytes;
    }

    /** A float pointer whose address is set for each call; it owns no memory. */
    private static final class FloatAt extends FloatPointer {

        FloatAt() {
            super((Pointer) null);
        }

        FloatAt at(long elementAddress) {
            address = elementAddress;
            return this;
        }
    }

    /** A double pointer whose address is set for each call; it owns no memory. */
    private static final class DoubleAt extends DoublePointer {

        DoubleAt() {
            super((Pointer) null);
        }

        DoubleAt at(long elementAddress) {
            address = elementAddress;
            return this;
        }
    }
}
