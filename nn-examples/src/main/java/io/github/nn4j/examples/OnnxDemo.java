package io.github.nn4j.examples;

import io.github.nn4j.base.JavaArrays;
import io.github.nn4j.data.DataSet;
import io.github.nn4j.data.FashionMnist;
import io.github.nn4j.data.Normalizer;
import io.github.nn4j.data.Standardizer;
import io.github.nn4j.eval.Evaluation;
import io.github.nn4j.init.Initializer;
import io.github.nn4j.io.Npy;
import io.github.nn4j.layers.Dense;
import io.github.nn4j.layers.Dropout;
import io.github.nn4j.layers.ReLU;
import io.github.nn4j.losses.Loss;
import io.github.nn4j.model.Sequential;
import io.github.nn4j.onnx.OnnxExport;
import io.github.nn4j.onnx.OnnxImport;
import io.github.nn4j.optim.Adam;
import io.github.nn4j.persist.ModelFile;
import io.github.nn4j.train.Trainer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Both directions of nn4j's ONNX bridge, with their checks printed:
 * <ol>
 * <li>trains a quick Fashion-MNIST model (784-256-128-10, ReLU, dropout; one epoch on
 *     standardized pixels), writes it as {@code fashion_mnist.onnx} with the standardizer folded
 *     in (so it takes raw pixels in [0, 1]), and checks that reading the export back gives bitwise
 *     the same predictions and test accuracy;</li>
 * <li>imports the PyTorch fixture ({@code torch_mlp.onnx}), compares its outputs with PyTorch's
 *     and saves it as an nn4j model file.</li>
 * </ol>
 * Run from the repository root: {@code mvn -q -pl nn-examples -am compile exec:java@onnx-demo}.
 * Arguments: the fixture folder and the output folder (the module's pom passes both).
 */
public final class OnnxDemo {

    private OnnxDemo() {
    }

    /**
     * Runs the demo.
     *
     * @param args the fixture folder (default {@code nn-onnx/src/test/resources/fixtures}) and
     *             the output folder (default {@code nn-examples/target/onnx-demo})
     * @throws IOException   when a file cannot be read or written
     * @throws IllegalStateException when a check fails
     */
    public static void main(String[] args) throws IOException {
        Path fixtures = Path.of(args.length > 0 ? args[0] : "nn-onnx/src/test/resources/fixtures");
        Path output = Path.of(args.length > 1 ? args[1] : "nn-examples/target/onnx-demo");
        Files.createDirectories(output);
        if (FashionMnist.isAvailable(FashionMnist.defaultDirectory())) {
            exportFashionMnist(output);
        } else {
            System.out.println("Fashion-MNIST is not installed, so the export part is skipped: "
                    + FashionMnist.INSTALL_COMMAND);
        }
        importPytorch(fixtures, output);
    }

    private static void exportFashionMnist(Path output) throws IOException {
        FashionMnist data = FashionMnist.load();
        Normalizer normalizer = Standardizer.fit(data.train());
        DataSet train = normalizer.transform(data.train());
        DataSet test = normalizer.transform(data.test());
        Sequential model = new Sequential(new Dense(784, 256), new ReLU(), new Dropout(0.1), new Dense(256, 128),
                new ReLU(), new Dropout(0.1), new Dense(128, 10));
        model.init(Initializer.he(), 42);
        System.out.println("Training " + model + " for one epoch on Fashion-MNIST ...");
        Trainer.builder(model).loss(Loss.softmaxCrossEntropy()).optimizer(new Adam(1e-3)).batchSize(128).epochs(1)
                .seed(42).logEpochs(false).build().fit(train);
        double accuracy = Evaluation.classify(model, test).accuracy();

        Path onnx = output.resolve("fashion_mnist.onnx");
        OnnxExport.write(onnx, model, normalizer);
        System.out.printf(Locale.ROOT, "Exported %s (%,d bytes, opset %d, input '%s' [batch, 784] of raw pixels, "
                + "output '%s' [batch, 10] of logits)%n", onnx, Files.size(onnx), OnnxExport.OPSET,
                OnnxExport.INPUT, OnnxExport.OUTPUT);

        Sequential back = OnnxImport.read(OnnxExport.toBytes(model));
        INDArray expected = model.predict(test.features());
        INDArray actual = back.predict(test.features());
        boolean same = Arrays.equals(JavaArrays.toFloats(expected), JavaArrays.toFloats(actual));
        double backAccuracy = Evaluation.classify(back, test).accuracy();
        check(same && backAccuracy == accuracy, String.format(Locale.ROOT, "nn4j -> ONNX -> nn4j: predictions on the "
                + "10,000 test images bitwise equal: %s; test accuracy %.4f before, %.4f after", same, accuracy,
                backAccuracy));
        System.out.println("  In Python: import onnxruntime as ort; ort.InferenceSession('" + onnx
                + "').run(None, {'input': pixels.astype('float32')})[0].argmax(1)");
    }

    private static void importPytorch(Path fixtures, Path output) throws IOException {
        Path onnx = fixtures.resolve("torch_mlp.onnx");
        Sequential model = OnnxImport.read(onnx);
        System.out.println("Imported " + onnx + ":");
        System.out.print(model.summary());
        INDArray inputs = Npy.read(fixtures.resolve("torch_inputs.npy"));
        INDArray expected = Npy.read(fixtures.resolve("torch_outputs.npy"));
        INDArray actual = model.predict(inputs);
        double largest = actual.castTo(DataType.DOUBLE).sub(expected.castTo(DataType.DOUBLE)).amaxNumber()
                .doubleValue();
        check(largest <= 1e-5, String.format(Locale.ROOT, "PyTorch MLP in nn4j: largest |nn4j - PyTorch| over %d "
                + "inputs is %.3g (float32 tolerance 1e-5)", inputs.rows(), largest));
        Path saved = output.resolve("torch_mlp.nn4j");
        ModelFile.write(saved, model);
        Sequential reloaded = ModelFile.read(saved);
        boolean same = Arrays.equals(JavaArrays.toFloats(actual), JavaArrays.toFloats(reloaded.predict(inputs)));
        check(same, "saved as " + saved + " and read back with the same predictions: " + same);
    }

    private static void check(boolean passed, String text) {
        System.out.println((passed ? "  OK      " : "  FAILED  ") + text);
        if (!passed) {
            throw new IllegalStateException("check failed: " + text);
        }
    }
}
