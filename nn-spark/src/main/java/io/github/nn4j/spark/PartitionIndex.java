package io.github.nn4j.spark;

import org.apache.spark.Partitioner;

/** Sends the record keyed {@code p} to partition {@code p}: a shuffle that keeps every partition's place. */
final class PartitionIndex extends Partitioner {

    private static final long serialVersionUID = 1L;

    private final int partitions;

    PartitionIndex(int partitions) {
        this.partitions = partitions;
    }

    @Override
    public int numPartitions() {
        return partitions;
    }

    @Override
    public int getPartition(Object key) {
        return (Integer) key;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PartitionIndex that && that.partitions == partitions;
    }

    @Override
    public int hashCode() {
        return partitions;
    }
}
