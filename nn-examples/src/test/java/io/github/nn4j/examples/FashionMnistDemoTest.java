package io.github.nn4j.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nn4j.data.FashionMnist;
import io.github.nn4j.examples.plot.Plots;
import io.github.nn4j.layers.Dropout;
import io.github.nn4j.model.Sequential;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cheap parts of {@link FashionMnistDemo}: no data set, no training. */
class FashionMnistDemoTest {

    @TempDir
    Path directory;

    @Test
    void misclassifiedPicksTheFirstMistakesInTestOrder() {
        int[] actual = {0, 1, 2, 3, 4, 5, 6, 7};
        int[] predicted = {0, 2, 2, 0, 4, 9, 6, 1};
        assertArrayEquals(new int[] {1, 3, 5, 7}, FashionMnistDemo.misclassified(predicted, actual, 10));
        assertArrayEquals(new int[] {1, 3}, FashionMnistDemo.misclassified(predicted, actual, 2));
        assertArrayEquals(new int[0], FashionMnistDemo.misclassified(actual, actual, 10));
        assertThrows(IllegalArgumentException.class, () -> FashionMnistDemo.misclassified(new int[3], actual, 10));
    }

    @Test
    void captionNamesTheTrueAndPredictedClassOnTwoLines() {
        assertEquals("true: Shirt\n→ T-shirt/top 97%", FashionMnistDemo.caption("Shirt", "T-shirt/top", 0.9712));
        assertEquals("true: Coat\n→ Pullover 50%", FashionMnistDemo.caption("Coat", "Pullover", 0.5));
        // Never "100%": a model is not certain, it only rounds that way.
        assertEquals("true: Bag\n→ Sneaker >99%", FashionMnistDemo.caption("Bag", "Sneaker", 0.9996));
        assertEquals("true: Bag\n→ Sneaker 99%", FashionMnistDemo.caption("Bag", "Sneaker", 0.9949));
    }

    @Test
    void softmaxIsStableAndArgmaxBreaksTiesTowardTheLowerClass() {
        float[][] p = FashionMnistDemo.softmax(new float[][] {{0f, 0f}, {1000f, 0f}, {1f, 2f, 3f}});
        assertArrayEquals(new float[] {0.5f, 0.5f}, p[0]);
        assertArrayEquals(new float[] {1f, 0f}, p[1]);
        // e^k / (e + e² + e³), computed by hand: 0.09003, 0.24473, 0.66524.
        assertArrayEquals(new float[] {0.09003057f, 0.24472847f, 0.66524096f}, p[2], 1e-6f);
        assertEquals(0, FashionMnistDemo.argmax(p[0]));
        assertEquals(2, FashionMnistDemo.argmax(p[2]));
    }

    @Test
    void theFirstArgumentIsTheOutputDirectoryAndTheSecondTheData() {
        Path output = directory.resolve("plots");
        Path data = directory.resolve("fashion");
        String[] args = {output.toString(), data.toString()};
        assertEquals(output, Plots.outputDirectory(args));
        assertTrue(Files.isDirectory(output), "the output directory is created");
        assertEquals(data, FashionMnistDemo.dataDirectory(args));
        assertEquals(FashionMnist.defaultDirectory(), FashionMnistDemo.dataDirectory(new String[] {output.toString()}));
        assertEquals("fashion-mnist.nn4j", FashionMnistDemo.MODEL_FILE);
    }

    @Test
    void theNetworkIs784To256To128To10WithDropoutAfterEachHiddenReLU() {
        Sequential model = FashionMnistDemo.network(0.2);
        assertEquals(784, model.inputSize());
        assertEquals(10, model.outputSize());
        assertEquals(784 * 256 + 256 + 256 * 128 + 128 + 128 * 10 + 10, model.parameterCount());
        assertEquals(2, model.layers().stream().filter(layer -> layer instanceof Dropout).count());
        assertEquals("Sequential(Dense(784→256), ReLU(), Dropout(p=0.2), Dense(256→128), ReLU(), Dropout(p=0.2), "
                + "Dense(128→10))", model.toString());
    }

    @Test
    void recipesAreChosenByNameAndAnUnknownNameListsTheKnownOnes() {
        assertEquals(FashionMnistDemo.Recipe.FAST, FashionMnistDemo.Recipe.named("fast"));
        FashionMnistDemo.Recipe reference = FashionMnistDemo.Recipe.named("reference");
        assertEquals(128, reference.batchSize());
        assertEquals(0.2, reference.dropout());
        assertFalse(reference.standardize(), "the peers were timed on pixels in [0, 1]");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FashionMnistDemo.Recipe.named("slow"));
        assertTrue(e.getMessage().contains("'fast' or 'reference', got 'slow'"), e.getMessage());
    }
}
