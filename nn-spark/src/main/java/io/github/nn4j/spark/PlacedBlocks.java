package io.github.nn4j.spark;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.storage.StorageLevel;
import scala.Tuple2;

/**
 * The blocks of a fit in the partitions that train on them: converted and checked once, then
 * moved by one shuffle into {@code partitions} equal contiguous ranges of the global order, and
 * cached (memory, then disk).
 *
 * <p>The global order (source partitions in order, rows in order within each) is what fixes every
 * epoch's order, so cutting it into other ranges changes nothing but which task computes which
 * rows: training still equals one machine's. The ranges are equal (their sizes differ by at most
 * one), so no task sets the pace of a step, whether the source had 200 partitions after a join or
 * one per file. The shuffle matters for a second reason: some sources describe a partition by its
 * data ({@code parallelize}, a DataFrame from a local list), and without it every step's tasks
 * would carry the whole data set again; after it a partition is an index.
 *
 * <p>How: each source partition is converted once into a {@link SourceBlock} and kept on the
 * executors' disks while the driver collects the sizes (and the first data problem, reported as an
 * {@code IllegalArgumentException} without a task failing, so without Spark's retries); each source
 * block is then cut at the target ranges' bounds, and every target partition joins its pieces in
 * source order. Lost blocks are recomputed from the shuffle's output or, failing that, the source,
 * which must give the same data again.
 */
final class PlacedBlocks {

    /** The cached blocks, one per partition. */
    final JavaRDD<Block> blocks;
    /** {@code offsets[q]} is partition q's first example in the global order; the last entry is the total. */
    final long[] offsets;
    /** The source's partition count, for messages. */
    final int sourcePartitions;

    private PlacedBlocks(JavaRDD<Block> blocks, long[] offsets, int sourcePartitions) {
        this.blocks = blocks;
        this.offsets = offsets;
        this.sourcePartitions = sourcePartitions;
    }

    /**
     * Converts, checks, places and caches {@code data}.
     *
     * @param data       the examples
     * @param format     what their blocks hold
     * @param partitions the partitions to train in; fewer when there are fewer examples, more when a
     *                   partition would hold more than an array can (2³¹ − 8 feature values)
     * @param name       the cached RDD's name, as Spark's UI shows it
     * @return the placed blocks; empty data gives an empty RDD and offsets {@code [0, 0]}
     * @throws IllegalArgumentException naming the partition and example of the first problem in the data
     */
    static PlacedBlocks of(DistributedData data, BlockFormat format, int partitions, String name) {
        JavaRDD<SourceBlock> source = data.sourceBlocks(format).persist(StorageLevel.DISK_ONLY());
        try {
            List<SourceBlock> summaries = source.map(SourceBlock::summary).collect();
            long[] sourceOffsets = new long[summaries.size() + 1];
            int featureCount = 0;
            for (int p = 0; p < summaries.size(); p++) {
                SourceBlock summary = summaries.get(p);
                if (summary.problem != null) {
                    throw new IllegalArgumentException(summary.problem);
                }
                sourceOffsets[p + 1] = sourceOffsets[p] + summary.rows;
                featureCount = Math.max(featureCount, summary.featureCount);
            }
            long total = sourceOffsets[summaries.size()];
            if (total == 0) {
                return new PlacedBlocks(data.context().emptyRDD(), new long[] {0, 0}, summaries.size());
            }
            long[] offsets = ranges(total, count(partitions, total, featureCount));
            JavaRDD<Block> placed = place(source, sourceOffsets, offsets, format).setName(name)
                    .persist(StorageLevel.MEMORY_AND_DISK());
            List<Integer> sizes = placed.map(block -> block.rows).collect();   // fills the cache
            for (int q = 0; q < sizes.size(); q++) {
                if (sizes.get(q) != offsets[q + 1] - offsets[q]) {
                    placed.unpersist(false);
                    throw new IllegalStateException("partition " + q + " holds " + sizes.get(q) + " examples instead of "
                            + (offsets[q + 1] - offsets[q]));
                }
            }
            return new PlacedBlocks(placed, offsets, summaries.size());
        } finally {
            source.unpersist(false);
        }
    }

