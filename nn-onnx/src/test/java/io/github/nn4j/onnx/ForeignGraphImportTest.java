package io.github.nn4j.onnx;

import static io.github.nn4j.onnx.OnnxFixtures.floatAttribute;
import static io.github.nn4j.onnx.OnnxFixtures.intAttribute;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nn4j.model.Sequential;
import io.github.nn4j.onnx.proto.TensorProto;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Graphs in the forms other exporters write import into models that compute what ONNX Runtime
 * computes for the same file.
 */
class ForeignGraphImportTest {

    private static INDArray random(long seed, int rows, int columns) {
        return TestArrays.gaussian(seed, rows, columns, 0.5, DataType.FLOAT);
    }

    /** Imports the graph, checks its layers, and compares it with ONNX Runtime on seeded inputs. */
    private static Sequential assertMatchesRuntime(byte[] bytes, String layers, int features) throws Exception {
        Sequential model = OnnxImport.read(bytes);
        assertEquals(layers, model.toString());
        INDArray x = TestArrays.gaussian(99, 20, features, 1.0, DataType.FLOAT);
        try (OnnxRuntime runtime = new OnnxRuntime(bytes)) {
            double difference = TestArrays.maxDifference(model.predict(x), runtime.run(x));
            assertTrue(difference <= 1e-5, layers + ": differs from ONNX Runtime by " + difference);
        }
        return model;
    }

    @Test
    void matMulAddChainAsTensorflowWritesIt() throws Exception {
        byte[] bytes = new HandBuiltGraph(13, 5)
                .constant("w1", random(1, 5, 4)).constant("b1", random(2, 1, 4).reshape(4))
                .constant("w2", random(3, 4, 2)).constant("b2", random(4, 1, 2))
                .node("MatMul", List.of("x", "w1"), List.of("h1"))
                .node("Add", List.of("b1", "h1"), List.of("z1"))          // bias first: Add commutes
                .node("Tanh", "z1", "a1")
                .node("MatMul", List.of("a1", "w2"), List.of("h2"))
                .node("Add", List.of("h2", "b2"), List.of("y"))
                .bytes(2);
        assertMatchesRuntime(bytes, "Sequential(Dense(5→4), Tanh(), Dense(4→2))", 5);
    }

    @Test
    void gemmWithTransposedWeightsAlphaAndBeta() throws Exception {
        byte[] bytes = new HandBuiltGraph(13, 6)
                .constant("w", random(5, 3, 6)).constant("c", random(6, 1, 3).reshape(3))
                .node("Gemm", List.of("x", "w", "c"), List.of("y"), intAttribute("transB", 1),
                        floatAttribute("alpha", 0.5f), floatAttribute("beta", 2f))
                .bytes(3);
        assertMatchesRuntime(bytes, "Sequential(Dense(6→3))", 6);
    }

    @Test
    void gemmWithoutBiasAndMatMulAloneGetZeroBias() throws Exception {
        byte[] bytes = new HandBuiltGraph(13, 4)
                .constant("w1", random(7, 4, 3)).constant("w2", random(8, 3, 2))
                .node("Gemm", List.of("x", "w1"), List.of("h"))
                .node("MatMul", List.of("h", "w2"), List.of("y"))
                .bytes(2);
        Sequential model = assertMatchesRuntime(bytes, "Sequential(Dense(4→3), Dense(3→2))", 4);
        assertEquals(0.0, model.parameters().get(3).value().amaxNumber().doubleValue());
    }

    @Test
    void flattenSoftmaxAndDefaultAlphasAsPytorchWritesThem() throws Exception {
        byte[] bytes = new HandBuiltGraph(13, 4)
                .constant("w", random(9, 4, 3)).constant("b", random(10, 1, 3).reshape(3))
                .node("Flatten", "x", "f", intAttribute("axis", 1))
                .node("Gemm", List.of("f", "w", "b"), List.of("g"))
                .node("LeakyRelu", "g", "l")
                .node("Elu", "l", "e")
                .node("Softmax", "e", "y", intAttribute("axis", -1))
                .bytes(3);
        Sequential model = assertMatchesRuntime(bytes, "Sequential(Dense(4→3), LeakyReLU(0.01), ELU(1.0), Softmax())",
                4);
        assertEquals(Map.of("slope", 0.01), model.layers().get(1).config());
    }

    @Test
    void oldOpsetSoftmaxDefaultAxisAndDropoutRatioAttribute() throws Exception {
        byte[] bytes = new HandBuiltGraph(11, 4)
                .constant("w", random(11, 4, 3)).constant("b", random(12, 1, 3))
                .node("Gemm", List.of("x", "w", "b"), List.of("g"))
                .node("Dropout", List.of("g"), List.of("d", "mask"), floatAttribute("ratio", 0.2f))
                .node("Softmax", "d", "y")
                .bytes(3);
        Sequential model = assertMatchesRuntime(bytes, "Sequential(Dense(4→3), Dropout(p=0.2), Softmax())", 4);
        assertEquals(Map.of("p", 0.2), model.layers().get(1).config());
    }

    @Test
    void dropoutWithFloatRatioInputAndTrainingModeFalse() throws Exception {
        TensorProto ratio = TensorWriter.scalar("ratio", 0.3, TensorProto.DataType.FLOAT_VALUE);
        TensorProto training = TensorProto.newBuilder().setName("training")
                .setDataType(TensorProto.DataType.BOOL_VALUE).addInt32Data(0).build();
        byte[] bytes = new HandBuiltGraph(13, 3)
                .constant("w", random(13, 3, 3)).constant(ratio).constant(training)
                .node("MatMul", List.of("x", "w"), List.of("m"))
                .node("Dropout", List.of("m", "ratio", "training"), List.of("y"))
                .bytes(3);
        Sequential model = assertMatchesRuntime(bytes, "Sequential(Dense(3→3), Dropout(p=0.3))", 3);
        assertEquals(Map.of("p", 0.3), model.layers().get(1).config());
    }

    @Test
    void aConstantNodeWithoutAValueIsRefusedNamingIt() {
        byte[] bytes = new HandBuiltGraph(13, 3)
                .node("Constant", List.of(), List.of("w"))
                .node("MatMul", List.of("x", "w"), List.of("y"))
                .bytes(3);
        OnnxFixtures.assertRejected(bytes, "0 'constant0'", "Constant",
                "a Constant should have no input, one named output and one attribute holding its value");
    }
}
