package io.github.nn4j.spark;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.SparkConf;

/**
 * The default number of ND4J operation and BLAS threads in an executor JVM: the executor's cores
 * divided by its task slots, so that the tasks running side by side together use the executor's
 * cores and no more. In local mode ({@code local[N]}) the executor is the driver's JVM, with the
 * machine's cores and N slots; on a cluster an executor has {@code spark.executor.cores} cores
 * and {@code spark.executor.cores / spark.task.cpus} slots, which makes {@code spark.task.cpus}
 * threads per task.
 */
final class NativeThreads {

    /** The builder's default: choose from the master and the configuration. */
    static final int AUTOMATIC = -1;

    private static final Pattern LOCAL = Pattern.compile("local(?:\\[(\\*|\\d+)(?:,\\d+)?])?");
    private static final Pattern LOCAL_CLUSTER = Pattern.compile("local-cluster\\[\\s*\\d+\\s*,\\s*(\\d+)\\s*,.*]");

    private NativeThreads() {
    }

    /**
     * Threads per executor JVM for a run on {@code master}.
     *
     * @param master the Spark master, e.g. {@code local[2]}, {@code spark://host:7077}, {@code yarn}
     * @param conf   the application's configuration
     * @param cores  the cores of the driver's machine (the executor's in local mode)
     * @return at least 1
     */
    static int perExecutor(String master, SparkConf conf, int cores) {
        Matcher local = LOCAL.matcher(master);
        if (local.matches()) {
            int slots = local.group(1) == null ? 1 : local.group(1).equals("*") ? cores : Integer.parseInt(local.group(1));
            return Math.max(1, cores / Math.max(1, slots));
        }
        int taskCpus = Math.max(1, conf.getInt("spark.task.cpus", 1));
        Matcher cluster = LOCAL_CLUSTER.matcher(master);
        int executorCores = cluster.matches() ? Integer.parseInt(cluster.group(1)) : conf.getInt("spark.executor.cores", 0);
        if (executorCores <= 0) {
            return taskCpus;
        }
        int slots = Math.max(1, executorCores / taskCpus);
        return Math.max(1, executorCores / slots);
    }
}
