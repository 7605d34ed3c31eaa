package io.github.nn4j.internal.kernels;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Inverted dropout's mask and the element-wise product its backward pass needs, on the
 * {@link KernelPath} rule.
 */
public final class DropoutKernels {

    /** 2³²/φ, the multiplier that spreads consecutive unit numbers over the hash's input. */
    private static final int GOLDEN = 0x9E3779B9;

    /** SplitMix64's golden gamma, the step of {@code java.util.SplittableRandom}'s state. */
    private static final long SPLITMIX_GAMMA = 0x9E3779B97F4A7C15L;

    /** {@code i·GOLDEN} for every index of a chunk, so that the dropout hash loop vectorizes. */
    private static final int[] UNIT_OFFSETS = new int[KernelPath.CHUNK];

    static {
        for (int i = 0; i < KernelPath.CHUNK; i++) {
            UNIT_OFFSETS[i] = i * GOLDEN;
        }
    }

    /** Per-thread scratch of the dropout mask: 1 for a kept unit, 0 for a dropped one. */
    private static final ThreadLocal<int[]> KEPT = ThreadLocal.withInitial(() -> new int[KernelPath.CHUNK]);

    /** Per-thread scratch of a double-precision mask chunk. */
    private static final ThreadLocal<double[]> DOUBLES = ThreadLocal.withInitial(() -> new double[KernelPath.CHUNK]);

    private DropoutKernels() {
    }

    /**
     * Inverted dropout with the next key of {@code random}:
     * {@link #dropout(INDArray, INDArray, INDArray, double, int, int[]) dropout(input, mask, output, p,
     * random.nextInt(), null)}.
     *
     * @param input  the layer's input
     * @param mask   same shape, overwritten with the mask
     * @param output same shape, overwritten; may be {@code input}
     * @param p      the drop probability, in [0, 1)
     * @param random the generator the mask's key is drawn from, advanced by one draw
     * @throws IllegalArgumentException when {@code mask} is neither a float nor a double block
     */
    public static void dropout(INDArray input, INDArray mask, INDArray output, double p, SplittableRandom random) {
        dropout(input, mask, output, p, random.nextInt(), null);
    }

    /**
     * The key of TRAIN pass {@code pass} (counted from 0) of a dropout layer seeded with
     * {@code seed}: what the {@code (pass + 1)}-th {@code nextInt()} of {@code new SplittableRandom(seed)}
     * returns, computed directly (SplitMix64's state after {@code pass + 1} steps of its golden gamma,
     * through its 32-bit mix), so that any pass's masks can be drawn without drawing the ones before.
     *
     * @param seed the layer's seed
     * @param pass the pass, from 0
     * @return the key
     */
    public static int passKey(long seed, long pass) {
        long z = seed + (pass + 1) * SPLITMIX_GAMMA;
        z = (z ^ (z >>> 33)) * 0x62A9D9ED799705F5L;
        return (int) (((z ^ (z >>> 28)) * 0xCB24D0A5C88C35B3L) >>> 32);
    }

    /**
     * Inverted dropout: draws a fresh mask, {@code 0} with probability {@code p} and
     * {@code 1/(1 − p)} otherwise, into {@code mask}, and writes {@code output = input ⊙ mask}.
     *
     * <p>Unit {@code i} is kept when the top 24 bits of {@code hash(key + i·φ)} are at least
     * {@code p·2²⁴}, where {@code key} is the pass's key (one draw of the layer's generator, see
     * {@link #passKey}) and the hash is MurmurHash3's 32-bit finalizer: counter-based like PyTorch's
     * Philox, so every unit's draw is independent of how the array is split, and the loop has no
     * branch and vectorizes. The same key gives the same mask whatever the data type.
     *
     * <p>Unit {@code i} of row {@code r} and column {@code c} is {@code r·columns + c}, where
     * {@code r} is the row's position in the batch: its index in {@code input}, or
     * {@code rowPositions[r]} when the input holds some rows of a larger batch (a data-parallel
     * worker's share), so that each row gets the mask it would get in the whole batch.
     *
     * <p>Float blocks (see {@link KernelPath#floatBlocks}) are masked and multiplied in one Java
     * pass; otherwise the mask is written in Java and multiplied by one ND4J operation. Neither
     * allocates an array.
     *
     * @param input        the layer's input
     * @param mask         same shape, overwritten with the mask; a float or double array in one
     *                     contiguous row-major block, such as one from {@code Buffers.reuse}
     * @param output       same shape, overwritten; may be {@code input}
     * @param p            the drop probability, in [0, 1)
     * @param key          the pass's key
     * @param rowPositions each input row's position in the batch, or {@code null} for {@code 0, 1, …}
     * @throws IllegalArgumentException when {@code mask} is neither a float nor a double block, or
     *                                  {@code rowPositions} does not have one entry per input row
     */
    public static void dropout(INDArray input, INDArray mask, INDArray output, double p, int key,
                               int[] rowPositions) {
        int dropBelow = (int) Math.round(p * (1 << 24));
        float scale = (float) (1 / (1 - p));
        int n = Math.toIntExact(input.length());
        if (rowPositions != null && rowPositions.length != input.rows()) {
            throw new IllegalArgumentException(rowPositions.length + " row positions for an input of "
                    + input.rows() + " rows");
        }
        int width = rowPositions == null ? n : (int) input.columns();
        int segments = rowPositions == null ? 1 : rowPositions.length;
        if (KernelPath.floatBlocks(input, mask, output)) {
            FloatBuffer x = KernelPath.floats(input);
            FloatBuffer mb = KernelPath.floats(mask);
            FloatBuffer y = KernelPath.floats(output);
            float[][] scratch = KernelPath.scratch();
            float[] xs = scratch[0];
            float[] ms = scratch[1];
            forEachChunk(segments, width, rowPositions, (at, unit, length) -> {
                fillMask(ms, unit, length, key, dropBelow, scale);
                x.get(at, xs, 0, length);
                for (int i = 0; i < length; i++) {
                    xs[i] *= ms[i];
                }
                mb.put(at, ms, 0, length);
                y.put(at, xs, 0, length);
            });
            return;
        }
        if (KernelPath.floatBlocks(mask)) {
            FloatBuffer mb = KernelPath.floats(mask);
            float[] ms = KernelPath.scratch()[0];
            forEachChunk(segments, width, rowPositions, (at, unit, length) -> {
                fillMask(ms, unit, length, key, dropBelow, scale);
                mb.put(at, ms, 0, length);
            });
        } else if (mask.dataType() == DataType.DOUBLE && KernelPath.isDenseRowMajor(mask)) {
            DoubleBuffer mb = mask.data().asNioDouble().position((int) mask.offset()).slice();
            double keptValue = 1 / (1 - p);
            double[] ms = DOUBLES.get();
            int[] kept = KEPT.get();
            forEachChunk(segments, width, rowPositions, (at, unit, length) -> {
                keptUnits(kept, unit, length, key, dropBelow);
                for (int i = 0; i < length; i++) {
                    ms[i] = kept[i] * keptValue;
                }
                mb.put(at, ms, 0, length);
            });
        } else {
            throw new IllegalArgumentException("the dropout mask must be a float or double array in one contiguous "
                    + "row-major block, got " + mask.dataType() + " " + java.util.Arrays.toString(mask.shape())
                    + " with strides " + java.util.Arrays.toString(mask.stride()));
        }
        input.mul(mask, output);
    }

