package io.github.nn4j.internal.kernels;

import java.nio.FloatBuffer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.reduce.longer.MatchCondition;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.conditions.Conditions;

/**
 * Counting the NaN and infinite values of an array, as inference checks its input: a Java loop
 * for a float block of any length (ND4J's {@code MatchCondition} took 15 times as long at
 * 256 × 784 and at 1024 × 784 numbers, docs/performance.md), ND4J's operation otherwise.
 */
public final class FiniteKernels {

    private FiniteKernels() {
    }

    /**
     * How many of {@code array}'s values are NaN or infinite.
     *
     * @param array any array
     * @return the count, 0 when every value is finite
     */
    public static long countNotFinite(INDArray array) {
        if (!KernelPath.floatBlocks(array)) {
            return Nd4j.getExecutioner().exec(new MatchCondition(array, Conditions.notFinite())).getLong(0);
        }
        FloatBuffer values = KernelPath.floats(array);
        float[] chunk = KernelPath.scratch()[0];
        long count = 0;
        for (int start = 0, n = (int) array.length(); start < n; start += KernelPath.CHUNK) {
            int length = Math.min(KernelPath.CHUNK, n - start);
            values.get(start, chunk, 0, length);
            for (int i = 0; i < length; i++) {
                if (!Float.isFinite(chunk[i])) {
                    count++;
                }
            }
        }
        return count;
    }
}
