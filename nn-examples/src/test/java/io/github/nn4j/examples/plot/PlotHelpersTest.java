package io.github.nn4j.examples.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nn4j.data.DataSet;
import io.github.nn4j.init.Initializer;
import io.github.nn4j.layers.Dense;
import io.github.nn4j.layers.Tanh;
import io.github.nn4j.losses.Loss;
import io.github.nn4j.model.Sequential;
import io.github.nn4j.optim.Sgd;
import io.github.nn4j.train.History;
import io.github.nn4j.train.Trainer;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.factory.Nd4j;

/** Each plotting helper writes a PNG of the documented pixel size. */
class PlotHelpersTest {

    @TempDir
    Path directory;

    private static BufferedImage read(Path file) throws IOException {
        assertTrue(Files.isRegularFile(file), file + " was not written");
        BufferedImage image = ImageIO.read(file.toFile());
        assertTrue(image != null, file + " is not a readable PNG");
        return image;
    }

    @Test
    void trainingCurvesWriteLossAndAccuracySideBySide() throws IOException {
        Path file = TrainingCurves.save(directory.resolve("curves.png"), List.of(1.2, 0.8, 0.6, 0.5),
                List.of(1.3, 0.9, 0.75, 0.72), List.of(0.55, 0.7, 0.8, 0.84), List.of(0.5, 0.68, 0.76, 0.78));
        BufferedImage image = read(file);
        assertEquals(TrainingCurves.WIDTH, image.getWidth());
        assertEquals(TrainingCurves.HEIGHT, image.getHeight());
    }

    @Test
    void trainingCurvesDrawAnyTrainersHistory() throws IOException {
        DataSet xor = new DataSet(Nd4j.create(new float[][] {{0, 0}, {0, 1}, {1, 0}, {1, 1}}),
                Nd4j.create(new float[][] {{0}, {1}, {1}, {0}}));
        Sequential model = new Sequential(new Dense(2, 4), new Tanh(), new Dense(4, 1))
                .init(Initializer.xavierNormal(), 3);
        History history = Trainer.builder(model).loss(Loss.binaryCrossEntropyFromLogits()).optimizer(new Sgd(0.5))
                .batchSize(4).epochs(3).seed(3).logEpochs(false).build().fit(xor, xor);
        BufferedImage image = read(TrainingCurves.save(directory.resolve("history.png"), history));
        assertEquals(TrainingCurves.WIDTH, image.getWidth());
    }

    @Test
    void trainingCurvesAcceptALossOnlyHistory() throws IOException {
        Path file = TrainingCurves.save(directory.resolve("loss-only.png"), List.of(1.0, 0.5), List.of(), List.of(),
                List.of());
        assertEquals(TrainingCurves.WIDTH, read(file).getWidth());
        assertThrows(IllegalArgumentException.class,
                () -> TrainingCurves.save(directory.resolve("none.png"), List.of(), List.of(), List.of(), List.of()));
    }

    @Test
    void confusionHeatmapWritesOneCellPerPairOfClasses() throws IOException {
        int[][] matrix = {{50, 2, 1}, {3, 40, 7}, {0, 5, 45}};
        Path file = ConfusionHeatmap.save(directory.resolve("confusion.png"), matrix,
                new String[] {"T-shirt", "Trouser", "Pullover"});
        BufferedImage image = read(file);
        assertEquals(ConfusionHeatmap.WIDTH, image.getWidth());
        assertEquals(ConfusionHeatmap.HEIGHT, image.getHeight());
        assertThrows(IllegalArgumentException.class, () -> ConfusionHeatmap.save(directory.resolve("bad.png"),
                new int[][] {{1, 2}}, new String[] {"a", "b"}));
    }

    @Test
    void imageGridLaysOutEightImagesPerRow() throws IOException {
        float[][] images = new float[10][784];
        String[] captions = new String[10];
        for (int k = 0; k < images.length; k++) {
            for (int i = 0; i < 784; i++) {
                images[k][i] = ((i / 28 + i % 28 + k) % 10) / 9f;
            }
            captions[k] = "true: " + k + "\npredicted: " + (9 - k);
        }
        BufferedImage image = read(ImageGrid.save(directory.resolve("grid.png"), images, captions));
        assertEquals(ImageGrid.COLUMNS * ImageGrid.CELL_WIDTH, image.getWidth());
        assertEquals(2 * ImageGrid.CELL_HEIGHT, image.getHeight());
        assertThrows(IllegalArgumentException.class,
                () -> ImageGrid.save(directory.resolve("bad.png"), new float[][] {new float[10]}, new String[] {"x"}));
    }

    @Test
    void gridCoordinatesRunEvenlyFromLowToHighAsItsDocSays() {
        Grid grid = new Grid(-0.5, 1.5, 5);
        assertEquals(-0.5, grid.coordinate(0));
        assertEquals(1.5, grid.coordinate(4));
        assertEquals(0.5, grid.spacing());
        float[][] points = grid.points();
        assertEquals(25, points.length);
        assertEquals(List.of(-0.5f, 0.0f), List.of(points[1][0], points[1][1]), "point (0, 1) is row 1");
        assertEquals(List.of(0.0f, -0.5f), List.of(points[5][0], points[5][1]), "point (1, 0) is row 5");
        assertThrows(IllegalArgumentException.class, () -> new Grid(1, 1, 5));
        assertThrows(IllegalArgumentException.class, () -> new Grid(0, 1, 1));
    }

    @Test
    void regionChartsOfBothKindsRenderWithTheirPointsAndLine() throws IOException {
        Grid grid = new Grid(0, 1, 11);
        double[][] values = new double[11][11];
        for (int i = 0; i < 11; i++) {
            for (int j = 0; j < 11; j++) {
                values[i][j] = (i + j) / 20.0;
            }
        }
        var bands = RegionChart.create("bands", values, 10, grid);
        var line = RegionChart.create("line", values, 2, grid);
        RegionChart.addLine(line, new double[] {1, 1}, -1, grid);
        RegionChart.addPoints(bands, "y", new float[][] {{0, 0}, {1, 1}}, new float[] {0, 1});
        RegionChart.fitCells(bands, grid);
        assertTrue(bands.getSeriesMap().containsKey("P(y=1) 0.9–1.0") && bands.getSeriesMap().containsKey("y = 1"),
                bands.getSeriesMap().keySet().toString());
        assertTrue(line.getSeriesMap().containsKey("predicts 1") && line.getSeriesMap().containsKey("w·x + b = 0"),
                line.getSeriesMap().keySet().toString());
        BufferedImage image = read(Plots.saveSheet(List.of(bands, line), 1, 2, directory.resolve("regions.png")));
        assertEquals(2 * 640, image.getWidth());
    }
}
