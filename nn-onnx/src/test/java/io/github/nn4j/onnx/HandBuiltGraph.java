package io.github.nn4j.onnx;

import io.github.nn4j.onnx.proto.AttributeProto;
import io.github.nn4j.onnx.proto.GraphProto;
import io.github.nn4j.onnx.proto.ModelProto;
import io.github.nn4j.onnx.proto.NodeProto;
import io.github.nn4j.onnx.proto.OperatorSetIdProto;
import io.github.nn4j.onnx.proto.TensorProto;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Builds ONNX graphs by hand, in the forms other exporters write (MatMul + Add, Gemm with
 * transB, alpha and beta, Flatten, old-opset Dropout), for import tests: input "x" [batch, n],
 * output "y", float32.
 */
final class HandBuiltGraph {

    private final GraphProto.Builder graph = GraphProto.newBuilder().setName("hand_built");
    private final int opset;

    HandBuiltGraph(int opset, long features) {
        this.opset = opset;
        graph.addInput(GraphWriter.value("x", TensorProto.DataType.FLOAT_VALUE, features));
    }

    HandBuiltGraph constant(String name, INDArray value) {
        graph.addInitializer(TensorWriter.of(name, value, TensorProto.DataType.FLOAT_VALUE));
        return this;
    }

    HandBuiltGraph constant(TensorProto tensor) {
        graph.addInitializer(tensor);
        return this;
    }

    HandBuiltGraph node(String op, List<String> inputs, List<String> outputs, AttributeProto... attributes) {
        graph.addNode(NodeProto.newBuilder().setName(op.toLowerCase() + graph.getNodeCount()).setOpType(op)
                .addAllInput(inputs).addAllOutput(outputs).addAllAttribute(List.of(attributes)));
        return this;
    }

    HandBuiltGraph node(String op, String input, String output, AttributeProto... attributes) {
        return node(op, List.of(input), List.of(output), attributes);
    }

    ModelProto model(long outputs) {
        graph.addOutput(GraphWriter.value("y", TensorProto.DataType.FLOAT_VALUE, outputs));
        return ModelProto.newBuilder().setIrVersion(opset >= 13 ? 7 : 6).setProducerName("hand")
                .setGraph(graph).addOpsetImport(OperatorSetIdProto.newBuilder().setVersion(opset)).build();
    }

    byte[] bytes(long outputs) {
        return model(outputs).toByteArray();
    }
}