    /** Work on one chunk: {@code length} values from flat index {@code at}, of the units from {@code unit}. */
    @FunctionalInterface
    private interface ChunkAction {
        void apply(int at, int unit, int length);
    }

    /**
     * Cuts each of {@code segments} runs of {@code width} values (the rows, or the whole array
     * when {@code rowPositions} is {@code null}) into chunks of at most {@code KernelPath.CHUNK}
     * values, in order; a row's units start at its position times {@code width}.
     */
    private static void forEachChunk(int segments, int width, int[] rowPositions, ChunkAction action) {
        for (int s = 0; s < segments; s++) {
            int from = s * width;
            int unit = rowPositions == null ? 0 : rowPositions[s] * width;
            for (int start = 0; start < width; start += KernelPath.CHUNK) {
                action.apply(from + start, unit + start, Math.min(KernelPath.CHUNK, width - start));
            }
        }
    }

    /** Writes the float mask values of units {@code unit … unit+length−1} into {@code into[0 … length−1]}. */
    private static void fillMask(float[] into, int unit, int length, int key, int dropBelow, float scale) {
        int[] kept = KEPT.get();
        keptUnits(kept, unit, length, key, dropBelow);
        // A separate loop: the int hash vectorizes, the int-to-float conversion does not (JDK 17).
        for (int i = 0; i < length; i++) {
            into[i] = kept[i] * scale;
        }
    }

    /** {@code kept[i] = 1} when unit {@code unit + i} is kept, else 0, for {@code i < length}. */
    private static void keptUnits(int[] kept, int unit, int length, int key, int dropBelow) {
        int chunkKey = key + unit * GOLDEN;
        for (int i = 0; i < length; i++) {
            int h = chunkKey + UNIT_OFFSETS[i];
            h ^= h >>> 16;
            h *= 0x85EBCA6B;
            h ^= h >>> 13;
            h *= 0xC2B2AE35;
            h ^= h >>> 16;
            kept[i] = 1 + (((h >>> 8) - dropBelow) >> 31);       // 1 when the top 24 bits are ≥ dropBelow
        }
    }

    /**
     * {@code into = a ⊙ b} element-wise.
     *
     * @param a    any shape
     * @param b    the same shape
     * @param into the same shape, overwritten; may be {@code a} or {@code b}
     */
    public static void multiply(INDArray a, INDArray b, INDArray into) {
        if (!KernelPath.javaPath(a, b, into)) {
            a.mul(b, into);
            return;
        }
        FloatBuffer x = KernelPath.floats(a);
        FloatBuffer y = KernelPath.floats(b);
        FloatBuffer z = KernelPath.floats(into);
        float[][] scratch = KernelPath.scratch();
        float[] xs = scratch[0];
        float[] ys = scratch[1];
        for (int start = 0, n = (int) a.length(); start < n; start += KernelPath.CHUNK) {
            int length = Math.min(KernelPath.CHUNK, n - start);
            x.get(start, xs, 0, length);
            y.get(start, ys, 0, length);
            for (int i = 0; i < length; i++) {
                xs[i] *= ys[i];
            }
            z.put(start, xs, 0, length);
        }
    }

}
