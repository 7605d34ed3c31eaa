package io.github.nn4j.bench.jmh;

import io.github.nn4j.bench.Nn4jRunner;
import io.github.nn4j.bench.Optimizers;
import io.github.nn4j.bench.SyntheticBatches;
import io.github.nn4j.bench.Workload;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One nn4j training step (forward, loss gradient, backward, SGD update) per invocation, for the
 * standard workloads S, M and L. The score is time per step; samples/s = batch ÷ time per step
 * (batch 32, 128 and 512).
 *
 * <p>From the repository root, after {@code mvn -B -q -pl nn-bench -am package -DskipTests} and
 * writing the dependency classpath to {@code /tmp/cp-bench.txt}
 * ({@code mvn -B -q -pl nn-bench dependency:build-classpath -Dmdep.outputFile=/tmp/cp-bench.txt}):
 * <pre>
 * OMP_WAIT_POLICY=PASSIVE java -cp nn-bench/target/classes:nn-core/target/classes:$(cat /tmp/cp-bench.txt) \
 *     org.openjdk.jmh.Main TrainingStep
 * </pre>
 * The forked JVMs inherit the environment; add JMH options such as {@code -p workload=S -prof gc}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class TrainingStep {

    /** Which standard workload: S, M or L. */
    @Param({"S", "M", "L"})
    public String workload;

    private Nn4jRunner runner;

    /** Builds the batches and the model for the chosen workload, with SGD. */
    @Setup
    public void setUp() {
        Workload chosen = Workload.standard().stream()
                .filter(w -> w.name().equals(workload) && w.optimizer().equals("sgd"))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown workload " + workload));
        SyntheticBatches batches = SyntheticBatches.forWorkload(chosen, 16, SyntheticBatches.DEFAULT_SEED);
        runner = new Nn4jRunner(chosen, Optimizers.nn4j("sgd", chosen.learningRate()), batches,
                SyntheticBatches.DEFAULT_SEED);
    }

    /** One training step on the next batch. */
    @Benchmark
    public void step() {
        runner.step();
    }
}
