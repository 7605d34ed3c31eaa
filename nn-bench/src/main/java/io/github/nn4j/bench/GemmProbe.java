package io.github.nn4j.bench;

import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The limit: float32 GEMM throughput through {@code Nd4j.gemm(a, b, c, transA, transB, 1, 0)}
 * into a preallocated output, the call nn4j's dense layers make.
 */
public final class GemmProbe {

    private static final int CHUNKS = 5;

    private final double secondsPerShape;

    /**
     * Creates a probe.
     *
     * @param secondsPerShape roughly how long to measure each shape (after a short warm-up)
     */
    public GemmProbe(double secondsPerShape) {
        this.secondsPerShape = secondsPerShape;
    }

    /**
     * The throughput of one GEMM shape: the median over {@value #CHUNKS} timed chunks of calls.
     *
     * @param label  a name for the report
     * @param m      rows of C
     * @param k      inner dimension
     * @param n      columns of C
     * @param transA whether A is stored transposed, {@code [k, m]}
     * @param transB whether B is stored transposed, {@code [n, k]}
     * @param order  storage order of A, B and C, {@code 'c'} (row-major, as nn4j) or {@code 'f'}
     * @return GFLOP/s figures
     */
    public Result measure(String label, int m, int k, int n, boolean transA, boolean transB, char order) {
        Nd4j.getRandom().setSeed(1);
        INDArray a = Nd4j.rand(DataType.FLOAT, transA ? new long[] {k, m} : new long[] {m, k}).dup(order);
        INDArray b = Nd4j.rand(DataType.FLOAT, transB ? new long[] {n, k} : new long[] {k, n}).dup(order);
        INDArray c = Nd4j.create(DataType.FLOAT, new long[] {m, n}, order);
        double flops = 2.0 * m * k * n;

        long warmStart = System.nanoTime();
        int warmCalls = 0;
        while (warmCalls < 2 || System.nanoTime() - warmStart < secondsPerShape * 0.2e9) {
            Nd4j.gemm(a, b, c, transA, transB, 1.0, 0.0);
            warmCalls++;
        }
        double secondsPerCall = (System.nanoTime() - warmStart) / 1e9 / warmCalls;
        int callsPerChunk = (int) Math.max(1, Math.round(secondsPerShape * 0.8 / CHUNKS / secondsPerCall));

        List<Double> gflops = new ArrayList<>();
        for (int chunk = 0; chunk < CHUNKS; chunk++) {
            long start = System.nanoTime();
            for (int call = 0; call < callsPerChunk; call++) {
                Nd4j.gemm(a, b, c, transA, transB, 1.0, 0.0);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            gflops.add(flops * callsPerChunk / seconds / 1e9);
        }
        return new Result(label, m, k, n, transA, transB, order, Stats.of(gflops));
    }

    /**
     * Square products {@code n×n·n×n} in both storage orders.
     *
     * @param sizes the values of n
     * @return one result per size and order
     */
    public List<Result> squares(List<Integer> sizes) {
        List<Result> results = new ArrayList<>();
        for (int size : sizes) {
            for (char order : new char[] {'c', 'f'}) {
                results.add(measure("square " + size + " '" + order + "'", size, size, size, false, false, order));
            }
        }
        return results;
    }

    /**
     * A workload's own GEMMs in nn4j's row-major layout.
     *
     * @param workload the workload
     * @return one result per distinct shape
     */
    public List<Result> workloadShapes(Workload workload) {
        List<Result> results = new ArrayList<>();
        for (Workload.GemmShape shape : workload.gemmShapes()) {
            results.add(measure(shape.label(), shape.m(), shape.k(), shape.n(), shape.transA(), shape.transB(), 'c'));
        }
        return results;
    }

    /**
     * One measured GEMM shape.
     *
     * @param label  its name
     * @param m      rows of C
     * @param k      inner dimension
     * @param n      columns of C
     * @param transA A transposed
     * @param transB B transposed
     * @param order  storage order
     * @param gflops GFLOP/s over the timed chunks
     */
    public record Result(String label, int m, int k, int n, boolean transA, boolean transB, char order,
                         Stats gflops) {
    }
}
