package io.github.nn4j.bench.serving;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.github.nn4j.model.Sequential;
import io.github.nn4j.onnx.OnnxExport;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * ONNX Runtime's Java API serving the same model, exported by nn-onnx ({@link OnnxExport}): one
 * session with one intra-op thread, or with ONNX Runtime's default threads. Each prepared call
 * owns a direct input and a direct output buffer with a tensor over each (the output pinned), so a
 * call copies the caller's {@code float[]} in, runs the session and copies the outputs out into a
 * {@code float[]}: the work nn4j's {@code float[]} API does, with nothing allocated but the result
 * handle.
 */
public final class OrtServing implements ServingRuntime {

    private final OrtEnvironment environment = OrtEnvironment.getEnvironment();
    private final OrtSession session;
    private final int inputs;
    private final int outputs;
    private final boolean oneThread;
    private final List<OnnxTensor> tensors = new ArrayList<>();

    /**
     * @param model     the model to export and load
     * @param oneThread one intra-op thread, otherwise ONNX Runtime's default
     * @throws IllegalStateException when ONNX Runtime refuses the model
     */
    public OrtServing(Sequential model, boolean oneThread) {
        this.inputs = model.inputSize();
        this.outputs = model.outputSize();
        this.oneThread = oneThread;
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            if (oneThread) {
                options.setIntraOpNumThreads(1);
                options.setInterOpNumThreads(1);
            }
            session = environment.createSession(OnnxExport.toBytes(model), options);
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime cannot load the exported model", e);
        }
    }

    /** ONNX Runtime's version. */
    public static String version() {
        return OrtEnvironment.getEnvironment().getVersion();
    }

    @Override
    public String name() {
        return "ONNX Runtime";
    }

    @Override
    public String threads() {
        return oneThread ? "1" : "default";
    }

    @Override
    public Call prepare(float[] rows, int count) {
        FloatBuffer in = direct(count * inputs);
        FloatBuffer out = direct(count * outputs);
        float[] result = new float[count * outputs];
        try {
            OnnxTensor input = OnnxTensor.createTensor(environment, in, new long[] {count, inputs});
            OnnxTensor output = OnnxTensor.createTensor(environment, out, new long[] {count, outputs});
            synchronized (tensors) {
                tensors.add(input);
                tensors.add(output);
            }
            Map<String, OnnxTensor> feed = Map.of(OnnxExport.INPUT, input);
            Map<String, OnnxTensor> pinned = Map.of(OnnxExport.OUTPUT, output);
            return () -> {
                in.put(0, rows, 0, rows.length);
                try (OrtSession.Result ignored = session.run(feed, pinned)) {
                    out.get(0, result, 0, result.length);
                    return result[0];
                } catch (OrtException e) {
                    throw new IllegalStateException(e);
                }
            };
        } catch (OrtException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        synchronized (tensors) {
            tensors.forEach(OnnxTensor::close);
            tensors.clear();
        }
        try {
            session.close();
        } catch (OrtException e) {
            throw new IllegalStateException(e);
        }
    }

    private static FloatBuffer direct(int floats) {
        return ByteBuffer.allocateDirect(floats * Float.BYTES).order(ByteOrder.nativeOrder()).asFloatBuffer();
    }
}
