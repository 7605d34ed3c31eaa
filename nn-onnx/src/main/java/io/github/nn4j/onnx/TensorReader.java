package io.github.nn4j.onnx;

import com.google.protobuf.ByteString;
import io.github.nn4j.onnx.proto.TensorProto;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Locale;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Decodes ONNX tensors from an untrusted file. The declared shape is checked against the values
 * actually present (in {@code raw_data} or the typed field) before any array is allocated, so a
 * tiny file that declares a huge tensor is rejected without allocating it. Tensors whose values
 * live in an external file or in segments are rejected.
 */
final class TensorReader {

    private TensorReader() {
    }

    /**
     * The tensor's shape, checked: at most {@link ImportLimits#MAX_RANK} dimensions, none negative,
     * at most {@link ImportLimits#MAX_ELEMENTS} elements in all.
     */
    static long[] shape(TensorProto tensor) {
        if (tensor.getDimsCount() > ImportLimits.MAX_RANK) {
            throw new ImportProblem("tensor '" + tensor.getName() + "' has " + tensor.getDimsCount() + " dimensions");
        }
        long[] dims = new long[tensor.getDimsCount()];
        long count = 1;
        for (int i = 0; i < dims.length; i++) {
            dims[i] = tensor.getDims(i);
            if (dims[i] < 0) {
                throw new ImportProblem("tensor '" + tensor.getName() + "' declares a negative dimension " + dims[i]);
            }
            count = dims[i] == 0 ? 0 : count > ImportLimits.MAX_ELEMENTS / dims[i] ? -1 : count * dims[i];
            if (count < 0) {
                throw new ImportProblem("tensor '" + tensor.getName() + "' declares the shape " + Arrays.toString(dims)
                        + ", more than " + ImportLimits.MAX_ELEMENTS + " elements");
            }
        }
        return dims;
    }

