package io.github.nn4j.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nn4j.init.Initializer;
import io.github.nn4j.layers.Dense;
import io.github.nn4j.layers.ReLU;
import io.github.nn4j.losses.Loss;
import io.github.nn4j.model.Sequential;
import io.github.nn4j.optim.Adam;
import io.github.nn4j.optim.GradientClipping;
import io.github.nn4j.optim.LearningRateSchedule;
import io.github.nn4j.optim.Regularization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/** A checkpoint's file: its bytes are frozen, it reads back as written, and a failed write names the epoch. */
class CheckpointTest {

    /**
     * SHA-256 of the checkpoint {@link #trainer()} saves, as nn4j wrote it before checkpoints had a
     * class of their own (when {@code Trainer.saveCheckpoint} went through {@code Checkpoints.write}).
     */
    private static final String FROZEN_SHA256 = "28a4fdfeb545376c0f87536d3c4a6674c6af4f83b1da51826242852657aa190b";

    @TempDir
    Path dir;

    private static final LearningRateSchedule SCHEDULE = LearningRateSchedule.cosine(0.01, 1e-4, 5);
    private static final Regularization L2 = Regularization.l2(1e-4);
    private static final GradientClipping CLIPPING = GradientClipping.byGlobalNorm(2.0);

    /** A trainer with every setting a checkpoint records, and Adam with state and 12 steps. */
    static Trainer trainer() {
        Sequential model = new Sequential(new Dense(3, 4), new ReLU(), new Dense(4, 2))
                .init(Initializer.gaussian(0.5), 7);
        Adam adam = new Adam(0.01);
        adam.loadState(Map.of("m", Nd4j.linspace(DataType.FLOAT, 1, model.parameterCount(), 1),
                "v", Nd4j.linspace(DataType.FLOAT, 5, model.parameterCount(), 1)), 12);
        return sameRun(Trainer.builder(model)).optimizer(adam).batchSize(8).epochs(5).seed(42).dropLastBatch(true)
                .build();
    }

    /** The settings a checkpoint does not hold. */
    private static TrainerBuilder sameRun(TrainerBuilder builder) {
        return builder.loss(Loss.softmaxCrossEntropy()).schedule(SCHEDULE).regularization(L2).gradientClipping(CLIPPING)
                .logEpochs(false).progressBar(false);
    }

    @Test
    void aTrainersCheckpointIsWrittenToTheSameBytesAsBefore() throws IOException, NoSuchAlgorithmException {
        Path file = dir.resolve("run.nn4j");
        trainer().saveCheckpoint(file);
        byte[] sha = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file));
        assertEquals(FROZEN_SHA256, HexFormat.of().formatHex(sha));
    }

    @Test
    void aCheckpointReadsBackAsWritten() throws IOException {
        Trainer trainer = trainer();
        Path file = dir.resolve("run.nn4j");
        trainer.saveCheckpoint(file);

        Checkpoint read = Checkpoint.read(file);
        assertEquals(new TrainingProgress(0, 5, 42, 8, true, "SoftmaxCrossEntropy", SCHEDULE.toString(),
                L2.toString(), CLIPPING.toString()), read.progress());
        assertEquals(12, read.optimizer().steps());
        assertEquals(0.01, read.optimizer().learningRate());
        assertEquals(trainer.optimizer().state(), read.optimizer().state());
        assertArrayEquals(trainer.model().parameterSet().values().data().asFloat(),
                read.model().parameterSet().values().data().asFloat());
    }

    @Test
    void aResumedTrainerSavesTheSameBytesAgain() throws IOException {
        Path file = dir.resolve("run.nn4j");
        trainer().saveCheckpoint(file);
        Path again = dir.resolve("again.nn4j");
        sameRun(Trainer.resume(file)).build().saveCheckpoint(again);
        assertArrayEquals(Files.readAllBytes(file), Files.readAllBytes(again));
    }

    @Test
    void aCheckpointThatCannotBeWrittenAfterAnEpochNamesTheEpochAndFile() throws IOException {
        Path file = dir.resolve("run.nn4j");
        trainer().saveCheckpoint(file);
        Checkpoint checkpoint = Checkpoint.read(file);
        Path missingFolder = dir.resolve("missing").resolve("run.nn4j");
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> checkpoint.writeAfterEpoch(missingFolder));
        assertTrue(e.getMessage().startsWith("cannot write the checkpoint of epoch 0 to " + missingFolder + ": "),
                e.getMessage());
        assertFalse(Files.exists(missingFolder));
    }
}
