package io.github.nn4j.onnx;

import static io.github.nn4j.onnx.OnnxFixtures.assertRejected;
import static io.github.nn4j.onnx.OnnxFixtures.floatAttribute;
import static io.github.nn4j.onnx.OnnxFixtures.intAttribute;
import static io.github.nn4j.onnx.OnnxFixtures.mlp;
import static io.github.nn4j.onnx.OnnxFixtures.withNode;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.nn4j.onnx.proto.ModelProto;
import io.github.nn4j.onnx.proto.NodeProto;
import io.github.nn4j.onnx.proto.TensorProto;
import org.junit.jupiter.api.Test;

/** Valid ONNX that nn4j cannot hold is refused with the node, its operator and the reason. */
class ImportRejectionTest {

    private static final ModelProto MLP = mlp();

    private static NodeProto node(int index) {
        return MLP.getGraph().getNode(index);
    }

    private static NodeProto relu(String op) {
        return node(1).toBuilder().setOpType(op).build();
    }

    @Test
    void unknownOperatorIsRefusedNamingNodeAndOperator() {
        OnnxFormatException e = assertRejected(withNode(MLP, 1, relu("Conv")), "1 'relu0'", "Conv",
                "nn4j has no layer for operator Conv");
        assertEquals(true, e.getMessage().contains("Gemm, MatMul"), e.getMessage());
    }

    @Test
    void operatorFromAnotherDomainIsRefused() {
        assertRejected(withNode(MLP, 1, node(1).toBuilder().setDomain("com.microsoft").build()), "1 'relu0'", "Relu",
                "domain 'com.microsoft'");
    }

    @Test
    void branchIsRefused() {
        ModelProto.Builder model = MLP.toBuilder();
        model.getGraphBuilder().addNode(NodeProto.newBuilder().setName("side").setOpType("Relu").addInput("relu0")
                .addOutput("side"));
        assertRejected(model.build(), "1 'relu0'", "Relu", "read 2 time(s)");
    }

    @Test
    void nodeOffTheChainIsRefused() {
        ModelProto.Builder model = MLP.toBuilder();
        model.getGraphBuilder().setNode(2, node(2).toBuilder().setInput(0, "dense0"));
        assertRejected(model.build(), "0 'dense0'", "Gemm", "read 2 time(s)");
    }

    @Test
    void inputReadTwiceIsRefused() {
        assertRejected(withNode(MLP, 2, node(2).toBuilder().setInput(1, "input").build()), null, null,
                "input 'input' is read 2 times");
    }

    @Test
    void nodesOutOfOrderAreRefused() {
        ModelProto.Builder model = MLP.toBuilder();
        model.getGraphBuilder().setNode(0, node(1)).setNode(1, node(0));
        assertRejected(model.build(), "0 'relu0'", "Relu", "does not read 'input'");
    }

    @Test
    void secondInputOrOutputIsRefused() {
        ModelProto.Builder twoInputs = MLP.toBuilder();
        twoInputs.getGraphBuilder().addInput(MLP.getGraph().getInput(0).toBuilder().setName("other"));
        assertRejected(twoInputs.build(), null, null, "takes 2 inputs");
        ModelProto.Builder twoOutputs = MLP.toBuilder();
        twoOutputs.getGraphBuilder().addOutput(MLP.getGraph().getOutput(0).toBuilder().setName("relu0"));
        assertRejected(twoOutputs.build(), null, null, "has 2 outputs");
    }

    @Test
    void valueDefinedTwiceIsRefused() {
        assertRejected(withNode(MLP, 1, node(1).toBuilder().setOutput(0, "dense0").build()), "1 'relu0'", "Relu",
                "defined twice");
    }

    @Test
    void gemmWithTransAIsRefused() {
        assertRejected(withNode(MLP, 0, node(0).toBuilder().addAttribute(intAttribute("transA", 1)).build()),
                "0 'dense0'", "Gemm", "transA = 1");
    }

    @Test
    void gemmWithTransBOfWrongShapeIsRefused() {
        // dense0.W is [4, 3]; read transposed it expects 3 input features, but the input has 4.
        assertRejected(withNode(MLP, 0, node(0).toBuilder().addAttribute(intAttribute("transB", 1)).build()),
                "0 'dense0'", "Gemm", "B expects 3 input features, but the value it reads has 4");
    }

    @Test
    void unknownOrMistypedAttributeIsRefused() {
        assertRejected(withNode(MLP, 0, node(0).toBuilder().addAttribute(intAttribute("broadcast", 1)).build()),
                "0 'dense0'", "Gemm", "attribute 'broadcast'");
        assertRejected(withNode(MLP, 0, node(0).toBuilder().addAttribute(intAttribute("alpha", 2)).build()),
                "0 'dense0'", "Gemm", "attribute 'alpha' should be of type FLOAT");
        assertRejected(withNode(MLP, 1, node(1).toBuilder().addAttribute(intAttribute("axis", 1)).build()),
                "1 'relu0'", "Relu", "it reads none");
    }

    @Test
    void gemmWeightThatIsNotStoredIsRefused() {
        assertRejected(withNode(MLP, 2, node(2).toBuilder().setInput(1, "mystery").build()), "2 'dense1'", "Gemm",
                "weight B 'mystery' is not a constant stored in the file");
    }

    @Test
    void biasThatDependsOnTheBatchIsRefused() {
        ModelProto.Builder model = MLP.toBuilder();
        TensorProto bias = OnnxFixtures.tensor("dense0.b", new long[] {2, 3}, 24);
        model.getGraphBuilder().setInitializer(1, bias);
        assertRejected(model.build(), "0 'dense0'", "Gemm", "bias C has shape [2, 3]");
    }

