package io.github.nn4j.bench.serving;

/**
 * One way of serving a network in this JVM, e.g. nn4j's {@code Predictor} with one BLAS thread, or
 * an ONNX Runtime session with its default threads.
 */
public interface ServingRuntime extends AutoCloseable {

    /** One prepared prediction of fixed rows, as a caller thread repeats it. */
    @FunctionalInterface
    interface Call {

        /**
         * Predicts the rows once.
         *
         * @return one of the outputs, so that nothing is optimized away
         */
        float run();
    }

    /** What the tables call it, e.g. {@code nn4j float[]}. */
    String name();

    /** Its thread setting, e.g. {@code 1} or {@code default (2)}. */
    String threads();

    /**
     * Applies this runtime's process-wide settings (nn4j: OpenBLAS's thread count) before a run of
     * its calls; a no-op for runtimes without any.
     */
    default void activate() {
    }

    /**
     * A call for one caller thread: predicts {@code count} rows, in the caller's {@code float[]}
     * or in what the runtime's API takes, prepared once where an application would prepare it.
     *
     * @param rows  {@code count × inputs} numbers
     * @param count the batch size
     * @return the call
     */
    Call prepare(float[] rows, int count);

    /** Frees native resources. */
    @Override
    void close();
}
