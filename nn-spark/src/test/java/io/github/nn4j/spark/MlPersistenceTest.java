package io.github.nn4j.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nn4j.base.JavaArrays;
import io.github.nn4j.model.Sequential;
import io.github.nn4j.persist.ModelFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.feature.StringIndexer;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The ML stages save to and load from a Hadoop path (a local {@code file:} URI here), alone and
 * inside a Pipeline, and the nn4j model file inside reloads without Spark.
 */
class MlPersistenceTest {

    @RegisterExtension
    static final SharedSparkContext SPARK = new SharedSparkContext("local[2]");

    @TempDir
    Path folder;

    @Test
    void aFittedModelLoadsBackWithItsParamsAndGivesTheSameColumns() throws IOException {
        Dataset<Row> frame = MlFrames.classes(64, 17).withColumnRenamed("features", "x");
        NeuralNetClassificationModel model = new NeuralNetClassifier().setFeaturesCol("x").setLayers(new int[] {4, 6, 3})
                .setMaxIter(2).setBlockSize(32).setSeed(9).fit(frame).setThresholds(new double[] {0.5, 1, 1});
        String path = folder.resolve("model").toUri().toString();
        model.write().save(path);

        NeuralNetClassificationModel loaded = NeuralNetClassificationModel.load(path);
        assertEquals(model.uid(), loaded.uid());
        assertEquals("x", loaded.getFeaturesCol());
        assertArrayEquals(new double[] {0.5, 1, 1}, loaded.getThresholds());
        assertEquals(rows(model.transform(frame)), rows(loaded.transform(frame)));
        Sequential file = ModelFile.read(folder.resolve("model").resolve(NetworkStageWriter.NETWORK));
        assertArrayEquals(JavaArrays.toFloats(model.network().parameterSet().values()),
                JavaArrays.toFloats(file.parameterSet().values()));
    }

    @Test
    void aPipelineModelWithTheClassifierSavesAndLoadsAndItsNn4jFileReloadsInPlainNn4j() throws IOException {
        Dataset<Row> train = MlFrames.species(96, 5);
        Pipeline pipeline = new Pipeline().setStages(new PipelineStage[] {
            new StringIndexer().setInputCol("species").setOutputCol("label"),
            new VectorAssembler().setInputCols(new String[] {"x1", "x2", "x3", "x4"}).setOutputCol("features"),
            new NeuralNetClassifier().setLayers(new int[] {4, 8, 3}).setMaxIter(2).setBlockSize(48).setSeed(1)});
        String unfitted = folder.resolve("pipeline").toUri().toString();
        pipeline.write().save(unfitted);
        NeuralNetClassifier reread = assertInstanceOf(NeuralNetClassifier.class, Pipeline.load(unfitted).getStages()[2]);
        assertArrayEquals(new int[] {4, 8, 3}, reread.getLayers());
        assertEquals(48, reread.getBlockSize());

        PipelineModel model = pipeline.fit(train);
        String path = folder.resolve("pipeline-model").toUri().toString();
        model.write().overwrite().save(path);
        PipelineModel loaded = PipelineModel.load(path);
        assertEquals(rows(model.transform(train)), rows(loaded.transform(train)));

        Path file;
        try (Stream<Path> files = Files.walk(folder.resolve("pipeline-model"))) {
            file = files.filter(p -> p.getFileName().toString().equals("model.nn4j")).findFirst().orElseThrow();
        }
        Sequential plain = ModelFile.read(file);                  // no Spark involved
        NeuralNetClassificationModel stage = (NeuralNetClassificationModel) model.stages()[2];
        List<Row> scored = model.transform(train).select("features", "rawPrediction").collectAsList();
        for (Row row : scored) {
            double[] x = ((Vector) row.get(0)).toArray();
            float[] z = JavaArrays.toFloats(plain.predict(Nd4j.create(x, new long[] {1, 4}, 'c').castTo(DataType.FLOAT)));
            double[] raw = ((Vector) row.get(1)).toArray();
            for (int c = 0; c < 3; c++) {
                assertEquals(z[c], raw[c], "class " + c);
            }
        }
        assertEquals(stage.network().toString(), plain.toString());
    }

    @Test
    void aRegressionModelSavesAndLoads() throws IOException {
        Dataset<Row> frame = MlFrames.regression(64, 2);
        NeuralNetRegressionModel model = new NeuralNetRegressor().setLayers(new int[] {3, 8, 1}).setMaxIter(2)
                .setBlockSize(32).setSeed(3).fit(frame);
        String path = folder.resolve("regression").toUri().toString();
        model.write().save(path);
        NeuralNetRegressionModel loaded = NeuralNetRegressionModel.load(path);
        assertEquals(model.uid(), loaded.uid());
        assertEquals(rows(model.transform(frame)), rows(loaded.transform(frame)));
        assertTrue(Files.exists(folder.resolve("regression").resolve(NetworkStageWriter.NETWORK)));
    }

    private static List<String> rows(Dataset<Row> frame) {
        return frame.collectAsList().stream().map(Row::toString).toList();
    }
}
