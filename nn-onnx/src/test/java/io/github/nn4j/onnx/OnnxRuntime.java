package io.github.nn4j.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.github.nn4j.base.JavaArrays;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Runs ONNX bytes in ONNX Runtime's Java API on one [batch, n] input, in the input's data type. */
final class OnnxRuntime implements AutoCloseable {

    private static final OrtEnvironment ENVIRONMENT = OrtEnvironment.getEnvironment();

    private final OrtSession session;

    OnnxRuntime(byte[] model) throws OrtException {
        OrtSession.SessionOptions options = new OrtSession.SessionOptions();
        options.setIntraOpNumThreads(1);
        options.setInterOpNumThreads(1);
        session = ENVIRONMENT.createSession(model, options);
    }

    /** The model's output for {@code input}, as an array of the input's data type. */
    INDArray run(INDArray input) throws OrtException {
        long[] shape = input.shape();
        String name = session.getInputNames().iterator().next();
        OnnxTensor tensor = input.dataType() == DataType.DOUBLE
                ? OnnxTensor.createTensor(ENVIRONMENT, DoubleBuffer.wrap(JavaArrays.toDoubles(input)), shape)
                : OnnxTensor.createTensor(ENVIRONMENT, FloatBuffer.wrap(JavaArrays.toFloats(input)), shape);
        try (tensor; OrtSession.Result result = session.run(Map.of(name, tensor))) {
            OnnxTensor output = (OnnxTensor) result.get(0);
            long[] outShape = output.getInfo().getShape();
            if (input.dataType() == DataType.DOUBLE) {
                DoubleBuffer values = output.getDoubleBuffer();
                double[] copy = new double[values.remaining()];
                values.get(copy);
                return Nd4j.create(copy, outShape, 'c');
            }
            FloatBuffer values = output.getFloatBuffer();
            float[] copy = new float[values.remaining()];
            values.get(copy);
            return Nd4j.create(copy, outShape, 'c');
        }
    }

    @Override
    public void close() throws OrtException {
        session.close();
    }
}
