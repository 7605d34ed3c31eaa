package io.github.nn4j.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * What to run and for how long, from the command line.
 *
 * @param quick           the quick mode (about a minute)
 * @param workloads       the cases to run
 * @param runDl4j         whether to run the DL4J peer
 * @param runPeers        whether to run the Python peers (numpy, PyTorch) where installed
 * @param warmUpSeconds   warm-up per runner and case
 * @param secondsPerRep   length of one timed repetition
 * @param reps            timed repetitions per runner and case
 * @param gemmSeconds     measuring time per GEMM shape
 * @param squareSizes     sizes of the square GEMMs that give the peak
 * @param batchCount      pre-built batches per case
 * @param seed            data and initialization seed
 * @param output          JSON file to write, or {@code null} for the default name
 * @param runTraining     whether to run the training benchmark
 * @param servingNetworks the networks of the serving benchmark ({@code Fashion, S, M, L}); empty to skip it
 * @param fashionRounds   rounds of the Fashion-MNIST race against PyTorch (0 to skip it)
 */
public record BenchOptions(boolean quick, List<Workload> workloads, boolean runDl4j, boolean runPeers,
                           double warmUpSeconds, double secondsPerRep, int reps, double gemmSeconds,
                           List<Integer> squareSizes, int batchCount, long seed, Path output,
                           boolean runTraining, List<String> servingNetworks, int fashionRounds) {

    /** The command-line help. */
    public static final String USAGE = """
            nn-bench: nn4j's prediction latency and serving throughput beside ONNX Runtime, numpy and
            PyTorch, then its training throughput beside Deeplearning4j, numpy, PyTorch and the GEMM limit,
            and the targets of issue 23 computed from this one run.

            nn4j sets OMP_WAIT_POLICY=PASSIVE and its OpenBLAS kernel itself; with OPENBLAS_CORETYPE
            in the environment, -Dnn4j.blas.coretype=auto (set by the POM for exec:java) overrides it.

            Options:
              --quick                  about a minute: short warm-up and reps; DL4J only where nn4j runs
              --workloads S,M,L        run only these standard cases (default: all)
              --layers 784,256,10      a custom network instead of the standard cases
              --batch 64               batch size of the custom network (default 32)
              --optimizer sgd|adam     only this optimizer (default: both)
              --lr 0.05                learning rate (default: 0.01 for sgd, 1e-3 for adam)
              --reps N                 timed repetitions per runner (quick 5, full 9)
              --rep-seconds S          length of one repetition (quick 0.3, full 1.0)
              --warmup-seconds S       warm-up per runner (quick 1, full 3)
              --no-dl4j                skip the Deeplearning4j peer
              --no-peers               skip the Python peers (nn-bench/peers, run with /usr/bin/python3)
              --serving Fashion,S,M,L  the networks of the serving benchmark (default: all four)
              --no-serving             skip the serving benchmark
              --no-training            skip the training benchmark
              --fashion-rounds N       rounds of the Fashion-MNIST race, nn4j's demo recipe against
                                       PyTorch's reference script (quick 1, full 2; 0 skips it)
              --seed N                 data and initialization seed
              --out FILE               JSON output (default nn-bench/results/bench-<timestamp>.json)
              --help                   this text
            """;

    /**
     * Parses arguments.
     *
     * @param args the command line
     * @return the options
     * @throws IllegalArgumentException naming the bad argument
     */
    public static BenchOptions parse(String... args) {
        boolean quick = false;
        boolean runDl4j = true;
        boolean runPeers = true;
        List<String> names = null;
        List<Integer> layers = null;
        int batch = 32;
        String optimizer = null;
        Double learningRate = null;
        Integer reps = null;
        Double repSeconds = null;
        Double warmUp = null;
        long seed = SyntheticBatches.DEFAULT_SEED;
        Path output = null;
        boolean runTraining = true;
        Integer fashionRounds = null;
        List<String> serving = List.of("Fashion", "S", "M", "L");
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--quick" -> quick = true;
                case "--full" -> quick = false;
                case "--no-dl4j" -> runDl4j = false;
                case "--no-peers" -> runPeers = false;
                case "--workloads" -> names = Arrays.asList(value(args, ++i, arg).toUpperCase(Locale.ROOT).split(","));
                case "--layers" -> layers = Arrays.stream(value(args, ++i, arg).split(","))
                        .map(String::trim).map(Integer::valueOf).toList();
                case "--batch" -> batch = Integer.parseInt(value(args, ++i, arg));
                case "--optimizer" -> optimizer = Optimizers.requireKnown(value(args, ++i, arg).toLowerCase(Locale.ROOT));
                case "--lr" -> learningRate = Double.valueOf(value(args, ++i, arg));
                case "--reps" -> reps = Integer.valueOf(value(args, ++i, arg));
                case "--rep-seconds" -> repSeconds = Double.valueOf(value(args, ++i, arg));
                case "--warmup-seconds" -> warmUp = Double.valueOf(value(args, ++i, arg));
                case "--seed" -> seed = Long.parseLong(value(args, ++i, arg));
                case "--out" -> output = Path.of(value(args, ++i, arg));
                case "--serving" -> serving = Arrays.stream(value(args, ++i, arg).split(",")).map(String::trim).toList();
                case "--no-serving" -> serving = List.of();
                case "--no-training" -> runTraining = false;
                case "--fashion-rounds" -> fashionRounds = Integer.valueOf(value(args, ++i, arg));
                default -> throw new IllegalArgumentException("unknown argument '" + arg + "'\n\n" + USAGE);
            }
        }
        List<Workload> workloads = selectWorkloads(names, layers, batch, optimizer, learningRate);
        io.github.nn4j.bench.serving.ServingNetwork.named(serving);   // fails on an unknown name
        return new BenchOptions(quick, workloads, runDl4j, runPeers,
                warmUp != null ? warmUp : quick ? 1.0 : 3.0,
                repSeconds != null ? repSeconds : quick ? 0.3 : 1.0,
                reps != null ? reps : quick ? 5 : 9,
                quick ? 0.25 : 0.6,
                List.of(256, 512, 1024, 2048),
                16, seed, output, runTraining, serving,
                fashionRounds != null ? fashionRounds : quick ? 1 : 2);
    }

    private static List<Workload> selectWorkloads(List<String> names, List<Integer> layers, int batch,
                                                  String optimizer, Double learningRate) {
        List<Workload> selected = new ArrayList<>();
        if (layers != null) {
            for (String name : optimizer != null ? List.of(optimizer) : List.of("sgd", "adam")) {
                selected.add(new Workload("custom", layers, batch, name, rate(name, learningRate)));
            }
            return selected;
        }
        for (Workload workload : Workload.standard()) {
            boolean nameOk = names == null || names.contains(workload.name());
            boolean optimizerOk = optimizer == null || optimizer.equals(workload.optimizer());
            if (nameOk && optimizerOk) {
                selected.add(learningRate == null ? workload : workload.withOptimizer(workload.optimizer(), learningRate));
            }
        }
        if (selected.isEmpty()) {
            throw new IllegalArgumentException("no workload matches " + names + " / " + optimizer);
        }
        return selected;
    }

    private static double rate(String optimizer, Double given) {
        if (given != null) {
            return given;
        }
        return optimizer.equals("sgd") ? Workload.SGD_LEARNING_RATE : Workload.ADAM_LEARNING_RATE;
    }

    private static String value(String[] args, int index, String option) {
        if (index >= args.length) {
            throw new IllegalArgumentException(option + " needs a value\n\n" + USAGE);
        }
        return args[index];
    }
}
