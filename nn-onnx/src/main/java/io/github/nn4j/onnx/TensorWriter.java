package io.github.nn4j.onnx;

import com.google.protobuf.ByteString;
import io.github.nn4j.base.JavaArrays;
import io.github.nn4j.onnx.proto.TensorProto;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Encodes nn4j's numbers as ONNX tensors: row-major values as little-endian IEEE 754 bytes in
 * {@code raw_data}, float32 or float64, bit for bit.
 */
final class TensorWriter {

    private TensorWriter() {
    }

    /**
     * A tensor with the array's shape and values, converted to {@code elementType}.
     *
     * @param name        the tensor's name, e.g. {@code dense0.W}
     * @param array       the values; any order or view
     * @param elementType {@code FLOAT_VALUE} or {@code DOUBLE_VALUE}
     */
    static TensorProto of(String name, INDArray array, int elementType) {
        TensorProto.Builder tensor = TensorProto.newBuilder().setName(name).setDataType(elementType);
        for (long dim : array.shape()) {
            tensor.addDims(dim);
        }
        if (elementType == TensorProto.DataType.FLOAT_VALUE) {
            return tensor.setRawData(bytes(JavaArrays.toFloats(array))).build();
        }
        return tensor.setRawData(bytes(JavaArrays.toDoubles(array))).build();
    }

    /**
     * A tensor of shape {@code [1, values.length]}, rounded to float32 for {@code FLOAT_VALUE}.
     */
    static TensorProto row(String name, double[] values, int elementType) {
        TensorProto.Builder tensor = TensorProto.newBuilder().setName(name).setDataType(elementType)
                .addDims(1).addDims(values.length);
        return tensor.setRawData(encode(values, elementType)).build();
    }

    /**
     * A tensor of rank 0 holding one number, rounded to float32 for {@code FLOAT_VALUE}.
     */
    static TensorProto scalar(String name, double value, int elementType) {
        return TensorProto.newBuilder().setName(name).setDataType(elementType)
                .setRawData(encode(new double[] {value}, elementType)).build();
    }

    private static ByteString encode(double[] values, int elementType) {
        if (elementType == TensorProto.DataType.FLOAT_VALUE) {
            float[] floats = new float[values.length];
            for (int i = 0; i < values.length; i++) {
                floats[i] = (float) values[i];
            }
            return bytes(floats);
        }
        return bytes(values);
    }

    private static ByteString bytes(float[] values) {
        ByteBuffer buffer = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        buffer.asFloatBuffer().put(values);
        return ByteString.copyFrom(buffer.array());
    }

    private static ByteString bytes(double[] values) {
        ByteBuffer buffer = ByteBuffer.allocate(values.length * Double.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        buffer.asDoubleBuffer().put(values);
        return ByteString.copyFrom(buffer.array());
    }
}
