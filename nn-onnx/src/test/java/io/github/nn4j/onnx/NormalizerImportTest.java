package io.github.nn4j.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nn4j.base.JavaArrays;
import io.github.nn4j.data.MinMaxScaler;
import io.github.nn4j.data.Normalizer;
import io.github.nn4j.data.Standardizer;
import io.github.nn4j.init.Initializer;
import io.github.nn4j.layers.BatchNorm;
import io.github.nn4j.layers.Dense;
import io.github.nn4j.layers.Tanh;
import io.github.nn4j.model.Sequential;
import io.github.nn4j.onnx.proto.ModelProto;
import io.github.nn4j.onnx.proto.StringStringEntryProto;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A graph that starts with a normalizer ({@code Sub}, then {@code Mul} or {@code Div}, by stored rows)
 * is read back as the model and a {@link Normalizer}: nn4j's own export with a normalizer bitwise,
 * a foreign one (Keras' Normalization writes Sub then Div) as a Standardizer that computes the same.
 */
class NormalizerImportTest {

    private static INDArray raw(long seed, int rows, DataType type) {
        INDArray x = TestArrays.gaussian(seed, rows, 4, 30.0, type).addi(100.0);
        x.getColumn(2).assign(7.0);
        return x;
    }

    private static Sequential model(DataType type) {
        Sequential model = new Sequential(new Dense(4, 6), new BatchNorm(6), new Tanh(), new Dense(6, 3));
        return model.init(Initializer.he(), 4, type);
    }

    @Test
    void exportWithANormalizerThenReadAllGivesBitwiseTheSameModelAndNormalizer(@TempDir Path folder) throws Exception {
        for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            INDArray train = raw(1, 200, type);
            for (Normalizer normalizer : new Normalizer[] {MinMaxScaler.fit(train), Standardizer.fit(train)}) {
                Sequential model = model(type);
                Path file = folder.resolve("normalized-" + type + ".onnx");
                OnnxExport.write(file, model, normalizer);
                ImportedModel back = OnnxImport.readAll(file);
                assertEquals(normalizer, back.normalizer().orElseThrow(), type + " " + normalizer);
                RoundTripTest.assertBitwiseEqual(model, back.model());
                INDArray x = raw(2, 30, type);
                assertArrayEquals(JavaArrays.toDoubles(model.predict(normalizer.transform(x))),
                        JavaArrays.toDoubles(back.model().predict(back.normalizer().get().transform(x))), 0);
            }
        }
    }

    @Test
    void readAloneRefusesAGraphThatStartsWithANormalizerPointingToReadAll() throws Exception {
        byte[] bytes = OnnxExport.toBytes(model(DataType.FLOAT), Standardizer.fit(raw(1, 50, DataType.FLOAT)));
        OnnxFormatException e = assertThrows(OnnxFormatException.class, () -> OnnxImport.read(bytes));
        assertTrue(e.getMessage().contains("starts with a normalizer") && e.getMessage().contains("OnnxImport.readAll"),
                e.getMessage());
        assertTrue(OnnxImport.readAll(OnnxExport.toBytes(model(DataType.FLOAT))).normalizer().isEmpty());
    }

    @Test
    void withoutNn4jsMetadataTheNodesGiveAStandardizerThatComputesTheSame() throws Exception {
        Normalizer fitted = MinMaxScaler.fit(raw(3, 100, DataType.FLOAT));
        ModelProto exported = OnnxFixtures.parse(OnnxExport.toBytes(model(DataType.FLOAT), fitted));
        byte[] bytes = exported.toBuilder().clearMetadataProps().build().toByteArray();
        ImportedModel back = OnnxImport.readAll(bytes);
        Normalizer derived = back.normalizer().orElseThrow();
        assertInstanceOf(Standardizer.class, derived);
        INDArray x = raw(4, 40, DataType.FLOAT);
        try (OnnxRuntime runtime = new OnnxRuntime(bytes)) {
            double difference = TestArrays.maxDifference(back.model().predict(derived.transform(x)), runtime.run(x));
            assertTrue(difference <= 1e-5, "differs from ONNX Runtime by " + difference);
        }
        // Metadata that no longer matches the nodes (an edited graph) is not trusted either.
        byte[] edited = exported.toBuilder().setMetadataProps(1, StringStringEntryProto.newBuilder()
                .setKey(NormalizerWriter.KIND + ".min").setValue("1,2,3,4")).build().toByteArray();
        assertInstanceOf(Standardizer.class, OnnxImport.readAll(edited).normalizer().orElseThrow());
    }

    @Test
    void kerasStyleSubThenDivBecomesAStandardizerAndMatchesOnnxRuntime() throws Exception {
        INDArray mean = Nd4j.create(new float[][] {{100, 90, 7, 110}});
        INDArray deviation = Nd4j.create(new float[][] {{30, 25, 1, 3}});
        INDArray weights = TestArrays.gaussian(7, 4, 2, 0.5, DataType.FLOAT);
        byte[] bytes = new HandBuiltGraph(13, 4).constant("mean", mean).constant("std", deviation)
                .constant("W", weights)
                .node("Sub", List.of("x", "mean"), List.of("centred"))
                .node("Div", List.of("centred", "std"), List.of("scaled"))
                .node("MatMul", List.of("scaled", "W"), List.of("y"))
                .bytes(2);
        ImportedModel back = OnnxImport.readAll(bytes);
        Standardizer normalizer = (Standardizer) back.normalizer().orElseThrow();
        assertArrayEquals(new double[] {100, 90, 7, 110}, normalizer.mean(), 0);
        assertArrayEquals(new double[] {30, 25, 1, 3}, normalizer.std(), 0);
        assertEquals("Sequential(Dense(4→2))", back.model().toString());
        INDArray x = raw(8, 20, DataType.FLOAT);
        try (OnnxRuntime runtime = new OnnxRuntime(bytes)) {
            double difference = TestArrays.maxDifference(back.model().predict(normalizer.transform(x)), runtime.run(x));
            assertTrue(difference <= 1e-5, "differs from ONNX Runtime by " + difference);
        }
    }

    @Test
    void arithmeticAfterTheFirstLayerOrByANonPositiveFactorIsRefused() throws Exception {
        INDArray weights = TestArrays.gaussian(7, 4, 4, 0.5, DataType.FLOAT);
        byte[] late = new HandBuiltGraph(13, 4).constant("W", weights).constant("shift", Nd4j.ones(DataType.FLOAT, 1, 4))
                .node("MatMul", List.of("x", "W"), List.of("h"))
                .node("Sub", List.of("h", "shift"), List.of("y"))
                .bytes(4);
        OnnxFixtures.assertRejected(late, "1 'sub1'", "Sub", "nn4j has no layer for operator Sub after the first layer");
        byte[] negative = new HandBuiltGraph(13, 4).constant("W", weights)
                .constant("scale", Nd4j.create(new float[][] {{1, -2, 1, 1}}))
                .node("Mul", List.of("x", "scale"), List.of("scaled"))
                .node("MatMul", List.of("scaled", "W"), List.of("y"))
                .bytes(4);
        OnnxFormatException e = assertThrows(OnnxFormatException.class, () -> OnnxImport.readAll(negative));
        assertTrue(e.reason().contains("scale -2.0 of feature 1 is not positive"), e.getMessage());
    }
}
