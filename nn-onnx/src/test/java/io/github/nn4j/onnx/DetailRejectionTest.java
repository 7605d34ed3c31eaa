package io.github.nn4j.onnx;

import static io.github.nn4j.onnx.OnnxFixtures.assertRejected;
import static io.github.nn4j.onnx.OnnxFixtures.floatAttribute;
import static io.github.nn4j.onnx.OnnxFixtures.intAttribute;
import static io.github.nn4j.onnx.OnnxFixtures.mlp;
import static io.github.nn4j.onnx.OnnxFixtures.withNode;

import com.google.protobuf.ByteString;
import io.github.nn4j.onnx.proto.AttributeProto;
import io.github.nn4j.onnx.proto.ModelProto;
import io.github.nn4j.onnx.proto.NodeProto;
import io.github.nn4j.onnx.proto.OperatorSetIdProto;
import io.github.nn4j.onnx.proto.TensorProto;
import io.github.nn4j.onnx.proto.TypeProto;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The finer rejection paths: attributes, arities, tensors, constants and patterns. */
class DetailRejectionTest {

    private static final ModelProto MLP = mlp();

    private static NodeProto node(int index) {
        return MLP.getGraph().getNode(index);
    }

    private static ModelProto withInitializer(TensorProto tensor) {
        ModelProto.Builder model = MLP.toBuilder();
        model.getGraphBuilder().addInitializer(tensor);
        return model.build();
    }

    private static TensorProto scalar(String name, double value) {
        return TensorWriter.scalar(name, value, TensorProto.DataType.FLOAT_VALUE);
    }

    @Test
    void repeatedOrFunctionAttributesAreRefused() {
        assertRejected(withNode(MLP, 0, node(0).toBuilder().addAttribute(intAttribute("transB", 0))
                .addAttribute(intAttribute("transB", 0)).build()), "0 'dense0'", "Gemm", "attribute 'transB' twice");
        assertRejected(withNode(MLP, 0, node(0).toBuilder().addAttribute(AttributeProto.newBuilder().setName("alpha")
                .setRefAttrName("a")).build()), "0 'dense0'", "Gemm", "refers to a function's attribute");
        assertRejected(withNode(MLP, 0, node(0).toBuilder().addAttribute(intAttribute("transB", 2)).build()),
                "0 'dense0'", "Gemm", "transB must be 0 or 1");
        assertRejected(withNode(MLP, 0, node(0).toBuilder().addAttribute(floatAttribute("alpha", Float.NaN)).build()),
                "0 'dense0'", "Gemm", "alpha is NaN");
    }

    @Test
    void wrongNumberOfInputsOrOutputsIsRefused() {
        assertRejected(withNode(MLP, 1, node(1).toBuilder().addInput("dense0.b").build()), "1 'relu0'", "Relu",
                "has 2 input(s); Relu takes 1");
        assertRejected(withNode(MLP, 1, node(1).toBuilder().addOutput("extra").build()), "1 'relu0'", "Relu",
                "has 2 output(s)");
    }

