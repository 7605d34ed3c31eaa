package io.github.nn4j.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nn4j.base.JavaArrays;
import io.github.nn4j.data.DataSet;
import io.github.nn4j.data.FashionMnist;
import io.github.nn4j.data.Normalizer;
import io.github.nn4j.data.Standardizer;
import io.github.nn4j.init.Initializer;
import io.github.nn4j.layers.Dense;
import io.github.nn4j.layers.Dropout;
import io.github.nn4j.layers.ReLU;
import io.github.nn4j.losses.Loss;
import io.github.nn4j.model.Sequential;
import io.github.nn4j.optim.Adam;
import io.github.nn4j.train.Trainer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A Fashion-MNIST model, 784-256-128-10 with ReLU and dropout, trained briefly on the real data
 * (one epoch on 10,000 standardized images), exported and run in ONNX Runtime on the 10,000 test
 * images: the same predicted class for every image, so the same test accuracy, with and without
 * the standardizer folded into the graph. Skipped when the data is not installed
 * ({@code apt-get install dataset-fashion-mnist}), except on CI ({@code CI=true}), where it fails.
 */
class FashionMnistOnnxTest {

    private static DataSet test;
    private static Normalizer normalizer;
    private static Sequential model;

    @BeforeAll
    static void trainBriefly() throws Exception {
        if (!FashionMnist.isAvailable(FashionMnist.defaultDirectory())) {
            String message = "Fashion-MNIST is not installed: " + FashionMnist.INSTALL_COMMAND;
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                org.junit.jupiter.api.Assertions.fail(message + " (CI=true, so this test must run)");
            }
            Assumptions.assumeTrue(false, message);
        }
        FashionMnist data = FashionMnist.load();
        DataSet train = data.train().first(10_000);
        normalizer = Standardizer.fit(train);
        test = data.test();
        model = new Sequential(new Dense(784, 256), new ReLU(), new Dropout(0.1), new Dense(256, 128), new ReLU(),
                new Dropout(0.1), new Dense(128, 10));
        model.init(Initializer.he(), 42);
        Trainer.builder(model).loss(Loss.softmaxCrossEntropy()).optimizer(new Adam(1e-3)).batchSize(128).epochs(1)
                .seed(42).logEpochs(false).progressBar(false).build().fit(normalizer.transform(train));
    }

    @Test
    void exportedModelGivesTheSameTestAccuracyInOnnxRuntime() throws Exception {
        INDArray features = normalizer.transform(test.features());
        try (OnnxRuntime runtime = new OnnxRuntime(OnnxExport.toBytes(model))) {
            compare("Fashion-MNIST", model.predict(features), runtime.run(features));
        }
    }

    @Test
    void exportWithFoldedStandardizerTakesRawPixels() throws Exception {
        try (OnnxRuntime runtime = new OnnxRuntime(OnnxExport.toBytes(model, normalizer))) {
            compare("Fashion-MNIST, standardizer in the graph", model.predict(normalizer.transform(test.features())),
                    runtime.run(test.features()));
        }
    }

    private static void compare(String what, INDArray nn4j, INDArray onnx) {
        int[] labels = test.classIndices();
        int[] nn4jClasses = classes(nn4j);
        int[] onnxClasses = classes(onnx);
        int disagreements = 0;
        int nn4jCorrect = 0;
        int onnxCorrect = 0;
        for (int i = 0; i < labels.length; i++) {
            disagreements += nn4jClasses[i] != onnxClasses[i] ? 1 : 0;
            nn4jCorrect += nn4jClasses[i] == labels[i] ? 1 : 0;
            onnxCorrect += onnxClasses[i] == labels[i] ? 1 : 0;
        }
        double difference = TestArrays.maxDifference(nn4j, onnx);
        double scale = nn4j.amaxNumber().doubleValue();
        System.out.printf("%s: test accuracy nn4j %.4f, ONNX Runtime %.4f, %d of %d predictions differ, "
                + "largest |difference| %.3g (logits up to %.1f)%n", what, nn4jCorrect / (double) labels.length,
                onnxCorrect / (double) labels.length, disagreements, labels.length, difference, scale);
        assertEquals(0, disagreements, what + ": predicted classes that differ");
        assertEquals(nn4jCorrect, onnxCorrect);
        assertTrue(difference <= 1e-5 * Math.max(1, scale), what + ": logits differ by " + difference);
    }

    private static int[] classes(INDArray scores) {
        float[] values = JavaArrays.toFloats(scores);
        int columns = (int) scores.columns();
        int[] classes = new int[(int) scores.rows()];
        for (int i = 0; i < classes.length; i++) {
            classes[i] = JavaArrays.argmax(values, i * columns, columns);
        }
        return classes;
    }
}
