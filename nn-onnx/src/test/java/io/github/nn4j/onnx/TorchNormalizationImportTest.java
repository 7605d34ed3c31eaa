package io.github.nn4j.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nn4j.io.Npy;
import io.github.nn4j.model.Sequential;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The models of {@code fixtures/make_torch_norm_fixtures.py}, exported by PyTorch 1.13 as a user
 * would (an image MLP over {@code [N, 1, 28, 28]} with Flatten or with reshape(-1, 784), a BatchNorm
 * MLP trained a few steps, folded and not, a LayerNorm MLP at opset 17, a LogSoftmax head): each
 * imports into an nn4j model that, fed the inputs as rows, gives PyTorch's outputs within 1e-5 and
 * ONNX Runtime's on the same file; exported again by nn4j, ONNX Runtime agrees with nn4j too. The
 * largest differences are printed at the end.
 */
class TorchNormalizationImportTest {

    private static final Path FIXTURES = TorchFixtureImportTest.FIXTURES;
    private static final Map<String, String> DIFFERENCES = new TreeMap<>();

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "torch_image_mlp.onnx       | image_inputs.npy      | image_mlp_outputs.npy        | Sequential(Dense(784→32), ReLU(), Dense(32→10))",
        "torch_image_reshape.onnx   | image_inputs.npy      | image_reshape_outputs.npy    | Sequential(Dense(784→10))",
        "torch_batchnorm_mlp.onnx   | batchnorm_inputs.npy  | batchnorm_outputs.npy        | Sequential(Dense(20→16), BatchNorm(16), ReLU(), Dense(16→4))",
        "torch_batchnorm_folded.onnx| batchnorm_inputs.npy  | batchnorm_folded_outputs.npy | Sequential(Dense(20→16), ReLU(), Dense(16→4))",
        "torch_batchnorm_folded.onnx| batchnorm_inputs.npy  | batchnorm_outputs.npy        | Sequential(Dense(20→16), ReLU(), Dense(16→4))",
        "torch_layernorm_mlp.onnx   | layernorm_inputs.npy  | layernorm_outputs.npy        | Sequential(Dense(12→16), LayerNorm(16), ReLU(), Dense(16→3))",
        "torch_logsoftmax_head.onnx | logsoftmax_inputs.npy | logsoftmax_outputs.npy       | Sequential(Dense(8→16), ReLU(), Dense(16→5), LogSoftmax())"})
    void pytorchExportImportsAndMatchesPytorchOnnxRuntimeAndItsOwnExport(String file, String inputs, String outputs,
            String layers) throws Exception {
        byte[] bytes = Files.readAllBytes(FIXTURES.resolve(file));
        Sequential model = OnnxImport.read(bytes);
        assertEquals(layers, model.toString());
        INDArray x = Npy.read(FIXTURES.resolve(inputs));
        INDArray rows = x.reshape(x.size(0), x.length() / x.size(0));   // [N, 1, 28, 28] → [N, 784], row-major
        INDArray predicted = model.predict(rows);

        double pytorch = TestArrays.maxDifference(predicted, Npy.read(FIXTURES.resolve(outputs)));
        double runtime;
        try (OnnxRuntime session = new OnnxRuntime(bytes)) {
            runtime = TestArrays.maxDifference(predicted, session.run(x));
        }
        double reexported;
        try (OnnxRuntime session = new OnnxRuntime(OnnxExport.toBytes(model))) {
            reexported = TestArrays.maxDifference(predicted, session.run(rows));
        }
        DIFFERENCES.put(file + " vs " + outputs, String.format("PyTorch %.2g, ONNX Runtime %.2g, nn4j's export in "
                + "ONNX Runtime %.2g", pytorch, runtime, reexported));
        assertTrue(pytorch <= 1e-5, file + ": nn4j differs from PyTorch by " + pytorch);
        assertTrue(runtime <= 1e-5, file + ": nn4j differs from ONNX Runtime by " + runtime);
        assertTrue(reexported <= 1e-5, file + ": nn4j's export differs in ONNX Runtime by " + reexported);
    }

    @AfterAll
    static void printDifferences() {
        System.out.println("Largest |difference| of the imported PyTorch models' outputs:");
        DIFFERENCES.forEach((label, text) -> System.out.printf("  %-58s %s%n", label, text));
    }
}
