package io.github.nn4j.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nn4j.base.JavaArrays;
import io.github.nn4j.data.DataSet;
import io.github.nn4j.losses.Loss;
import io.github.nn4j.model.Sequential;
import io.github.nn4j.optim.Adam;
import io.github.nn4j.optim.LearningRateSchedule;
import io.github.nn4j.persist.ModelFile;
import io.github.nn4j.train.History;
import io.github.nn4j.train.Trainer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;

/** A Spark-trained model is an ordinary nn4j model; checkpoints are Trainer's and resume on either. */
class ModelFileAndCheckpointTest {

    private static final List<Example> EXAMPLES = SparkTesting.classification(100, 7, 31);

    @RegisterExtension
    static final SharedSparkContext SPARK = new SharedSparkContext("local[2]");

    @Test
    void aSavedModelReloadsInPlainNn4jAndPredictsTheSame(@TempDir Path directory) throws IOException {
        Sequential model = SynchronousEqualsTrainerTest.model(DataType.FLOAT, true);
        builder(model, 2).build().fit(data());
        Path file = directory.resolve("spark.nn4j");
        ModelFile.write(file, model);
        Sequential reloaded = ModelFile.read(file);
        DataSet local = SparkTesting.dataSet(EXAMPLES, DataType.FLOAT);
        assertArrayEquals(JavaArrays.toFloats(model.predict(local.features())),
                JavaArrays.toFloats(reloaded.predict(local.features())));
    }

    @Test
    void resumingACheckpointOnSparkEqualsTheUninterruptedRun(@TempDir Path directory) throws IOException {
        Sequential uninterrupted = SynchronousEqualsTrainerTest.model(DataType.DOUBLE, true);
        History whole = builder(uninterrupted, 4).build().fit(data());

        Path checkpoint = directory.resolve("run.nn4j");
        Sequential first = SynchronousEqualsTrainerTest.model(DataType.DOUBLE, true);
        builder(first, 2).checkpoint(checkpoint).build().fit(data());
        SparkTrainer resumed = SparkTrainer.resume(checkpoint).loss(Loss::softmaxCrossEntropy)
                .schedule(LearningRateSchedule.cosine(0.01, 0, 4)).epochs(4).fixedReductionOrder(true)
                .logEpochs(false).progressBar(false).build();
        History rest = resumed.fit(data());

        assertEquals(2, rest.epochs());
        assertEquals(4, resumed.completedEpochs());
        assertArrayEquals(JavaArrays.toDoubles(uninterrupted.parameterSet().values()),
                JavaArrays.toDoubles(resumed.model().parameterSet().values()));
        assertEquals(whole.last("loss"), rest.last("loss"));
    }

    @Test
    void aSparkCheckpointResumesOnOneMachine(@TempDir Path directory) throws IOException {
        Sequential uninterrupted = SynchronousEqualsTrainerTest.model(DataType.DOUBLE, true);
        builder(uninterrupted, 4).build().fit(data());

        Path checkpoint = directory.resolve("run.nn4j");
        builder(SynchronousEqualsTrainerTest.model(DataType.DOUBLE, true), 2).checkpoint(checkpoint).build().fit(data());
        Trainer local = Trainer.resume(checkpoint).loss(Loss.softmaxCrossEntropy())
                .schedule(LearningRateSchedule.cosine(0.01, 0, 4)).epochs(4).logEpochs(false).progressBar(false)
                .build();
        local.fit(SparkTesting.dataSet(EXAMPLES, DataType.DOUBLE));
        double difference = SparkTesting.relativeDifference(local.model(), uninterrupted);
        System.out.printf("Spark epochs 1-2, then Trainer epochs 3-4, vs Spark epochs 1-4: %.2e%n", difference);
        assertTrue(difference <= 1e-10, "difference " + difference);
    }

    @Test
    void aSparkCheckpointHasTheBytesOfTrainersCheckpoint(@TempDir Path directory) throws IOException {
        Path spark = directory.resolve("spark.nn4j");
        Path local = directory.resolve("local.nn4j");
        builder(SynchronousEqualsTrainerTest.model(DataType.DOUBLE, true), 4).dropLastBatch(true).build()
                .saveCheckpoint(spark);
        Trainer.builder(SynchronousEqualsTrainerTest.model(DataType.DOUBLE, true)).loss(Loss.softmaxCrossEntropy())
                .optimizer(new Adam(0.01)).schedule(LearningRateSchedule.cosine(0.01, 0, 4)).batchSize(16).epochs(4)
                .seed(8).dropLastBatch(true).logEpochs(false).progressBar(false).build().saveCheckpoint(local);
        assertArrayEquals(Files.readAllBytes(local), Files.readAllBytes(spark));
    }

    private static DistributedData data() {
        return DistributedData.of(SparkTesting.partitioned(SPARK.context(), EXAMPLES, 45, 55));
    }

    private static SparkTrainerBuilder builder(Sequential model, int epochs) {
        return SparkTrainer.builder(model).loss(Loss::softmaxCrossEntropy).optimizer(new Adam(0.01))
                .schedule(LearningRateSchedule.cosine(0.01, 0, 4)).batchSize(16).epochs(epochs).seed(8)
                .fixedReductionOrder(true).logEpochs(false).progressBar(false);
    }
}