    @Test
    void repeatedOrUnnamedInitializersAndRepeatedOpsetsAreRefused() {
        assertRejected(withInitializer(MLP.getGraph().getInitializer(0)), null, null, "two initializers named");
        assertRejected(withInitializer(scalar("", 1)), null, null, "initializer without a name");
        assertRejected(MLP.toBuilder().addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("ai.onnx")
                .setVersion(13)).build(), null, null, "imports the standard ONNX opset 2 times");
    }

    @Test
    void tooManyNodesAreRefusedBeforeReadingThem() {
        ModelProto.Builder model = MLP.toBuilder();
        for (int i = 0; i < ImportLimits.MAX_NODES; i++) {
            model.getGraphBuilder().addNode(NodeProto.newBuilder().setOpType("Relu"));
        }
        assertRejected(model.build(), null, null, "nn4j reads at most");
    }

    @Test
    void malformedTensorsAreRefused() {
        TensorProto weights = MLP.getGraph().getInitializer(0);
        ModelProto.Builder model = MLP.toBuilder();
        model.getGraphBuilder().setInitializer(0, weights.toBuilder().addFloatData(1f));
        assertRejected(model.build(), "0 'dense0'", "Gemm", "both in raw_data and in a typed field");
        model.getGraphBuilder().setInitializer(0, weights.toBuilder().clearRawData().addAllDoubleData(
                List.of(1d, 2d, 3d, 4d, 5d, 6d, 7d, 8d, 9d, 10d, 11d, 12d)));
        assertRejected(model.build(), "0 'dense0'", "Gemm", "holds 0 value(s)");
        model.getGraphBuilder().setInitializer(0, weights.toBuilder().clearDims()
                .addAllDims(List.of(1L, 1L, 1L, 1L, 1L, 1L, 1L, 1L, 4L, 3L)));
        assertRejected(model.build(), "0 'dense0'", "Gemm", "has 10 dimensions");
        model.getGraphBuilder().setInitializer(0, weights.toBuilder().clearDims().addDims(12));
        assertRejected(model.build(), "0 'dense0'", "Gemm", "a dense layer needs a non-empty matrix");
    }

    @Test
    void dropoutRatioAndTrainingModeMustBeProperConstants() {
        ModelProto.Builder model = MLP.toBuilder();
        model.getGraphBuilder().addInitializer(scalar("one", 1.0))
                .addInitializer(TensorWriter.row("pair", new double[] {0.1, 0.2}, TensorProto.DataType.FLOAT_VALUE))
                .addInitializer(TensorProto.newBuilder().setName("mode").setDataType(TensorProto.DataType.BOOL_VALUE)
                        .setRawData(ByteString.copyFrom(new byte[2])));
        NodeProto dropout = node(1).toBuilder().setOpType("Dropout").build();
        model.getGraphBuilder().setNode(1, dropout.toBuilder().addInput("one"));
        assertRejected(model.build(), "1 'relu0'", "Dropout", "ratio 1.0 is not a dropout probability");
        model.getGraphBuilder().setNode(1, dropout.toBuilder().addInput("pair"));
        assertRejected(model.build(), "1 'relu0'", "Dropout", "should hold one number");
        model.getGraphBuilder().setNode(1, dropout.toBuilder().addInput("").addInput("mode"));
        assertRejected(model.build(), "1 'relu0'", "Dropout", "declares one boolean but does not hold exactly one");
        model.getGraphBuilder().setNode(1, dropout.toBuilder().addInput("").addInput("dense0.W"));
        assertRejected(model.build(), "1 'relu0'", "Dropout", "should be one boolean");
    }

    @Test
    void eluAlphaOutsideNn4jsRangeIsRefused() {
        assertRejected(withNode(MLP, 1, node(1).toBuilder().setOpType("Elu").addAttribute(floatAttribute("alpha", -1f))
                .build()), "1 'relu0'", "Elu", "alpha -1.0 is outside");
    }

    @Test
    void matMulOddFormsAreRefused() {
        ModelProto.Builder model = MLP.toBuilder();
        model.getGraphBuilder().setNode(0, NodeProto.newBuilder().setName("mm").setOpType("MatMul").addInput("input")
                .addInput("dense0.W").addOutput("product"));
        model.getGraphBuilder().setNode(1, NodeProto.newBuilder().setName("add").setOpType("Add").addInput("product")
                .addInput("product").addOutput("relu0"));
        assertRejected(model.build(), "1 'add'", "Add", "adds the MatMul result to itself");
        model.getGraphBuilder().setNode(1, NodeProto.newBuilder().setName("add").setOpType("Add").addInput("product")
                .addInput("dense0.b").addOutput("relu0"));
        model.getGraphBuilder().addNode(NodeProto.newBuilder().setOpType("Relu").addInput("product").addOutput("z"));
        assertRejected(model.build(), "0 'mm'", "MatMul", "'product' is read 2 times");
    }

    @Test
    void stepAndSignPatternsMustBeExact() {
        ModelProto.Builder model = MLP.toBuilder();
        model.getGraphBuilder().addInitializer(scalar("zero", 0)).addInitializer(scalar("half", 0.5))
                .addInitializer(scalar("one", 1)).addInitializer(scalar("two", 2));
        NodeProto compare = NodeProto.newBuilder().setName("ge").setOpType("GreaterOrEqual").addInput("dense0")
                .addInput("zero").addOutput("mask").build();
        model.getGraphBuilder().setNode(1, compare.toBuilder().setInput(1, "half"));
        model.getGraphBuilder().addNode(2, NodeProto.newBuilder().setName("cast").setOpType("Cast").addInput("mask")
                .addOutput("relu0").addAttribute(intAttribute("to", TensorProto.DataType.DOUBLE_VALUE)));
        assertRejected(model.build(), "1 'ge'", "GreaterOrEqual", "not with 0");
        model.getGraphBuilder().setNode(1, compare);
        assertRejected(model.build(), "2 'cast'", "Cast", "casts to double, not to the model's float");
        model.getGraphBuilder().setNode(2, NodeProto.newBuilder().setName("where").setOpType("Where").addInput("mask")
                .addInput("two").addInput("one").addOutput("relu0"));
        assertRejected(model.build(), "2 'where'", "Where", "chooses 2.0 and 1.0");
        assertRejected(model.build().toBuilder().setOpsetImport(0, OperatorSetIdProto.newBuilder().setVersion(11))
                .build(), "1 'ge'", "GreaterOrEqual", "does not exist before opset 12");
    }

    @Test
    void inputWithoutTensorTypeOrWithZeroFeaturesIsRefused() {
        ModelProto.Builder untyped = MLP.toBuilder();
        untyped.getGraphBuilder().getInputBuilder(0).setType(TypeProto.getDefaultInstance());
        assertRejected(untyped.build(), null, null, "is not a tensor");
        ModelProto.Builder empty = MLP.toBuilder();
        empty.getGraphBuilder().getInputBuilder(0).getTypeBuilder().getTensorTypeBuilder().getShapeBuilder()
                .getDimBuilder(1).setDimValue(0);
        assertRejected(empty.build(), null, null, "declares 0 features");
    }

    @Test
    void outputThatIsNotTheEndOfTheChainIsRefused() {
        ModelProto.Builder model = MLP.toBuilder();
        model.getGraphBuilder().getOutputBuilder(0).setName("nowhere");
        assertRejected(model.build(), "2 'dense1'", "Gemm", "is not the graph's output 'nowhere'");
    }
}
