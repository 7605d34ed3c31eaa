package io.github.nn4j.bench.spark;

import io.github.nn4j.data.DataSet;
import io.github.nn4j.data.OneHot;
import io.github.nn4j.losses.Loss;
import io.github.nn4j.optim.Adam;
import io.github.nn4j.spark.DistributedData;
import io.github.nn4j.spark.Example;
import io.github.nn4j.spark.SparkTrainer;
import io.github.nn4j.spark.SparkTrainerBuilder;
import io.github.nn4j.spark.StepCost;
import io.github.nn4j.train.EpochResult;
import io.github.nn4j.train.History;
import io.github.nn4j.train.TrainingListener;
import io.github.nn4j.train.TrainingState;
import io.github.nn4j.train.Trainer;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The timings SparkBench takes: means per step over a measured epoch, in milliseconds. */
final class Measurements {

    private Measurements() {
    }

    /** One machine: {@code Trainer.fit}'s mean time per step over a second epoch of the case's data. */
    static double trainerStep(BenchCase c) {
        DataSet data = dataSet(c, 0, c.examples());
        History history = Trainer.builder(c.network()).loss(Loss.softmaxCrossEntropy()).optimizer(new Adam(1e-3))
                .batchSize(c.batchSize()).epochs(2).seed(1).logEpochs(false).progressBar(false).build().fit(data);
        return history.epochResults().get(1).trainSeconds() * 1e3 / c.steps();
    }

    /** A SparkTrainer's mean time per step over the second of two epochs, and the split of its steps. */
    static SparkRun sparkStep(BenchCase c, SparkTrainerBuilder settings, DistributedData data) {
        CpuTime cpu = new CpuTime();
        SparkTrainer trainer = settings.epochs(2).listener(cpu).build();
        History history = trainer.fit(data);
        return new SparkRun(history.epochResults().get(1).trainSeconds() * 1e3 / c.steps(), trainer.stepCost(),
                cpu.lastEpochMs / c.steps());
    }

    /**
     * A Spark run's time per step and where it went.
     *
     * @param ms   mean time per step over the measured epoch, as the epoch's training time says
     * @param cost the trainer's split of the same epoch's steps
     * @param cpuMs the JVM's CPU time per step over the same epoch (all threads: driver, executors, BLAS)
     */
    record SparkRun(double ms, StepCost cost, double cpuMs) {
    }

    /** The JVM's CPU time over the last epoch: less sensitive than wall time to other processes on the machine. */
    private static final class CpuTime implements TrainingListener {
        private final com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        private long start;
        double lastEpochMs;

        @Override
        public void onEpochStart(TrainingState state) {
            start = os.getProcessCpuTime();
        }

        @Override
        public void onEpochEnd(TrainingState state, EpochResult result) {
            lastEpochMs = (os.getProcessCpuTime() - start) / 1e6;
        }
    }

    /** The trainer settings of every Spark run: Adam 1e-3 on the case's global batch. */
    static SparkTrainerBuilder settings(BenchCase c, int nativeThreads) {
        return SparkTrainer.builder(c.network()).loss(Loss::softmaxCrossEntropy).optimizer(new Adam(1e-3))
                .batchSize(c.batchSize()).seed(1).nativeThreadsPerExecutor(nativeThreads)
                .logEpochs(false).progressBar(false);
    }

    /** The case's examples, generated on the executors (each partition from its own seed) and cached by the trainer. */
    static DistributedData sparkData(JavaSparkContext context, BenchCase c, int partitions) {
        int perPartition = (c.examples() + partitions - 1) / partitions;
        int total = c.examples();
        int inputs = c.inputs();
        int classes = c.classes();
        JavaRDD<Example> examples = context.parallelize(IntStream.range(0, partitions).boxed().toList(), partitions)
                .flatMap(p -> {
                    int from = p * perPartition;
                    int count = Math.max(0, Math.min(perPartition, total - from));
                    SplittableRandom random = new SplittableRandom(1000 + p);
                    List<Example> part = new ArrayList<>(count);
                    for (int i = 0; i < count; i++) {
                        float[] x = new float[inputs];
                        for (int j = 0; j < x.length; j++) {
                            x[j] = (float) random.nextDouble();
                        }
                        part.add(Example.ofClass(x, random.nextInt(classes)));
                    }
                    return part.iterator();
                });
        return DistributedData.of(examples);
    }

    /** {@code rows} random examples of the case, as a data set on the driver. */
    static DataSet dataSet(BenchCase c, long seed, int rows) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] x = new float[rows * c.inputs()];
        int[] labels = new int[rows];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) random.nextDouble();
        }
        Arrays.setAll(labels, i -> random.nextInt(c.classes()));
        INDArray features = Nd4j.create(x, new long[] {rows, c.inputs()}, 'c');
        return new DataSet(features, OneHot.encode(labels, c.classes()));
    }
}
