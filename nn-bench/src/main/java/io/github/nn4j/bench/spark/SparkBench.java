package io.github.nn4j.bench.spark;

import io.github.nn4j.spark.DistributedData;
import io.github.nn4j.spark.SparkSetup;
import io.github.nn4j.spark.StepCost;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * Times synchronous and averaging training on Spark against one machine's {@code Trainer}, in
 * one run, on nn-bench's S (784-128-10), M (784-512-512-10) and L (1024-2048-2048-10) networks,
 * and splits a synchronous step into Spark's part and the compute.
 *
 * <pre>
 * mvn -q -pl nn-bench -am compile exec:exec@spark-bench -Dnn4j.args="S,M,L,MBN local[1],local[2]"
 * </pre>
 *
 * <p>Arguments, all optional, in any order: the networks ({@code S,M,L,MBN}; MBN is M with
 * BatchNorm after each hidden layer, for the cost of synchronized batch statistics), the masters
 * ({@code local[1],local[2]}), {@code threads=N} (ND4J/BLAS threads per executor JVM, see
 * {@code SparkTrainerBuilder.nativeThreadsPerExecutor}; default: the cores divided by the task
 * slots, so that concurrent tasks do not oversubscribe the cores), {@code cases=L512,Mavg} (only
 * these cases: a network with a synchronous batch size, or {@code avg} for its averaging case),
 * {@code k=1,5,20} (averaging's local steps), {@code noref} (no one-machine runs), and
 * {@code quick} (6 steps per case: to check that it runs, or for quick A/B comparisons).
 *
 * <p>Per case it prints the mean time per step over the second of two epochs (the first warms
 * up), for one machine ({@code Trainer.fit}), synchronous Spark and averaging mode at k = 1, 5
 * and 20, with Spark's part of a step (the step less the slowest task's compute) and that
 * compute; then the split of every Spark step ({@code SparkTrainer.stepCost()}): the driver's
 * packing, broadcast, BatchNorm statistics rounds, job and update, the slowest task's copies and
 * compute, and the JVM's CPU time per step (less sensitive than wall time to other processes on
 * a shared machine). L b8, whose compute is next to nothing, shows Spark's part alone. Kryo is
 * the serializer, task results up to 64 MB go straight to the driver, broadcasts are not
 * compressed (float weights do not compress). Figures vary run to run on a shared machine:
 * compare only numbers from one run.
 */
public final class SparkBench {

    private SparkBench() {
    }

