package io.github.nn4j.bench;

import io.github.nn4j.init.Initializer;
import io.github.nn4j.internal.kernels.DirectBlas;
import io.github.nn4j.layers.Dense;
import io.github.nn4j.layers.ReLU;
import io.github.nn4j.model.Predictor;
import io.github.nn4j.model.Sequential;
import io.github.nn4j.platform.Nn4jPlatform;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Prediction latency of the Fashion-MNIST network (784-256-128-10, ReLU, float32, He-initialized
 * from seed 42) on one thread: the median (p50) and 99th percentile of single calls at 1, 8, 32 and
 * 256 rows, for each way of calling it, measured round by round in turn in one JVM.
 *
 * <ul>
 * <li>{@code float[] Predictor}: {@code model.predictor().predict(rows, output)};</li>
 * <li>{@code INDArray}: {@code model.predict(x)} on a prepared array;</li>
 * <li>{@code float[] via INDArray}: {@code Nd4j.create(rows, …)}, {@code predict}, {@code data().asFloat()},
 *     what an application with {@code float[]} had to do before {@code Predictor}.</li>
 * </ul>
 * With {@code --baseline <classes directory or jar>} of another nn-core build (e.g. one compiled
 * from an earlier commit), that build's two INDArray paths are measured too, loaded in a class
 * loader of their own beside this one (ND4J is shared), so before and after run interleaved in one
 * JVM under the same load.
 *
 * <p>Run: {@code mvn -q -pl nn-bench -am compile exec:java@bench -Dnn4j.blas.coretype=auto
 * -Dexec.mainClass=io.github.nn4j.bench.PredictLatencyMain -Dexec.args="[--baseline DIR] [--rounds N] [--blas-threads N]"}
 */
public final class PredictLatencyMain {

    private static final int[] BATCHES = {1, 8, 32, 256};
    private static final int[] CALLS_PER_ROUND = {300, 150, 60, 10};

    private PredictLatencyMain() {
    }

    /** One way of predicting {@code rows} rows: returns a checksum so that nothing is optimized away. */
    @FunctionalInterface
    private interface Call {
        double run(int batchIndex);
    }

    /**
     * Measures and prints a table.
     *
     * @param args {@code --baseline DIR}, {@code --rounds N} (default 30)
     * @throws Throwable when the baseline build cannot be loaded or called
     */
    public static void main(String[] args) throws Throwable {
        Nn4jPlatform.init();
        Path baseline = null;
        int rounds = 30;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--baseline" -> baseline = Path.of(args[++i]);
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                case "--blas-threads" -> Nd4j.factory().blas().setMaxThreads(Integer.parseInt(args[++i]));
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        float[][] rows = new float[BATCHES.length][];
        INDArray[] prepared = new INDArray[BATCHES.length];
        SplittableRandom random = new SplittableRandom(1);
        for (int b = 0; b < BATCHES.length; b++) {
            rows[b] = new float[BATCHES[b] * 784];
            for (int i = 0; i < rows[b].length; i++) {
                rows[b][i] = (float) random.nextDouble(-1, 1);
            }
            prepared[b] = Nd4j.create(rows[b], new long[] {BATCHES[b], 784}, 'c');
        }
        Sequential model = new Sequential(new Dense(784, 256), new ReLU(), new Dense(256, 128), new ReLU(),
                new Dense(128, 10)).init(Initializer.he(), 42);
        Predictor predictor = model.predictor();
        float[][] outputs = new float[BATCHES.length][];
        for (int b = 0; b < BATCHES.length; b++) {
            outputs[b] = new float[BATCHES[b] * 10];
        }

        Map<String, Call> calls = new LinkedHashMap<>();
        calls.put("float[] Predictor", b -> {
            predictor.predict(rows[b], outputs[b]);
            return outputs[b][0];
        });
        calls.put("INDArray", b -> model.predict(prepared[b]).getDouble(0));
        calls.put("float[] via INDArray", b ->
                model.predict(Nd4j.create(rows[b], new long[] {BATCHES[b], 784}, 'c')).data().asFloat()[0]);
        if (baseline != null) {
            MethodHandle old = baselinePredict(baseline);
            double difference = maxDifference((INDArray) old.invokeExact(prepared[1]), model.predict(prepared[1]));
            System.out.printf(Locale.ROOT, "baseline %s: largest difference from this build's outputs %.3g%n",
                    baseline, difference);
            calls.put("baseline INDArray", b -> invoke(old, prepared[b]).getDouble(0));
            calls.put("baseline float[] via INDArray", b ->
                    invoke(old, Nd4j.create(rows[b], new long[] {BATCHES[b], 784}, 'c')).data().asFloat()[0]);
        }
        System.out.printf(Locale.ROOT, "OpenBLAS kernel %s, %d threads, one-row products by %s, %d rounds%n%n",
                Nn4jPlatform.activeKernel().orElse("?"), Nd4j.factory().blas().getMaxThreads(),
                DirectBlas.oneRowByGemv() ? "GEMV" : "GEMM", rounds);
        print(measure(calls, rounds));
    }

