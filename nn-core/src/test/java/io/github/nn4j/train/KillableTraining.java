package io.github.nn4j.train;

import io.github.nn4j.data.DataSet;
import io.github.nn4j.init.Initializer;
import io.github.nn4j.io.Npy;
import io.github.nn4j.layers.Dense;
import io.github.nn4j.layers.Dropout;
import io.github.nn4j.layers.ReLU;
import io.github.nn4j.losses.Loss;
import io.github.nn4j.model.Sequential;
import io.github.nn4j.optim.Adam;
import io.github.nn4j.persist.ModelFile;
import io.github.nn4j.persist.SavedModel;
import io.github.nn4j.testing.SeededArrays;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The training run {@link KillAndResumeTest} kills: {@code main(folder)} trains a classifier with
 * dropout for {@value #EPOCHS} epochs of {@value #BATCHES} batches with a checkpoint after every
 * epoch in {@code folder/checkpoint.nn4j}, resuming from it when it exists, as a user's program
 * would after a crash (or taking the checkpoint's model when it is of the last epoch); at the end
 * it writes the weights to {@code folder/final.npy}. It prints
 * {@code batch <epoch> <batch>} after every batch and {@code epoch <epoch>} after every epoch
 * (after its checkpoint is written), so the test can choose where to kill it.
 *
 * <p>The checkpoint (weights plus Adam's two moments, about 9 MB) takes long enough to write
 * that a kill can land inside the write.
 */
public final class KillableTraining {

    static final int EPOCHS = 6;
    static final int BATCHES = 8;
    static final int BATCH_SIZE = 16;
    static final String CHECKPOINT = "checkpoint.nn4j";
    static final String FINAL = "final.npy";

    private KillableTraining() {
    }

    /**
     * Trains, or resumes training, in {@code args[0]}.
     *
     * @param args the folder
     * @throws IOException when a file cannot be read or written
     */
    public static void main(String[] args) throws IOException {
        Path folder = Path.of(args[0]);
        Path checkpoint = folder.resolve(CHECKPOINT);
        SavedModel saved = Files.exists(checkpoint) ? ModelFile.readAll(checkpoint) : null;
        Sequential model;
        if (saved != null && saved.section(ModelFile.TRAINING).orElseThrow().integer("epoch") == EPOCHS) {
            model = saved.model();   // killed after its last checkpoint: the training is done
        } else {
            TrainerBuilder builder = saved != null
                    ? Trainer.resume(saved)   // the model, optimizer state, seed, batch size and epochs
                    : Trainer.builder(model()).optimizer(new Adam(1e-3)).batchSize(BATCH_SIZE).epochs(EPOCHS).seed(42);
            Trainer trainer = builder.loss(Loss.softmaxCrossEntropy())   // not in a checkpoint: given again
                    .checkpoint(checkpoint)                                   // so is the checkpoint path
                    .logEpochs(false).progressBar(false).listener(new Announcer()).build();
            trainer.fit(data());
            model = trainer.model();
        }
        Npy.write(folder.resolve(FINAL), model.parameterSet().values());
        System.out.println("done");
    }

    static Sequential model() {
        return new Sequential(new Dense(256, 1024), new ReLU(), new Dropout(0.2), new Dense(1024, 512), new ReLU(),
                new Dense(512, 4)).init(Initializer.he(), 7);
    }

    /** 128 examples of 256 features in 4 classes, from fixed seeds. */
    static DataSet data() {
        INDArray features = SeededArrays.gaussian(1, DataType.FLOAT, BATCHES * BATCH_SIZE, 256);
        INDArray classes = SeededArrays.uniform(2, DataType.DOUBLE, BATCHES * BATCH_SIZE, 1).muli(4)
                .castTo(DataType.INT).castTo(DataType.FLOAT);
        return new DataSet(features, classes);
    }

    /** Says where training is, one line at a time, flushed at once. */
    private static final class Announcer implements TrainingListener {
        @Override
        public void onBatchEnd(TrainingState state, int batch, double loss) {
            System.out.println("batch " + state.epoch() + " " + batch);
            System.out.flush();
        }

        @Override
        public void onEpochEnd(TrainingState state, EpochResult result) {
            System.out.println("epoch " + result.epoch());
            System.out.flush();
        }
    }
}