    /**
     * Runs the benchmark.
     *
     * @param args networks, masters, {@code threads=N}, {@code quick}
     */
    public static void main(String[] args) {
        List<String> networks = List.of("S", "M", "L", "MBN");
        List<String> masters = List.of("local[1]", "local[2]");
        int threads = 0;
        boolean quick = false;
        boolean reference = true;
        List<String> only = null;
        List<Integer> ks = null;
        for (String arg : args) {
            if (arg.equals("quick")) {
                quick = true;
            } else if (arg.equals("noref")) {
                reference = false;
            } else if (arg.startsWith("cases=")) {
                only = List.of(arg.substring("cases=".length()).split(","));
            } else if (arg.startsWith("k=")) {
                ks = Stream.of(arg.substring("k=".length()).split(",")).map(Integer::valueOf).toList();
            } else if (arg.startsWith("threads=")) {
                threads = Integer.parseInt(arg.substring("threads=".length()));
            } else if (arg.startsWith("local") || arg.contains("://")) {
                masters = List.of(arg.split(",(?=local|spark|yarn|k8s)"));
            } else {
                networks = List.of(arg.split(","));
            }
        }
        Map<BenchCase, List<Integer>> averaging = new LinkedHashMap<>();
        List<BenchCase> cases = new ArrayList<>();
        for (String network : networks) {
            for (BenchCase c : BenchCase.synchronous(network)) {
                if (only == null || only.contains(c.name() + c.batchSize())) {
                    cases.add(quick ? c.quick() : c);
                }
            }
            BenchCase averaged = BenchCase.averaging(network);
            averaged = averaged == null || !quick ? averaged : averaged.quick();
            if (averaged != null && (only == null || only.contains(averaged.name() + "avg"))) {
                averaging.put(averaged, ks != null ? ks : quick ? List.of(1, 5) : List.of(1, 5, 20));
            }
        }
        System.out.println("| master | case | mode | ms/step | Spark part ms | compute ms | samples/s | × one machine |");
        System.out.println("|---|---|---|---:|---:|---:|---:|---:|");
        Map<String, Double> oneMachine = new LinkedHashMap<>();
        for (BenchCase c : reference ? cases : List.<BenchCase>of()) {
            oneMachine.put(c.toString(), Measurements.trainerStep(c));
        }
        for (BenchCase c : reference ? averaging.keySet() : Set.<BenchCase>of()) {
            oneMachine.computeIfAbsent(c.toString(), key -> Measurements.trainerStep(c));
        }
        oneMachine.forEach((c, ms) -> row("-", c, "one machine (Trainer)", ms, null, batchOf(c), ms));
        List<String> splits = new ArrayList<>();
        for (String master : masters) {
            SparkConf conf = SparkSetup.useKryo(new SparkConf().setMaster(master).setAppName("nn4j SparkBench")
                    .set("spark.ui.enabled", "false").set("spark.broadcast.compress", "false"));
            try (JavaSparkContext context = new JavaSparkContext(conf)) {
                int partitions = context.defaultParallelism();
                int nativeThreads = threads > 0 ? threads
                        : Math.max(1, Runtime.getRuntime().availableProcessors() / partitions);
                for (BenchCase c : cases) {
                    DistributedData data = Measurements.sparkData(context, c, partitions);
                    Measurements.SparkRun run = Measurements.sparkStep(c, Measurements.settings(c, nativeThreads), data);
                    row(master, c.toString(), "synchronous", run.ms(), run.cost(), c.batchSize(),
                            oneMachine.getOrDefault(c.toString(), Double.NaN));
                    splits.add(split(master, c.toString(), "synchronous", run));
                }
                for (Map.Entry<BenchCase, List<Integer>> entry : averaging.entrySet()) {
                    BenchCase c = entry.getKey();
                    DistributedData data = Measurements.sparkData(context, c, partitions);
                    for (int k : entry.getValue()) {
                        Measurements.SparkRun run = Measurements.sparkStep(c,
                                Measurements.settings(c, nativeThreads).averaging(k), data);
                        row(master, c.toString(), "averaging k=" + k, run.ms(), run.cost(), c.batchSize(),
                                oneMachine.getOrDefault(c.toString(), Double.NaN));
                        splits.add(split(master, c.toString(), "averaging k=" + k, run));
                    }
                }
            }
        }
        System.out.println();
        System.out.println("Split of a step (ms, means per step; executor parts: the slowest task's; averaging: per "
                + "job ÷ k):");
        System.out.println();
        System.out.println("| master | case | mode | step | pack | broadcast | BN statistics | job | apply | weights in "
                + "| compute | result out | Spark part | CPU ms |");
        System.out.println("|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        splits.forEach(System.out::println);
    }

    private static String split(String master, String c, String mode, Measurements.SparkRun run) {
        StepCost cost = run.cost();
        return String.format(Locale.ROOT, "| %s | %s | %s | %.1f | %.1f | %.1f | %.1f | %.1f | %.1f | %.1f | %.1f | "
                + "%.1f | %.1f | %.0f |", master, c, mode, cost.stepMs(), cost.packMs(), cost.broadcastMs(),
                cost.statisticsMs(), cost.jobMs(),
                cost.applyMs(), cost.weightsInMs(), cost.computeMs(), cost.resultOutMs(), cost.sparkMs(), run.cpuMs());
    }

    private static int batchOf(String caseName) {
        return Integer.parseInt(caseName.substring(caseName.indexOf('b') + 1));
    }

    private static void row(String master, String c, String mode, double ms, StepCost cost, int batch,
                            double oneMachineMs) {
        System.out.printf(Locale.ROOT, "| %s | %s | %s | %.1f | %s | %s | %,.0f | %.2f |%n", master, c, mode, ms,
                cost == null ? "" : String.format(Locale.ROOT, "%.1f", cost.sparkMs()),
                cost == null ? "" : String.format(Locale.ROOT, "%.1f", cost.computeMs()), batch * 1e3 / ms,
                oneMachineMs / ms);
    }
}
