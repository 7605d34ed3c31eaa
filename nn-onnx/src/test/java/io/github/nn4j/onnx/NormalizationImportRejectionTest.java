package io.github.nn4j.onnx;

import static io.github.nn4j.onnx.OnnxFixtures.intAttribute;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.nn4j.base.JavaArrays;
import io.github.nn4j.init.Initializer;
import io.github.nn4j.layers.BatchNorm;
import io.github.nn4j.layers.Dense;
import io.github.nn4j.layers.LayerNorm;
import io.github.nn4j.model.Sequential;
import io.github.nn4j.onnx.proto.AttributeProto;
import io.github.nn4j.onnx.proto.ModelProto;
import io.github.nn4j.onnx.proto.NodeProto;
import io.github.nn4j.onnx.proto.TensorProto;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The new operators' forms nn4j cannot hold are refused naming the node, and Constant nodes and
 * Reshape of image batches are read in the forms exporters write.
 */
class NormalizationImportRejectionTest {

    private static final ModelProto NORMS = OnnxFixtures.parse(OnnxExport.toBytes(new Sequential(new Dense(4, 3),
            new BatchNorm(3), new Dense(3, 3), new LayerNorm(3)).init(Initializer.he(), 1)));

    private static ModelProto withAttribute(int node, AttributeProto attribute) {
        NodeProto.Builder changed = NORMS.getGraph().getNode(node).toBuilder().addAttribute(attribute);
        return OnnxFixtures.withNode(NORMS, node, changed.build());
    }

    @Test
    void batchNormalizationInTrainingModeOrWithANegativeVarianceIsRefused() {
        OnnxFixtures.assertRejected(withAttribute(1, intAttribute("training_mode", 1)), "1 'batch_norm0'",
                "BatchNormalization", "training_mode is set");
        ModelProto.Builder negative = NORMS.toBuilder();
        int variance = NORMS.getGraph().getInitializerList().stream().map(TensorProto::getName).toList()
                .indexOf("batch_norm0.running_var");
        negative.getGraphBuilder().setInitializer(variance, TensorWriter.of("batch_norm0.running_var",
                Nd4j.create(new float[] {1, -1, 1}), TensorProto.DataType.FLOAT_VALUE));
        OnnxFixtures.assertRejected(negative.build(), "1 'batch_norm0'", "BatchNormalization",
                "its variance holds a negative value");
    }

    @Test
    void layerNormalizationOverAnotherAxisOrWithItsStatisticsReadIsRefused() {
        ModelProto axis = OnnxFixtures.withNode(NORMS, 3, NORMS.getGraph().getNode(3).toBuilder().setAttribute(0,
                intAttribute("axis", 0)).build());
        OnnxFixtures.assertRejected(axis, "3 'layer_norm0'", "LayerNormalization", "axis 0 is not the feature axis");
        ModelProto.Builder read = NORMS.toBuilder();
        read.getGraphBuilder().setNode(3, NORMS.getGraph().getNode(3).toBuilder().addOutput("mean"));
        read.getGraphBuilder().addNode(NodeProto.newBuilder().setOpType("Relu").addInput("mean").addOutput("side"));
        OnnxFixtures.assertRejected(read.build(), "3 'layer_norm0'", "LayerNormalization",
                "its output 'mean' (mean or inverse deviation) is read");
    }

    @Test
    void constantNodesServeAsWeightsBiasesAndShapes() throws Exception {
        INDArray weights = TestArrays.gaussian(3, 12, 2, 0.5, DataType.FLOAT);
        AttributeProto weightValue = AttributeProto.newBuilder().setName("value")
                .setType(AttributeProto.AttributeType.TENSOR)
                .setT(TensorWriter.of("ignored", weights, TensorProto.DataType.FLOAT_VALUE)).build();
        AttributeProto bias = AttributeProto.newBuilder().setName("value_floats")
                .setType(AttributeProto.AttributeType.FLOATS).addFloats(0.5f).addFloats(-1f).build();
        AttributeProto shape = AttributeProto.newBuilder().setName("value_ints")
                .setType(AttributeProto.AttributeType.INTS).addInts(-1).addInts(12).build();
        ModelProto.Builder model = new HandBuiltGraph(13, 12)
                .node("Constant", List.of(), List.of("shape"), shape)
                .node("Reshape", List.of("x", "shape"), List.of("rows"))
                .node("Constant", List.of(), List.of("W"), weightValue)
                .node("MatMul", List.of("rows", "W"), List.of("product"))
                .node("Constant", List.of(), List.of("b"), bias)
                .node("Add", List.of("product", "b"), List.of("y"))
                .model(2).toBuilder();
        // A [batch, 3, 4] input, as an image batch would be.
        model.getGraphBuilder().getInputBuilder(0).getTypeBuilder().getTensorTypeBuilder().getShapeBuilder()
                .getDimBuilder(1).setDimValue(3);
        model.getGraphBuilder().getInputBuilder(0).getTypeBuilder().getTensorTypeBuilder().getShapeBuilder()
                .addDimBuilder().setDimValue(4);
        Sequential imported = OnnxImport.read(model.build().toByteArray());
        assertEquals("Sequential(Dense(12→2))", imported.toString());
        INDArray x = TestArrays.gaussian(4, 5, 12, 1.0, DataType.FLOAT);
        try (OnnxRuntime runtime = new OnnxRuntime(model.build().toByteArray())) {
            assertEquals(0, TestArrays.maxDifference(imported.predict(x), runtime.run(x.reshape(5, 3, 4))), 1e-6);
        }
        assertEquals(List.of(0.5, -1.0), List.of(JavaArrays.toDoubles(imported.parameters().get(1).value())[0],
                JavaArrays.toDoubles(imported.parameters().get(1).value())[1]));
    }

    @Test
    void reshapesThatFixTheBatchOrMixFeaturesAndImagesNotFlattenedFirstAreRefused() {
        for (long[] shape : new long[][] {{8, 12}, {-1, 6}, {-1, 3, 4}}) {
            TensorProto target = TensorProto.newBuilder().setName("shape").setDataType(TensorProto.DataType.INT64_VALUE)
                    .addDims(shape.length).addAllInt64Data(java.util.Arrays.stream(shape).boxed().toList()).build();
            byte[] bytes = new HandBuiltGraph(13, 12).constant(target)
                    .node("Reshape", List.of("x", "shape"), List.of("y")).bytes(12);
            OnnxFixtures.assertRejected(bytes, "0 'reshape0'", "Reshape", "reshapes to");
        }
        byte[] flattenAxis2 = new HandBuiltGraph(13, 12).node("Flatten", "x", "y", intAttribute("axis", 2)).bytes(12);
        OnnxFixtures.assertRejected(flattenAxis2, "0 'flatten0'", "Flatten", "axis 2 would mix the batch");
    }
}
