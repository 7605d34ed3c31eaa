package io.github.nn4j.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nn4j.base.JavaArrays;
import io.github.nn4j.data.MinMaxScaler;
import io.github.nn4j.data.Normalizer;
import io.github.nn4j.data.Standardizer;
import io.github.nn4j.init.Initializer;
import io.github.nn4j.layers.Dense;
import io.github.nn4j.layers.Identity;
import io.github.nn4j.layers.Tanh;
import io.github.nn4j.model.Sequential;
import io.github.nn4j.persist.ModelFile;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** A normalizer folded into the graph: the ONNX model on raw features equals nn4j on normalized ones. */
class NormalizerExportTest {

    /** Raw features on scales far from 1, with a constant column (scale 1 in both normalizers). */
    private static INDArray raw(long seed, int rows, DataType type) {
        INDArray x = TestArrays.gaussian(seed, rows, 4, 30.0, type).addi(100.0);
        x.getColumn(2).assign(7.0);
        return x;
    }

    @Test
    void foldedMinMaxScalerAndStandardizerMatchTransformThenPredict() throws Exception {
        for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            INDArray train = raw(1, 200, type);
            for (Normalizer normalizer : new Normalizer[] {MinMaxScaler.fit(train), Standardizer.fit(train)}) {
                Sequential model = new Sequential(new Dense(4, 6), new Tanh(), new Dense(6, 3));
                model.init(Initializer.he(), 4, type);
                INDArray x = raw(2, 50, type);
                try (OnnxRuntime runtime = new OnnxRuntime(OnnxExport.toBytes(model, normalizer))) {
                    double difference = TestArrays.maxDifference(model.predict(normalizer.transform(x)), runtime.run(x));
                    assertTrue(difference <= 1e-5, normalizer + " " + type + ": differs by " + difference);
                }
            }
        }
    }

    @Test
    void normalizationNodesAloneAreBitwiseNn4jsTransform() throws Exception {
        INDArray train = raw(5, 100, DataType.FLOAT);
        Normalizer normalizer = Standardizer.fit(train);
        INDArray x = raw(6, 40, DataType.FLOAT);
        try (OnnxRuntime runtime = new OnnxRuntime(OnnxExport.toBytes(new Sequential(new Identity()), normalizer))) {
            assertArrayEquals(JavaArrays.toFloats(normalizer.transform(x)), JavaArrays.toFloats(runtime.run(x)), 0f);
        }
    }

    @Test
    void normalizerSavedWithModelFileExportsFromIt(@TempDir Path folder) throws Exception {
        INDArray train = raw(7, 100, DataType.FLOAT);
        Normalizer normalizer = MinMaxScaler.fit(train);
        Sequential model = new Sequential(new Dense(4, 2));
        Path file = folder.resolve("model.nn4j");
        ModelFile.write(file, model, normalizer);
        Normalizer saved = ModelFile.readAll(file).normalizer().orElseThrow();
        Path onnx = folder.resolve("model.onnx");
        OnnxExport.write(onnx, ModelFile.read(file), saved);
        INDArray x = raw(8, 10, DataType.FLOAT);
        try (OnnxRuntime runtime = new OnnxRuntime(java.nio.file.Files.readAllBytes(onnx))) {
            assertTrue(TestArrays.maxDifference(model.predict(normalizer.transform(x)), runtime.run(x)) <= 1e-5);
        }
    }

    @Test
    void normalizerOfOtherWidthIsRejected() {
        Normalizer normalizer = MinMaxScaler.fit(raw(9, 10, DataType.FLOAT));
        Sequential model = new Sequential(new Dense(5, 2));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> OnnxExport.toBytes(model, normalizer));
        assertTrue(e.getMessage().contains("fitted on 4 features"), e.getMessage());
    }
}