    /** The number of examples. */
    long examples() {
        return offsets[offsets.length - 1];
    }

    /** Frees the cached blocks. */
    void unpersist() {
        blocks.unpersist(false);
    }

    /**
     * The partition count for {@code total} examples of {@code featureCount} features: the one asked
     * for, at most one per example, and at least as many as keep a partition's features in one array.
     */
    static int count(int asked, long total, int featureCount) {
        long limit = Integer.MAX_VALUE - 8;
        long needed = featureCount == 0 ? 1 : (total * featureCount + limit - 1) / limit;
        return (int) Math.max(needed, Math.min(Math.max(asked, 1), total));
    }

    /** Bounds of {@code count} contiguous ranges of {@code total} examples whose sizes differ by at most one. */
    static long[] ranges(long total, int count) {
        long[] offsets = new long[count + 1];
        for (int q = 0; q <= count; q++) {
            offsets[q] = total * q / count;
        }
        return offsets;
    }

    private static JavaRDD<Block> place(JavaRDD<SourceBlock> source, long[] sourceOffsets, long[] offsets,
                                        BlockFormat format) {
        int count = offsets.length - 1;
        boolean doubles = format.doublePrecision;
        boolean classes = format.kind.hasClasses();
        JavaRDD<Tuple2<Integer, BlockPiece>> pieces = source.mapPartitionsWithIndex(
                (partition, iterator) -> cut(partition, iterator.next(), sourceOffsets, offsets), true);
        return JavaPairRDD.fromJavaRDD(pieces).partitionBy(new PartitionIndex(count)).values()
                .mapPartitionsWithIndex((partition, iterator) -> single(join(partition, iterator, offsets, doubles,
                        classes)), true);
    }

    /** Source partition {@code p}'s block, cut at the bounds of the target ranges it overlaps. */
    private static Iterator<Tuple2<Integer, BlockPiece>> cut(int p, SourceBlock source, long[] sourceOffsets,
                                                             long[] offsets) {
        long start = sourceOffsets[p];
        long end = sourceOffsets[p + 1];
        if (source.problem != null || source.rows != end - start) {
            throw new IllegalStateException("partition " + p + " of the source holds " + (source.problem != null
                    ? "data with a problem (" + source.problem + ")" : source.rows + " examples")
                    + ", but held " + (end - start) + " examples when training started: the source must give the same "
                    + "data when Spark recomputes it");
        }
        List<Tuple2<Integer, BlockPiece>> pieces = new ArrayList<>();
        int found = Arrays.binarySearch(offsets, start);
        for (int q = found >= 0 ? found : -found - 2; q < offsets.length - 1 && offsets[q] < end; q++) {
            int from = (int) (Math.max(offsets[q], start) - start);
            int to = (int) (Math.min(offsets[q + 1], end) - start);
            if (to > from) {
                Block piece = from == 0 && to == source.rows ? source.block : source.block.slice(from, to - from);
                pieces.add(new Tuple2<>(q, new BlockPiece(p, piece)));
            }
        }
        return pieces.iterator();
    }

    /** Target partition {@code q}'s pieces, joined in source order into one block. */
    private static Block join(int q, Iterator<BlockPiece> iterator, long[] offsets, boolean doubles,
                              boolean classes) {
        List<BlockPiece> pieces = new ArrayList<>();
        iterator.forEachRemaining(pieces::add);
        pieces.sort(Comparator.comparingInt(piece -> piece.source));
        Block block = Block.join(pieces.stream().map(piece -> piece.block).toList(), doubles, classes);
        if (block.rows != offsets[q + 1] - offsets[q]) {
            throw new IllegalStateException("partition " + q + " received " + block.rows + " examples instead of "
                    + (offsets[q + 1] - offsets[q]));
        }
        return block;
    }

    private static <T> Iterator<T> single(T value) {
        return List.of(value).iterator();
    }
}
