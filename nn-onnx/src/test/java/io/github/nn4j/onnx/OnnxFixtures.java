package io.github.nn4j.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.github.nn4j.init.Initializer;
import io.github.nn4j.layers.Dense;
import io.github.nn4j.layers.ReLU;
import io.github.nn4j.model.Sequential;
import io.github.nn4j.onnx.proto.AttributeProto;
import io.github.nn4j.onnx.proto.ModelProto;
import io.github.nn4j.onnx.proto.NodeProto;
import io.github.nn4j.onnx.proto.TensorProto;

/** Small ONNX models to break in tests, and the assertion that nn4j refuses them clearly. */
final class OnnxFixtures {

    private OnnxFixtures() {
    }

    /**
     * {@code Dense(4, 3) → ReLU → Dense(3, 2)} as exported: nodes 0 'dense0' Gemm(input, dense0.W,
     * dense0.b) → 'dense0', 1 'relu0' Relu → 'relu0', 2 'dense1' Gemm → 'output'.
     */
    static ModelProto mlp() {
        Sequential model = new Sequential(new Dense(4, 3), new ReLU(), new Dense(3, 2));
        model.init(Initializer.he(), 5);
        return parse(OnnxExport.toBytes(model));
    }

    static ModelProto parse(byte[] bytes) {
        try {
            return ModelProto.parseFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            throw new AssertionError(e);
        }
    }

    /** The model with node {@code index} replaced by {@code node}. */
    static ModelProto withNode(ModelProto model, int index, NodeProto node) {
        ModelProto.Builder builder = model.toBuilder();
        builder.getGraphBuilder().setNode(index, node);
        return builder.build();
    }

    static AttributeProto intAttribute(String name, long value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INT).setI(value).build();
    }

    static AttributeProto floatAttribute(String name, float value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.FLOAT).setF(value)
                .build();
    }

    /** A float32 initializer with the given dims and raw bytes, which need not fit the dims. */
    static TensorProto tensor(String name, long[] dims, int bytes) {
        TensorProto.Builder tensor = TensorProto.newBuilder().setName(name)
                .setDataType(TensorProto.DataType.FLOAT_VALUE).setRawData(ByteString.copyFrom(new byte[bytes]));
        for (long dim : dims) {
            tensor.addDims(dim);
        }
        return tensor.build();
    }

    /**
     * Asserts that importing {@code bytes} fails with an {@link OnnxFormatException} about
     * {@code node} and {@code op} (null: the whole file) whose reason contains {@code reason}.
     */
    static OnnxFormatException assertRejected(byte[] bytes, String node, String op, String reason) {
        OnnxFormatException e = assertThrows(OnnxFormatException.class, () -> OnnxImport.read(bytes));
        assertEquals(node, e.node(), e.getMessage());
        assertEquals(op, e.op(), e.getMessage());
        assertTrue(e.reason().contains(reason), "expected '" + reason + "' in: " + e.getMessage());
        return e;
    }

    static OnnxFormatException assertRejected(ModelProto model, String node, String op, String reason) {
        return assertRejected(model.toByteArray(), node, op, reason);
    }
}