    @Test
    void weightOfAnotherTypeThanTheInputIsRefused() {
        ModelProto.Builder model = MLP.toBuilder();
        model.getGraphBuilder().setInitializer(0, MLP.getGraph().getInitializer(0).toBuilder()
                .setDataType(TensorProto.DataType.DOUBLE_VALUE).clearDims().addDims(2).addDims(3));
        assertRejected(model.build(), "0 'dense0'", "Gemm", "is double but the model's input is float");
        model.getGraphBuilder().setInitializer(0, MLP.getGraph().getInitializer(0).toBuilder()
                .setDataType(TensorProto.DataType.FLOAT16_VALUE));
        assertRejected(model.build(), "0 'dense0'", "Gemm", "holds float16 values");
    }

    @Test
    void softmaxOverTheBatchAxisIsRefused() {
        assertRejected(withNode(MLP, 1, relu("Softmax").toBuilder().addAttribute(intAttribute("axis", 0)).build()),
                "1 'relu0'", "Softmax", "axis 0 is not the feature axis");
    }

    @Test
    void flattenThatMixesTheBatchIsRefused() {
        assertRejected(withNode(MLP, 1, relu("Flatten").toBuilder().addAttribute(intAttribute("axis", 0)).build()),
                "1 'relu0'", "Flatten", "axis 0 would mix the batch");
    }

    @Test
    void leakyReluSlopeOutsideNn4jsRangeIsRefused() {
        assertRejected(withNode(MLP, 1, relu("LeakyRelu").toBuilder().addAttribute(floatAttribute("alpha", 1.5f))
                .build()), "1 'relu0'", "LeakyRelu", "alpha 1.5 is outside");
    }

    @Test
    void dropoutInTrainingModeIsRefused() {
        ModelProto.Builder model = MLP.toBuilder();
        model.getGraphBuilder().addInitializer(TensorProto.newBuilder().setName("train")
                .setDataType(TensorProto.DataType.BOOL_VALUE).setRawData(com.google.protobuf.ByteString.copyFrom(
                        new byte[] {1})));
        model.getGraphBuilder().setNode(1, relu("Dropout").toBuilder().addInput("").addInput("train"));
        assertRejected(model.build(), "1 'relu0'", "Dropout", "training_mode is true");
    }

    @Test
    void dropoutWhoseMaskIsReadIsRefused() {
        ModelProto.Builder model = MLP.toBuilder();
        model.getGraphBuilder().setNode(1, relu("Dropout").toBuilder().addOutput("mask"));
        model.getGraphBuilder().addOutput(MLP.getGraph().getOutput(0).toBuilder().setName("mask"));
        assertRejected(model.build(), null, null, "has 2 outputs");
        model.getGraphBuilder().removeOutput(1).addNode(NodeProto.newBuilder().setOpType("Identity").addInput("mask")
                .addOutput("used"));
        assertRejected(model.build(), "1 'relu0'", "Dropout", "mask output 'mask' is read");
    }

    @Test
    void matMulFollowedByAddOfComputedValueIsRefused() {
        ModelProto.Builder model = MLP.toBuilder();
        model.getGraphBuilder().setNode(0, NodeProto.newBuilder().setName("mm").setOpType("MatMul").addInput("input")
                .addInput("dense0.W").addOutput("product"));
        model.getGraphBuilder().setNode(1, NodeProto.newBuilder().setName("add").setOpType("Add").addInput("product")
                .addInput("mystery").addOutput("relu0"));
        assertRejected(model.build(), "1 'add'", "Add", "bias 'mystery' is not a constant");
    }

    @Test
    void greaterOrEqualOutsideStepOrSignIsRefused() {
        ModelProto.Builder model = MLP.toBuilder();
        model.getGraphBuilder().addInitializer(OnnxFixtures.tensor("zero", new long[] {}, 4));
        model.getGraphBuilder().setNode(1, relu("GreaterOrEqual").toBuilder().addInput("zero").setOutput(0, "mask"));
        model.getGraphBuilder().addNode(2, NodeProto.newBuilder().setName("not").setOpType("Not").addInput("mask")
                .addOutput("relu0"));
        assertRejected(model.build(), "2 'not'", "Not", "follows GreaterOrEqual with Not");
    }

    @Test
    void inputOfAnotherRankOrTypeIsRefused() {
        ModelProto.Builder image = MLP.toBuilder();
        image.getGraphBuilder().getInputBuilder(0).getTypeBuilder().getTensorTypeBuilder().getShapeBuilder()
                .addDimBuilder().setDimValue(28);
        assertRejected(image.build(), null, null, "has 3 dimensions [batch, 4, 28]");
        ModelProto.Builder integers = MLP.toBuilder();
        integers.getGraphBuilder().getInputBuilder(0).getTypeBuilder().getTensorTypeBuilder()
                .setElemType(TensorProto.DataType.INT64_VALUE);
        assertRejected(integers.build(), null, null, "a tensor of int64");
    }

    @Test
    void opsetAndIrVersionOutsideTheReadRangeAreRefused() {
        assertRejected(MLP.toBuilder().setOpsetImport(0, MLP.getOpsetImport(0).toBuilder().setVersion(6)).build(),
                null, null, "opset 6");
        assertRejected(MLP.toBuilder().setOpsetImport(0, MLP.getOpsetImport(0).toBuilder().setVersion(99)).build(),
                null, null, "opset 99");
        assertRejected(MLP.toBuilder().clearOpsetImport().build(), null, null, "imports no standard ONNX opset");
        assertRejected(MLP.toBuilder().setIrVersion(0).build(), null, null, "declares no IR version");
        assertRejected(MLP.toBuilder().clearGraph().build(), null, null, "has no graph");
    }
}
