package io.github.nn4j.spark;

import java.io.Serializable;

/**
 * A contiguous run of one source partition's examples on its way to the partition that trains on
 * it; {@code source} orders the pieces that meet in one partition.
 */
final class BlockPiece implements Serializable {

    private static final long serialVersionUID = 1L;

    final int source;
    final Block block;

    BlockPiece(int source, Block block) {
        this.source = source;
        this.block = block;
    }
}
