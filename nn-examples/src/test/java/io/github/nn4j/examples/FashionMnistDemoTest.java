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

/** The cheap parts of {@link FashionMnistDemo}, its recipe and its plots: no data set, no training. */
class FashionMnistDemoTest {

    @TempDir
    Path directory;

    @Test
    void misclassifiedPicksTheFirstMistakesInTestOrder() {
        int[] actual = {0, 1, 2, 3, 4, 5, 6, 7};
        int[] predicted = {0, 2, 2, 0, 4, 9, 6, 1};
        assertArrayEquals(new int[] {1, 3, 5, 7}, FashionMnistPlots.misclassified(predicted, actual, 10));
        assertArrayEquals(new int[] {1, 3}, FashionMnistPlots.misclassified(predicted, actual, 2));
        assertArrayEquals(new int[0], FashionMnistPlots.misclassified(actual, actual, 10));
        assertThrows(IllegalArgumentException.class, () -> FashionMnistPlots.misclassified(new int[3], actual, 10));
    }

    @Test
    void captionNamesTheTrueAndPredictedClassOnTwoLines() {
        assertEquals("true: Shirt\n→ T-shirt/top 97%", FashionMnistPlots.caption("Shirt", "T-shirt/top", 0.9712));
        assertEquals("true: Coat\n→ Pullover 50%", FashionMnistPlots.caption("Coat", "Pullover", 0.5));
        // Never "100%": a model is not certain, it only rounds that way.
        assertEquals("true: Bag\n→ Sneaker >99%", FashionMnistPlots.caption("Bag", "Sneaker", 0.9996));
        assertEquals("true: Bag\n→ Sneaker 99%", FashionMnistPlots.caption("Bag", "Sneaker", 0.9949));
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
        Sequential model = FashionMnistRecipe.network(0.2);
        assertEquals(784, model.inputSize());
        assertEquals(10, model.outputSize());
        assertEquals(784 * 256 + 256 + 256 * 128 + 128 + 128 * 10 + 10, model.parameterCount());
        assertEquals(2, model.layers().stream().filter(layer -> layer instanceof Dropout).count());
        assertEquals("Sequential(Dense(784→256), ReLU(), Dropout(p=0.2), Dense(256→128), ReLU(), Dropout(p=0.2), "
                + "Dense(128→10))", model.toString());
    }

    @Test
    void recipesAreChosenByNameAndAnUnknownNameListsTheKnownOnes() {
        assertEquals(FashionMnistRecipe.FAST, FashionMnistRecipe.named("fast"));
        assertEquals(15, FashionMnistRecipe.named("fast").epochs());
        FashionMnistRecipe reference = FashionMnistRecipe.named("reference");
        assertEquals(128, reference.batchSize());
        assertEquals(0.2, reference.dropout());
        assertFalse(reference.standardize(), "the peers were timed on pixels in [0, 1]");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FashionMnistRecipe.named("slow"));
        assertTrue(e.getMessage().contains("'fast' or 'reference', got 'slow'"), e.getMessage());
    }

    @Test
    void theRecipeLineIsTheOneTheReadmeRunPrinted() {
        assertEquals("recipe 'fast': pixels standardized, dropout 0.1, Adam(lr 0.002, cosine to 0), batch 256, 15 epochs; "
                + "training on 55,000 images, validating on 5,000", FashionMnistRecipe.FAST.describe(55_000, 5_000));
        assertEquals("recipe 'reference': pixels in [0, 1], dropout 0.2, Adam(lr 0.001, cosine to 0), batch 128, "
                + "15 epochs; training on 55,000 images, validating on 5,000",
                FashionMnistRecipe.REFERENCE.describe(55_000, 5_000));
    }
}
