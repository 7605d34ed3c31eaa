package io.github.nn4j.spark;

import java.io.Serializable;

/**
 * One source partition after conversion: its {@link Block}, or the problem in its data that
 * stopped the conversion (a data problem is reported once, on the driver, rather than thrown in a
 * task that Spark would retry). {@link #summary()} is what the driver collects: the sizes and the
 * problem, without the examples.
 */
final class SourceBlock implements Serializable {

    private static final long serialVersionUID = 1L;

    /** The examples, or {@code null} in a summary or when the data has a problem. */
    final Block block;
    final int rows;
    final int featureCount;
    /** What is wrong with the data, naming partition and example (never their values), or {@code null}. */
    final String problem;

    private SourceBlock(Block block, int rows, int featureCount, String problem) {
        this.block = block;
        this.rows = rows;
        this.featureCount = featureCount;
        this.problem = problem;
    }

    static SourceBlock of(Block block) {
        return new SourceBlock(block, block.rows, block.featureCount, null);
    }

    static SourceBlock problem(String problem) {
        return new SourceBlock(null, 0, 0, problem);
    }

    /** The sizes and the problem, without the examples. */
    SourceBlock summary() {
        return new SourceBlock(null, rows, featureCount, problem);
    }
}
