package io.github.nn4j.spark;

import io.github.nn4j.base.ColumnMoments;
import java.io.Serializable;

/**
 * One batch-statistics round's values for one BatchNorm layer, of a partition's rows or of the
 * whole global batch: forward, the count, column means and sums of squared deviations
 * ({@link ColumnMoments}); backward, the column sums of dL/dy and dL/dy ⊙ x̂ (count 0). A plain
 * class of arrays, so that Kryo and Java serialization both move it.
 */
final class RoundValues implements Serializable {

    private static final long serialVersionUID = 1L;

    final boolean forward;
    final long count;
    final double[] first;
    final double[] second;

    private RoundValues(boolean forward, long count, double[] first, double[] second) {
        this.forward = forward;
        this.count = count;
        this.first = first;
        this.second = second;
    }

    static RoundValues moments(ColumnMoments moments) {
        return new RoundValues(true, moments.count(), moments.mean(), moments.m2());
    }

    static RoundValues sums(double[] gradientSums, double[] normalizedGradientSums) {
        return new RoundValues(false, 0, gradientSums.clone(), normalizedGradientSums.clone());
    }

    ColumnMoments toMoments() {
        return new ColumnMoments(count, first, second);
    }

    /**
     * The partitions' values combined in partition order: moments by {@link ColumnMoments#plus},
     * sums added. Partitions without rows in the batch send {@code null}.
     */
    static RoundValues combine(Iterable<RoundValues> parts) {
        RoundValues total = null;
        for (RoundValues part : parts) {
            if (part == null) {
                continue;
            }
            if (total == null) {
                total = part.forward ? part : sums(part.first, part.second);
            } else if (part.forward) {
                total = moments(total.toMoments().plus(part.toMoments()));
            } else {
                for (int j = 0; j < total.first.length; j++) {
                    total.first[j] += part.first[j];
                    total.second[j] += part.second[j];
                }
            }
        }
        if (total == null) {
            throw new IllegalStateException("no partition had rows in the batch");
        }
        return total;
    }
}
