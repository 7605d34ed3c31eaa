package io.github.nn4j.bench.serving;

import io.github.nn4j.model.Predictor;
import io.github.nn4j.model.Sequential;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * nn4j serving a model: through {@link Predictor} ({@code float[]} in, the caller's {@code float[]}
 * out) or through {@link Sequential#predict(INDArray)} on an array the application holds, with
 * OpenBLAS's thread count set to {@code blasThreads} while its calls run (a process-wide setting,
 * {@code Nd4j.factory().blas().setMaxThreads}; one thread is a server's setting where every
 * request has a core).
 */
public final class Nn4jServing implements ServingRuntime {

    private final Sequential model;
    private final boolean floatArrays;
    private final int blasThreads;
    private final Predictor predictor;

    /**
     * @param model       the model
     * @param floatArrays {@code float[]} through a {@code Predictor}, otherwise {@code INDArray}
     * @param blasThreads OpenBLAS threads while this runtime's calls run
     */
    public Nn4jServing(Sequential model, boolean floatArrays, int blasThreads) {
        this.model = model;
        this.floatArrays = floatArrays;
        this.blasThreads = blasThreads;
        this.predictor = model.predictor();
    }

    /** OpenBLAS's default thread count in this process (ND4J's setting when it loaded). */
    public static int defaultBlasThreads() {
        return DefaultThreads.VALUE;
    }

    /**
     * Sets OpenBLAS's thread count for the whole process.
     *
     * @param threads at least 1
     */
    public static void setBlasThreads(int threads) {
        Nd4j.factory().blas().setMaxThreads(threads);
    }

    @Override
    public String name() {
        return floatArrays ? "nn4j float[]" : "nn4j INDArray";
    }

    @Override
    public String threads() {
        return blasThreads == 1 ? "1" : "default (" + blasThreads + ")";
    }

    @Override
    public void activate() {
        setBlasThreads(blasThreads);
    }

    @Override
    public Call prepare(float[] rows, int count) {
        if (floatArrays) {
            float[] output = new float[count * predictor.outputSize()];
            return () -> {
                predictor.predict(rows, output);
                return output[0];
            };
        }
        INDArray x = Nd4j.create(rows, new long[] {count, predictor.inputSize()}, 'c');
        return () -> model.predict(x).getFloat(0);
    }

    @Override
    public void close() {
        setBlasThreads(DefaultThreads.VALUE);
    }

    /** Read once, before any runtime changes it. */
    private static final class DefaultThreads {
        static final int VALUE = Nd4j.factory().blas().getMaxThreads();
    }
}
