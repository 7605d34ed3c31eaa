package io.github.nn4j.spark;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.function.Function2;
import scala.Tuple2;

/**
 * The sum of one partial sum per partition, added in a fixed order whatever the order in which
 * tasks finish: bitwise the same for the same partition count. A tree of two levels: with P
 * partitions and a fan-in F = ⌈√P⌉, partitions {@code g·F … g·F + F − 1} meet in task g of an
 * intermediate stage, which adds them in partition order; the driver receives the ⌈P/F⌉ group
 * sums and adds them in group order. Up to {@value #DIRECT} partitions skip the intermediate level:
 * the driver adds them in partition order.
 *
 * <p>So the driver holds at most about √P partial sums (one gradient each) rather than P, which
 * keeps a step within {@code spark.driver.maxResultSize} and the driver's memory at any partition
 * count, at the price of one more stage per step, as Spark's own {@code treeReduce} of depth 2
 * (whose order follows the tasks' finishing order).
 */
final class OrderedTreeSum {

    /** Partition counts up to this are added on the driver directly. */
    static final int DIRECT = 4;

    private OrderedTreeSum() {
    }

    /**
     * The sum of {@code parts}, which holds one value per partition, in the fixed order.
     *
     * @param parts one partial sum per partition
     * @param plus  adds its second argument to its first, which it may reuse
     * @return the sum
     */
    static <T> T sum(JavaRDD<T> parts, Function2<T, T, T> plus) {
        int partitions = parts.getNumPartitions();
        if (partitions <= DIRECT) {
            return inOrder(parts.collect(), plus);
        }
        int fanIn = fanIn(partitions);
        int groups = (partitions + fanIn - 1) / fanIn;
        JavaRDD<Tuple2<Integer, Tuple2<Integer, T>>> keyed = parts.mapPartitionsWithIndex((partition, iterator) ->
                single(new Tuple2<>(partition / fanIn, new Tuple2<>(partition, iterator.next()))), true);
        List<T> groupSums = JavaPairRDD.fromJavaRDD(keyed).partitionBy(new PartitionIndex(groups)).values()
                .mapPartitions(iterator -> single(groupSum(iterator, plus)), true).collect();
        return inOrder(groupSums, plus);
    }

    /** The fan-in of the intermediate level for {@code partitions} partitions: ⌈√partitions⌉. */
    static int fanIn(int partitions) {
        int root = (int) Math.sqrt(partitions);
        return root * root < partitions ? root + 1 : root;
    }

    /** One group's partial sums, in partition order. */
    private static <T> T groupSum(Iterator<Tuple2<Integer, T>> iterator, Function2<T, T, T> plus) {
        List<Tuple2<Integer, T>> members = new ArrayList<>();
        iterator.forEachRemaining(members::add);
        members.sort(Comparator.comparingInt(Tuple2::_1));
        return inOrder(members.stream().map(Tuple2::_2).toList(), plus);
    }

    private static <T> T inOrder(List<T> values, Function2<T, T, T> plus) {
        T sum = values.get(0);
        try {
            for (int i = 1; i < values.size(); i++) {
                sum = plus.call(sum, values.get(i));
            }
        } catch (Exception e) {
            throw new IllegalStateException("adding partial sums failed: " + e.getMessage(), e);
        }
        return sum;
    }

    private static <T> Iterator<T> single(T value) {
        return List.of(value).iterator();
    }
}
