package io.github.nn4j.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.github.nn4j.init.Initializer;
import io.github.nn4j.layers.BatchNorm;
import io.github.nn4j.layers.Dense;
import io.github.nn4j.layers.LayerNorm;
import io.github.nn4j.layers.LogSoftmax;
import io.github.nn4j.layers.ReLU;
import io.github.nn4j.model.Sequential;
import io.github.nn4j.onnx.proto.ModelProto;
import io.github.nn4j.onnx.proto.OperatorSetIdProto;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Files are read operator by operator: a newer opset or IR version than nn4j was written against is
 * fine when nn4j knows every operator used at that version (ONNX's tables up to opset 25, IR 13); the
 * proto2 reading keeps strings that are not valid UTF-8.
 */
class OperatorVersionsTest {

    private static final Sequential MODEL = new Sequential(new Dense(4, 6), new BatchNorm(6), new ReLU(),
            new Dense(6, 5), new LayerNorm(5), new Dense(5, 3), new LogSoftmax()).init(Initializer.he(), 2);

    private static ModelProto declaring(ModelProto model, long opset, long ir) {
        return model.toBuilder().setIrVersion(ir)
                .setOpsetImport(0, OperatorSetIdProto.newBuilder().setDomain("").setVersion(opset)).build();
    }

    @Test
    void opsets24And25WithIrVersions12And13AreReadWhenEveryOperatorIsKnown() throws Exception {
        ModelProto exported = OnnxFixtures.parse(OnnxExport.toBytes(MODEL));
        INDArray x = TestArrays.gaussian(3, 8, 4, 1.0, DataType.FLOAT);
        for (long opset : new long[] {17, 23, 24, 25}) {
            for (long ir : new long[] {8, 12, 13}) {
                Sequential back = OnnxImport.read(declaring(exported, opset, ir).toByteArray());
                assertEquals(0, TestArrays.maxDifference(MODEL.predict(x), back.predict(x)), opset + "/" + ir);
            }
        }
        // The PyTorch image MLP (Flatten, Gemm, Relu; opset 13) read as if written for opset 25.
        ModelProto image = OnnxFixtures.parse(Files.readAllBytes(TorchFixtureImportTest.FIXTURES
                .resolve("torch_image_mlp.onnx")));
        assertEquals("Sequential(Dense(784→32), ReLU(), Dense(32→10))",
                OnnxImport.read(declaring(image, 25, 13).toByteArray()).toString());
    }

    @Test
    void anOpsetOrIrVersionBeyondWhatNn4jKnowsAndAnOperatorTooNewForItsOpsetAreRefused() {
        ModelProto exported = OnnxFixtures.parse(OnnxExport.toBytes(MODEL));
        OnnxFixtures.assertRejected(declaring(exported, 26, 8), null, null,
                "uses ONNX opset 26; nn4j reads opsets 7 to 25, the newest whose operator changes it knows");
        OnnxFixtures.assertRejected(declaring(exported, 17, 14), null, null, "declares ONNX IR version 14");
        OnnxFixtures.assertRejected(declaring(exported, 16, 8), "4 'layer_norm0'", "LayerNormalization",
                "LayerNormalization does not exist before opset 17; this model uses opset 16");
    }

    @Test
    void namesAndDocStringsThatAreNotValidUtf8StillParseAsOnnxItselfAllows() throws Exception {
        ModelProto.Builder model = OnnxFixtures.parse(OnnxExport.toBytes(MODEL)).toBuilder();
        ByteString latin1 = ByteString.copyFrom(new byte[] {'d', (byte) 0xE9, 'n', 's', 'e'});   // "dénse" in Latin-1
        model.getGraphBuilder().getNodeBuilder(0).setNameBytes(latin1).setDocStringBytes(latin1);
        model.setProducerNameBytes(ByteString.copyFrom(new byte[] {(byte) 0xFF, (byte) 0xFE}));
        INDArray x = TestArrays.gaussian(4, 8, 4, 1.0, DataType.FLOAT);
        assertEquals(0, TestArrays.maxDifference(MODEL.predict(x), OnnxImport.read(model.build().toByteArray())
                .predict(x)));
        model.getGraphBuilder().getNodeBuilder(0).setOpType("Conv");
        OnnxFormatException e = OnnxFixtures.assertRejected(model.build(), "0 'd\uFFFDnse'", "Conv",
                "nn4j has no layer for operator Conv");
        assertTrue(e.getMessage().contains("Conv"), e.getMessage());
    }
}
