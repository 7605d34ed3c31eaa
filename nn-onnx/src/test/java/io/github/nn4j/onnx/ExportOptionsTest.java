package io.github.nn4j.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nn4j.base.Mode;
import io.github.nn4j.init.Initializer;
import io.github.nn4j.layers.BatchNorm;
import io.github.nn4j.layers.Dense;
import io.github.nn4j.layers.Dropout;
import io.github.nn4j.layers.LayerNorm;
import io.github.nn4j.layers.LogSoftmax;
import io.github.nn4j.layers.ReLU;
import io.github.nn4j.layers.Sign;
import io.github.nn4j.layers.Step;
import io.github.nn4j.model.Sequential;
import io.github.nn4j.onnx.proto.ModelProto;
import io.github.nn4j.onnx.proto.NodeProto;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Export options: every opset from 13 to 21 runs in ONNX Runtime; dropout nodes left out by default. */
class ExportOptionsTest {

    /** Every layer type with an ONNX form; LayerNorm only where the opset has LayerNormalization. */
    private static Sequential model(boolean layerNorm) {
        Sequential model = layerNorm
                ? new Sequential(new Dense(5, 8), new BatchNorm(8), new ReLU(), new Dropout(0.3), new Dense(8, 6),
                        new LayerNorm(6), new Step(), new Dense(6, 4), new Sign(), new Dense(4, 3), new LogSoftmax())
                : new Sequential(new Dense(5, 8), new BatchNorm(8), new ReLU(), new Dropout(0.3), new Dense(8, 6),
                        new Step(), new Dense(6, 4), new Sign(), new Dense(4, 3), new LogSoftmax());
        model.init(Initializer.he(), 3);
        for (int i = 0; i < 3; i++) {   // running statistics away from 0 and 1
            model.forward(TestArrays.gaussian(i, 16, 5, 2.0, DataType.FLOAT), Mode.TRAIN);
        }
        return model;
    }

    private static long count(byte[] bytes, String op) {
        return OnnxFixtures.parse(bytes).getGraph().getNodeList().stream().map(NodeProto::getOpType)
                .filter(op::equals).count();
    }

    @ParameterizedTest(name = "opset {0}")
    @ValueSource(ints = {13, 14, 15, 16, 17, 18, 19, 20, 21})
    void everyOpsetFrom13To21RunsInOnnxRuntimeAndReadsBack(int opset) throws Exception {
        Sequential model = model(opset >= 17);
        for (boolean keep : new boolean[] {false, true}) {
            ExportOptions options = ExportOptions.defaults().opset(opset).keepDropout(keep);
            byte[] bytes = OnnxExport.toBytes(model, null, options);
            ModelProto parsed = OnnxFixtures.parse(bytes);
            assertEquals(opset, parsed.getOpsetImport(0).getVersion());
            assertEquals(options.irVersion(), parsed.getIrVersion());
            assertEquals(keep ? 1 : 0, count(bytes, "Dropout"));
            INDArray x = TestArrays.gaussian(opset, 32, 5, 2.0, DataType.FLOAT);
            try (OnnxRuntime runtime = new OnnxRuntime(bytes)) {
                double difference = TestArrays.maxDifference(model.predict(x), runtime.run(x));
                assertTrue(difference <= 1e-5, "opset " + opset + ": ONNX Runtime differs by " + difference);
            }
            Sequential back = OnnxImport.read(bytes);
            assertEquals(model.layers().size() - (keep ? 0 : 1), back.layers().size(), back.toString());
            assertEquals(0, TestArrays.maxDifference(model.predict(x), back.predict(x)));
        }
    }

    @Test
    void theDefaultIsOpset17WithoutDropoutNodesAndALastDropoutBecomesIdentity() throws Exception {
        assertEquals(new ExportOptions(17, false), ExportOptions.defaults());
        Sequential model = new Sequential(new Dense(3, 2), new Dropout(0.5));
        byte[] bytes = OnnxExport.toBytes(model);
        assertEquals(0, count(bytes, "Dropout"));
        assertEquals(1, count(bytes, "Identity"));
        INDArray x = TestArrays.gaussian(1, 4, 3, 1.0, DataType.FLOAT);
        try (OnnxRuntime runtime = new OnnxRuntime(bytes)) {
            assertEquals(0, TestArrays.maxDifference(model.predict(x), runtime.run(x)));
        }
    }

    @Test
    void layerNormBeforeOpset17AndOpsetsOutsideTheRangeAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> OnnxExport.toBytes(
                new Sequential(new Dense(3, 4), new LayerNorm(4)), null, ExportOptions.defaults().opset(16)));
        assertTrue(e.getMessage().contains("LayerNormalization, which ONNX has from opset 17"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ExportOptions.defaults().opset(12));
        assertThrows(IllegalArgumentException.class, () -> ExportOptions.defaults().opset(22));
    }
}