    /** Samples in µs per path and batch, over {@code rounds} rounds after two of warm-up. */
    private static Map<String, List<List<Double>>> measure(Map<String, Call> calls, int rounds) {
        Map<String, List<List<Double>>> samples = new LinkedHashMap<>();
        calls.keySet().forEach(name -> {
            List<List<Double>> perBatch = new ArrayList<>();
            for (int b = 0; b < BATCHES.length; b++) {
                perBatch.add(new ArrayList<>());
            }
            samples.put(name, perBatch);
        });
        double sink = 0;
        for (int round = -2; round < rounds; round++) {
            for (int b = 0; b < BATCHES.length; b++) {
                for (Map.Entry<String, Call> call : calls.entrySet()) {
                    List<Double> into = samples.get(call.getKey()).get(b);
                    for (int i = 0; i < CALLS_PER_ROUND[b]; i++) {
                        long start = System.nanoTime();
                        sink += call.getValue().run(b);
                        long micros = System.nanoTime() - start;
                        if (round >= 0) {
                            into.add(micros / 1e3);
                        }
                    }
                }
            }
        }
        if (sink == 42) {
            System.out.println();
        }
        return samples;
    }

    private static void print(Map<String, List<List<Double>>> samples) {
        System.out.println("| path | batch | p50 µs | p99 µs | p50 ÷ first path's |");
        System.out.println("|---|---:|---:|---:|---:|");
        List<Double> reference = new ArrayList<>();
        for (int b = 0; b < BATCHES.length; b++) {
            reference.add(percentile(samples.values().iterator().next().get(b), 50));
        }
        for (int b = 0; b < BATCHES.length; b++) {
            for (Map.Entry<String, List<List<Double>>> path : samples.entrySet()) {
                List<Double> s = path.getValue().get(b);
                double p50 = percentile(s, 50);
                System.out.printf(Locale.ROOT, "| %s | %d | %.1f | %.1f | %.2f |%n", path.getKey(), BATCHES[b], p50,
                        percentile(s, 99), p50 / reference.get(b));
            }
        }
    }

    private static double percentile(List<Double> values, double percent) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return sorted[(int) Math.min(sorted.length - 1, Math.floor(percent / 100 * sorted.length))];
    }

    private static INDArray invoke(MethodHandle predict, INDArray x) {
        try {
            return (INDArray) predict.invokeExact(x);
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    private static double maxDifference(INDArray x, INDArray y) {
        float[] a = x.data().asFloat();
        float[] b = y.data().asFloat();
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs(a[i] - b[i]));
        }
        return max;
    }

    /**
     * {@code predict(INDArray)} of the same network built by the nn-core classes at {@code location},
     * loaded before this build's for every {@code io.github.nn4j} class outside this package.
     */
    private static MethodHandle baselinePredict(Path location) throws Exception {
        ClassLoader parent = PredictLatencyMain.class.getClassLoader();
        ClassLoader loader = new URLClassLoader(new URL[] {location.toUri().toURL()}, parent) {
            @Override
            protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
                synchronized (getClassLoadingLock(name)) {
                    Class<?> loaded = findLoadedClass(name);
                    boolean core = name.startsWith("io.github.nn4j.") && !name.startsWith("io.github.nn4j.bench.");
                    if (loaded == null && core) {
                        try {
                            loaded = findClass(name);
                        } catch (ClassNotFoundException e) {
                            loaded = null;
                        }
                    }
                    return loaded != null ? loaded : super.loadClass(name, resolve);
                }
            }
        };
        Class<?> layer = loader.loadClass("io.github.nn4j.layers.Layer");
        Class<?> dense = loader.loadClass("io.github.nn4j.layers.Dense");
        Class<?> relu = loader.loadClass("io.github.nn4j.layers.ReLU");
        Class<?> sequential = loader.loadClass("io.github.nn4j.model.Sequential");
        Class<?> initializer = loader.loadClass("io.github.nn4j.init.Initializer");
        Object layers = java.lang.reflect.Array.newInstance(layer, 5);
        Object[] built = {dense.getConstructor(int.class, int.class).newInstance(784, 256),
            relu.getConstructor().newInstance(), dense.getConstructor(int.class, int.class).newInstance(256, 128),
            relu.getConstructor().newInstance(), dense.getConstructor(int.class, int.class).newInstance(128, 10)};
        for (int i = 0; i < built.length; i++) {
            java.lang.reflect.Array.set(layers, i, built[i]);
        }
        Object model = sequential.getConstructor(layers.getClass()).newInstance(layers);
        sequential.getMethod("init", initializer, long.class).invoke(model,
                initializer.getMethod("he").invoke(null), 42L);
        return MethodHandles.publicLookup().unreflect(sequential.getMethod("predict", INDArray.class)).bindTo(model)
                .asType(MethodType.methodType(INDArray.class, INDArray.class));
    }
}
