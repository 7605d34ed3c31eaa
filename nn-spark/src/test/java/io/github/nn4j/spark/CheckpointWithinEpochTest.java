package io.github.nn4j.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nn4j.base.JavaArrays;
import io.github.nn4j.losses.Loss;
import io.github.nn4j.model.Sequential;
import io.github.nn4j.optim.Adam;
import io.github.nn4j.optim.LearningRateSchedule;
import io.github.nn4j.train.History;
import io.github.nn4j.train.Trainer;
import io.github.nn4j.train.TrainingListener;
import io.github.nn4j.train.TrainingState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Checkpoints behind a Hadoop URI ({@code file:} here; HDFS and S3A go through the same
 * {@code FileContext} calls), after every epoch and every n steps: a run that stops in the middle
 * of an epoch resumes after the last checkpoint's step and ends bitwise where the uninterrupted run
 * ends, with the same epoch metrics.
 */
class CheckpointWithinEpochTest {

    private static final List<Example> EXAMPLES = SparkTesting.classification(100, 7, 61);

    @RegisterExtension
    static final SharedSparkContext SPARK = new SharedSparkContext("local[2]");

    @Test
    void aSynchronousRunStoppedWithinAnEpochResumesFromAFileUriAsTheUninterruptedRun(@TempDir Path directory)
            throws IOException {
        assertResumesExactly(directory, builder -> builder, 3);
    }

    @Test
    void anAveragingRunResumesWithinAnEpochAfterItsLastRound(@TempDir Path directory) throws IOException {
        // k = 2 and a checkpoint every 3 steps: rounds end after steps 2, 4, 6, so the checkpoint is after 4.
        assertResumesExactly(directory, builder -> builder.averaging(2), 4);
    }

    @Test
    void aCheckpointAfterAnEpochBehindAUriHasTheBytesOfTheLocalOne(@TempDir Path directory) throws IOException {
        Path local = directory.resolve("local.nn4j");
        builder(SynchronousEqualsTrainerTest.model(DataType.DOUBLE, true)).epochs(2).checkpoint(local).build()
                .fit(data());
        String uri = directory.toUri() + "remote/run.nn4j";
        builder(SynchronousEqualsTrainerTest.model(DataType.DOUBLE, true)).epochs(2).checkpoint(uri)
                .checkpointEvery(3).build().fit(data());
        assertArrayEquals(Files.readAllBytes(local), Files.readAllBytes(directory.resolve("remote/run.nn4j")));
    }

    @Test
    void trainerRefusesACheckpointWrittenWithinAnEpoch(@TempDir Path directory) {
        Path file = directory.resolve("run.nn4j");
        assertThrows(IllegalStateException.class, () -> builder(SynchronousEqualsTrainerTest.model(DataType.DOUBLE,
                true)).checkpoint(file).checkpointEvery(3).listener(new StopAt(1, 4)).build().fit(data()));
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> Trainer.resume(file));
        assertTrue(refused.getMessage().contains("no 'training' section"), refused.getMessage());
    }

    @Test
    void checkpointsWithinEpochsNeedATarget() {
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class, () ->
                builder(SynchronousEqualsTrainerTest.model(DataType.DOUBLE, true)).checkpointEvery(5).build());
        assertEquals("checkpointEvery(5) needs a checkpoint target: checkpoint(path) or checkpoint(uri)",
                missing.getMessage());
    }

    /**
     * Trains 3 epochs of 7 steps uninterrupted; again with a checkpoint every 3 steps, stopped in
     * epoch 2 at step {@code stopAfter + 1} (a listener throws); resumes from the URI; compares.
     */
    private static void assertResumesExactly(Path directory, UnaryOperator<SparkTrainerBuilder> mode, int stopAfter)
            throws IOException {
        Sequential uninterrupted = SynchronousEqualsTrainerTest.model(DataType.DOUBLE, true);
        History whole = mode.apply(builder(uninterrupted)).build().fit(data());

        String uri = directory.toUri() + "checkpoints/run.nn4j";
        assertThrows(IllegalStateException.class, () -> mode.apply(builder(SynchronousEqualsTrainerTest.model(
                DataType.DOUBLE, true))).checkpoint(uri).checkpointEvery(3).listener(new StopAt(2, stopAfter + 1))
                .build().fit(data()));
        SparkCheckpoint written = SparkCheckpoint.read(uri, SPARK.context().hadoopConfiguration());
        assertEquals(new EpochPosition(2, stopAfter, written.position().lossSum(), written.position().correct(),
                written.position().examples(), 2), written.position(), "the checkpoint is within epoch 2");

        SparkTrainer resumed = mode.apply(SparkTrainer.resume(uri, SPARK.context()).loss(Loss::softmaxCrossEntropy)
                .schedule(LearningRateSchedule.cosine(0.02, 0, 3)).fixedReductionOrder(true).logEpochs(false)
                .progressBar(false)).checkpoint(uri).checkpointEvery(3).build();
        History rest = resumed.fit(data());

        assertEquals(3, resumed.completedEpochs());
        assertEquals(2, rest.epochs());
        assertArrayEquals(JavaArrays.toDoubles(uninterrupted.parameterSet().values()),
                JavaArrays.toDoubles(resumed.model().parameterSet().values()));
        for (String metric : List.of("loss", "accuracy", "lr")) {
            assertEquals(whole.metric(metric).subList(1, 3), rest.metric(metric), metric);
        }
        assertEquals(whole.epochResults().get(1).samples(), rest.epochResults().get(0).samples());
    }

    private static DistributedData data() {
        return DistributedData.of(SparkTesting.partitioned(SPARK.context(), EXAMPLES, 45, 55));
    }

    private static SparkTrainerBuilder builder(Sequential model) {
        return SparkTrainer.builder(model).loss(Loss::softmaxCrossEntropy).optimizer(new Adam(0.02))
                .schedule(LearningRateSchedule.cosine(0.02, 0, 3)).batchSize(15).epochs(3).seed(8)
                .fixedReductionOrder(true).logEpochs(false).progressBar(false);
    }

    /** Stops training, as a crash of the driver would, at the end of one batch. */
    private record StopAt(int epoch, int batch) implements TrainingListener {
        @Override
        public void onBatchEnd(TrainingState state, int batchDone, double loss) {
            if (state.epoch() == epoch && batchDone == batch) {
                throw new IllegalStateException("stopped at epoch " + epoch + ", batch " + batch);
            }
        }
    }
}
