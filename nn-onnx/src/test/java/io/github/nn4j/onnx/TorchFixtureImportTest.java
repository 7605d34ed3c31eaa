package io.github.nn4j.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nn4j.io.Npy;
import io.github.nn4j.model.Sequential;
import io.github.nn4j.persist.ModelFile;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The PyTorch fixture (fixtures/make_torch_fixture.py: Flatten → Linear(784, 64) → ReLU →
 * Linear(64, 10), exported by torch.onnx with Gemm transB = 1) imports into an nn4j model whose
 * predictions match PyTorch's saved outputs within float32 tolerance.
 */
class TorchFixtureImportTest {

    static final Path FIXTURES = Path.of("src/test/resources/fixtures");

    @Test
    void pytorchMlpImportsAndMatchesPytorchOutputs() throws Exception {
        Sequential model = OnnxImport.read(FIXTURES.resolve("torch_mlp.onnx"));
        assertEquals("Sequential(Dense(784→64), ReLU(), Dense(64→10))", model.toString());
        assertEquals(DataType.FLOAT, model.dataType());
        INDArray inputs = Npy.read(FIXTURES.resolve("torch_inputs.npy"));
        INDArray expected = Npy.read(FIXTURES.resolve("torch_outputs.npy"));
        double difference = TestArrays.maxDifference(model.predict(inputs), expected);
        System.out.printf("PyTorch fixture: largest |nn4j - PyTorch| = %.3g%n", difference);
        assertTrue(difference <= 1e-5, "nn4j differs from PyTorch by " + difference);
    }

    @Test
    void pytorchMlpMatchesOnnxRuntimeToo() throws Exception {
        byte[] bytes = java.nio.file.Files.readAllBytes(FIXTURES.resolve("torch_mlp.onnx"));
        INDArray inputs = Npy.read(FIXTURES.resolve("torch_inputs.npy"));
        try (OnnxRuntime runtime = new OnnxRuntime(bytes)) {
            double difference = TestArrays.maxDifference(OnnxImport.read(bytes).predict(inputs), runtime.run(inputs));
            assertTrue(difference <= 1e-5, "nn4j differs from ONNX Runtime by " + difference);
        }
    }

    @Test
    void importedPytorchModelSavesAsNn4jModelFile(@TempDir Path folder) throws Exception {
        Sequential model = OnnxImport.read(FIXTURES.resolve("torch_mlp.onnx"));
        Path file = folder.resolve("torch.nn4j");
        ModelFile.write(file, model);
        RoundTripTest.assertBitwiseEqual(model, ModelFile.read(file));
        assertEquals(List.of(784L, 64L), List.of(model.parameters().get(0).value().shape()[0],
                model.parameters().get(0).value().shape()[1]));
    }
}
