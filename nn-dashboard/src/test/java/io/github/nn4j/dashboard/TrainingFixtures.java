package io.github.nn4j.dashboard;

import io.github.nn4j.data.DataSet;
import io.github.nn4j.init.Initializer;
import io.github.nn4j.layers.Dense;
import io.github.nn4j.layers.ReLU;
import io.github.nn4j.layers.Tanh;
import io.github.nn4j.losses.Loss;
import io.github.nn4j.model.Sequential;
import io.github.nn4j.optim.Sgd;
import io.github.nn4j.train.Trainer;
import io.github.nn4j.train.TrainerBuilder;
import java.util.Random;
import org.nd4j.linalg.factory.Nd4j;

/** A tiny classifier and its data, small enough to train in well under a second. */
final class TrainingFixtures {

    private TrainingFixtures() {
    }

    /** {@code n} points in three Gaussian blobs around (0, 3), (3, −2), (−3, −2), σ = 1, class-index labels. */
    static DataSet blobs(int n, long seed) {
        Random random = new Random(seed);
        double[][] centres = {{0, 3}, {3, -2}, {-3, -2}};
        float[][] features = new float[n][2];
        float[] labels = new float[n];
        for (int i = 0; i < n; i++) {
            int c = i % 3;
            features[i][0] = (float) (centres[c][0] + random.nextGaussian());
            features[i][1] = (float) (centres[c][1] + random.nextGaussian());
            labels[i] = c;
        }
        return new DataSet(Nd4j.create(features), Nd4j.create(labels));
    }

    /** 2-16-16-3: dense, ReLU, dense, tanh, dense (logits). */
    static Sequential model() {
        return new Sequential(new Dense(2, 16), new ReLU(), new Dense(16, 16), new Tanh(), new Dense(16, 3))
                .init(Initializer.he(), 11);
    }

    /** Quiet SGD training with softmax cross-entropy, batch 16. */
    static TrainerBuilder trainer(Sequential model, int epochs) {
        return Trainer.builder(model).loss(Loss.softmaxCrossEntropy()).optimizer(new Sgd(0.05).momentum(0.9))
                .batchSize(16).epochs(epochs).seed(5).logEpochs(false).progressBar(false);
    }
}
