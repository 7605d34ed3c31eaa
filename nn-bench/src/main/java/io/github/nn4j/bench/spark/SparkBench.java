package io.github.nn4j.bench.spark;

import io.github.nn4j.spark.DistributedData;
import io.github.nn4j.spark.SparkSetup;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * Times synchronous and averaging training on Spark against one machine's {@code Trainer}, in
 * one run, on nn-bench's S (784-128-10), M (784-512-512-10) and L (1024-2048-2048-10) networks,
 * and splits a synchronous step into Spark's part and the compute.
 *
 * <pre>
 * mvn -q -pl nn-bench -am compile exec:exec@spark-bench -Dnn4j.args="S,M,L local[1],local[2] threads=1"
 * </pre>
 *
 * <p>Arguments, all optional, in any order: the networks ({@code S,M,L}), the masters
 * ({@code local[1],local[2]}), {@code threads=N} (ND4J/BLAS threads per executor JVM, see
 * {@code SparkTrainerBuilder.nativeThreadsPerExecutor}; default: ND4J's own), and {@code quick}
 * (6 steps per case: to check that it runs, not to measure).
 *
 * <p>Per case it prints the mean time per step over the second of two epochs (the first warms
 * up), for one machine ({@code Trainer.fit}), synchronous Spark and averaging mode at k = 1, 5
 * and 20; for synchronous steps also the median time of Spark's part alone (broadcast of the
 * weights, one task per partition returning a gradient-sized array, tree reduction: no model)
 * and of one partition's share of the compute ({@code computeGradients} on B/p rows). Kryo is
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
        List<String> networks = List.of("S", "M", "L");
        List<String> masters = List.of("local[1]", "local[2]");
        int threads = 0;
        boolean quick = false;
        for (String arg : args) {
            if (arg.equals("quick")) {
                quick = true;
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
                cases.add(quick ? c.quick() : c);
            }
            BenchCase averaged = quick ? BenchCase.averaging(network).quick() : BenchCase.averaging(network);
            averaging.put(averaged, quick ? List.of(1, 5) : List.of(1, 5, 20));
        }
        System.out.println("| master | case | mode | ms/step | Spark part ms | compute/share ms | samples/s "
                + "| × one machine |");
        System.out.println("|---|---|---|---:|---:|---:|---:|---:|");
        Map<String, Double> oneMachine = new LinkedHashMap<>();
        for (BenchCase c : cases) {
            oneMachine.put(c.toString(), Measurements.trainerStep(c));
        }
        for (BenchCase c : averaging.keySet()) {
            oneMachine.computeIfAbsent(c.toString(), key -> Measurements.trainerStep(c));
        }
        oneMachine.forEach((c, ms) -> row("-", c, "one machine (Trainer)", ms, Double.NaN, Double.NaN,
                batchOf(c), ms));
        for (String master : masters) {
            SparkConf conf = SparkSetup.useKryo(new SparkConf().setMaster(master).setAppName("nn4j SparkBench")
                    .set("spark.ui.enabled", "false").set("spark.broadcast.compress", "false"));
            try (JavaSparkContext context = new JavaSparkContext(conf)) {
                int partitions = context.defaultParallelism();
                for (BenchCase c : cases) {
                    double overhead = Measurements.sparkOverhead(context, c.parameters(), partitions);
                    double compute = Measurements.shareCompute(c, (c.batchSize() + partitions - 1) / partitions);
                    DistributedData data = Measurements.sparkData(context, c, partitions);
                    double ms = Measurements.sparkStep(c, Measurements.settings(c, threads), data);
                    row(master, c.toString(), "synchronous", ms, overhead, compute, c.batchSize(),
                            oneMachine.get(c.toString()));
                }
                for (Map.Entry<BenchCase, List<Integer>> entry : averaging.entrySet()) {
                    BenchCase c = entry.getKey();
                    DistributedData data = Measurements.sparkData(context, c, partitions);
                    for (int k : entry.getValue()) {
                        double ms = Measurements.sparkStep(c, Measurements.settings(c, threads).averaging(k), data);
                        row(master, c.toString(), "averaging k=" + k, ms, Double.NaN, Double.NaN, c.batchSize(),
                                oneMachine.get(c.toString()));
                    }
                }
            }
        }
    }

    private static int batchOf(String caseName) {
        return Integer.parseInt(caseName.substring(caseName.indexOf('b') + 1));
    }

    private static void row(String master, String c, String mode, double ms, double overhead, double compute,
                            int batch, double oneMachineMs) {
        System.out.printf(Locale.ROOT, "| %s | %s | %s | %.1f | %s | %s | %,.0f | %.2f |%n", master, c, mode, ms,
                Double.isNaN(overhead) ? "" : String.format(Locale.ROOT, "%.1f", overhead),
                Double.isNaN(compute) ? "" : String.format(Locale.ROOT, "%.1f", compute), batch * 1e3 / ms,
                oneMachineMs / ms);
    }
}