    /**
     * Decodes a float32 or float64 tensor into an array of that type and the declared shape.
     *
     * @throws ImportProblem naming the tensor when its type is another, its values are elsewhere, or
     *                 their number differs from what its shape declares
     */
    static INDArray decode(TensorProto tensor) {
        long[] shape = shape(tensor);
        int count = (int) Arrays.stream(shape).reduce(1, (a, b) -> a * b);
        if (tensor.getDataLocation() == TensorProto.DataLocation.EXTERNAL || tensor.getExternalDataCount() > 0) {
            throw new ImportProblem("tensor '" + tensor.getName() + "' keeps its values in an external file; nn4j reads "
                    + "self-contained ONNX files (save with the weights inside)");
        }
        if (tensor.hasSegment()) {
            throw new ImportProblem("tensor '" + tensor.getName() + "' is one segment of a larger tensor");
        }
        int type = tensor.getDataType();
        ByteString raw = tensor.getRawData();
        boolean typed = tensor.getFloatDataCount() > 0 || tensor.getDoubleDataCount() > 0;
        if (type == TensorProto.DataType.FLOAT_VALUE) {
            float[] values = new float[requireCount(tensor, count, raw, Float.BYTES, tensor.getFloatDataCount(), typed)];
            if (raw.isEmpty()) {
                for (int i = 0; i < count; i++) {
                    values[i] = tensor.getFloatData(i);
                }
            } else {
                raw.asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values);
            }
            return Nd4j.create(values, shape, 'c');
        }
        if (type == TensorProto.DataType.DOUBLE_VALUE) {
            double[] values = new double[requireCount(tensor, count, raw, Double.BYTES, tensor.getDoubleDataCount(),
                    typed)];
            if (raw.isEmpty()) {
                for (int i = 0; i < count; i++) {
                    values[i] = tensor.getDoubleData(i);
                }
            } else {
                raw.asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN).asDoubleBuffer().get(values);
            }
            return Nd4j.create(values, shape, 'c');
        }
        throw new ImportProblem("tensor '" + tensor.getName() + "' holds " + typeName(type)
                + " values; nn4j reads float32 and float64 weights");
    }

    /** The element count after checking that exactly that many values are present, in one place. */
    private static int requireCount(TensorProto tensor, int count, ByteString raw, int width, int typedCount,
            boolean typed) {
        if (!raw.isEmpty() && typed) {
            throw new ImportProblem("tensor '" + tensor.getName() + "' holds values both in raw_data and in a typed field");
        }
        long present = raw.isEmpty() ? typedCount : raw.size() / width;
        if (present != count || (!raw.isEmpty() && raw.size() % width != 0)) {
            throw new ImportProblem("tensor '" + tensor.getName() + "' declares " + count + " element(s) of shape "
                    + Arrays.toString(tensor.getDimsList().toArray()) + " but holds "
                    + (raw.isEmpty() ? typedCount + " value(s)" : raw.size() + " bytes of raw data")
                    + " (truncated or corrupt)");
        }
        if (tensor.getDoubleDataCount() > 0 && tensor.getDataType() != TensorProto.DataType.DOUBLE_VALUE
                || tensor.getFloatDataCount() > 0 && tensor.getDataType() != TensorProto.DataType.FLOAT_VALUE) {
            throw new ImportProblem("tensor '" + tensor.getName() + "' stores values in a field that does not match its type");
        }
        return count;
    }

    /**
     * The values of an int64 tensor (a shape, say), checked against its declared size like
     * {@link #decode}.
     *
     * @throws ImportProblem naming the tensor when it is of another type or its values do not fit its shape
     */
    static long[] longs(TensorProto tensor) {
        long[] shape = shape(tensor);
        int count = (int) Arrays.stream(shape).reduce(1, (a, b) -> a * b);
        if (tensor.getDataType() != TensorProto.DataType.INT64_VALUE) {
            throw new ImportProblem("tensor '" + tensor.getName() + "' holds " + typeName(tensor.getDataType())
                    + " values; nn4j reads int64 shapes");
        }
        if (tensor.getDataLocation() == TensorProto.DataLocation.EXTERNAL || tensor.getExternalDataCount() > 0
                || tensor.hasSegment()) {
            throw new ImportProblem("tensor '" + tensor.getName() + "' keeps its values elsewhere");
        }
        ByteString raw = tensor.getRawData();
        long present = raw.isEmpty() ? tensor.getInt64DataCount() : raw.size() / Long.BYTES;
        if (present != count || raw.size() % Long.BYTES != 0 || !raw.isEmpty() && tensor.getInt64DataCount() > 0) {
            throw new ImportProblem("tensor '" + tensor.getName() + "' declares " + count + " int64 value(s) of shape "
                    + Arrays.toString(shape) + " but holds " + (raw.isEmpty() ? tensor.getInt64DataCount() + " value(s)"
                    : raw.size() + " bytes of raw data") + " (truncated or corrupt)");
        }
        long[] values = new long[count];
        if (raw.isEmpty()) {
            for (int i = 0; i < count; i++) {
                values[i] = tensor.getInt64Data(i);
            }
        } else {
            raw.asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN).asLongBuffer().get(values);
        }
        return values;
    }

    /** A float32 or float64 tensor of exactly one element, as a double. */
    static double scalar(TensorProto tensor) {
        INDArray value = decode(tensor);
        if (value.length() != 1) {
            throw new ImportProblem("tensor '" + tensor.getName() + "' should hold one number, but has shape "
                    + Arrays.toString(value.shape()));
        }
        return value.getDouble(0);
    }

    /** A boolean tensor of exactly one element. */
    static boolean bool(TensorProto tensor) {
        long[] shape = shape(tensor);
        long count = Arrays.stream(shape).reduce(1, (a, b) -> a * b);
        if (tensor.getDataType() != TensorProto.DataType.BOOL_VALUE || count != 1) {
            throw new ImportProblem("tensor '" + tensor.getName() + "' should be one boolean, but is " + count + " "
                    + typeName(tensor.getDataType()) + " value(s)");
        }
        if (tensor.getRawData().size() == 1 && tensor.getInt32DataCount() == 0) {
            return tensor.getRawData().byteAt(0) != 0;
        }
        if (tensor.getRawData().isEmpty() && tensor.getInt32DataCount() == 1) {
            return tensor.getInt32Data(0) != 0;
        }
        throw new ImportProblem("tensor '" + tensor.getName() + "' declares one boolean but does not hold exactly one");
    }

    /** A readable name for an ONNX element type number. */
    static String typeName(int type) {
        TensorProto.DataType known = TensorProto.DataType.forNumber(type);
        return known == null ? "element type " + type : known.name().toLowerCase(Locale.ROOT);
    }
}
