package io.github.nn4j.train;

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
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class TrainerTest {

    private static final DataSet XOR = new DataSet(Nd4j.create(new float[][] {{0, 0}, {0, 1}, {1, 0}, {1, 1}}),
            Nd4j.create(new float[][] {{0}, {1}, {1}, {0}}));

    private static Sequential xorModel() {
        return new Sequential(new Dense(2, 4), new Tanh(), new Dense(4, 1)).init(Initializer.xavierNormal(), 42);
    }

    @Test
    void hiddenLayerNetworkLearnsXor() {
        Sequential model = xorModel();
        History history = Trainer.builder(model).loss(Loss.binaryCrossEntropyFromLogits()).optimizer(new Sgd(0.5))
                .batchSize(4).epochs(2000).seed(1).build().fit(XOR);
        assertTrue(history.finalLoss() < 0.05, "final loss " + history.finalLoss());
        INDArray logits = model.predict(XOR.features());
        double[] expected = {0, 1, 1, 0};
        for (int i = 0; i < 4; i++) {
            assertEquals(expected[i], logits.getDouble(i) > 0 ? 1 : 0, 0, "case " + i);
        }
    }

    @Test
    void sameSeedGivesBitwiseTheSameTraining() {
        Sequential a = xorModel();
        Sequential b = xorModel();
        History ha = Trainer.builder(a).loss(Loss.mse()).optimizer(new Sgd(0.3)).batchSize(2).epochs(20).seed(3).build().fit(XOR);
        History hb = Trainer.builder(b).loss(Loss.mse()).optimizer(new Sgd(0.3)).batchSize(2).epochs(20).seed(3).build().fit(XOR);
        assertEquals(a.parameterSet().values(), b.parameterSet().values());
        assertEquals(ha.trainLoss(), hb.trainLoss());
    }

    @Test
    void divergingLossStopsWithTheEpochAndBatch() {
        Sequential model = new Sequential(new Dense(2, 1)).init(Initializer.constant(1e30), 0);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Trainer.builder(model).loss(Loss.mse()).optimizer(new Sgd(1e30)).epochs(3).build().fit(
                        new DataSet(Nd4j.create(new float[][] {{1e10f, 1e10f}}), Nd4j.create(new float[][] {{0}}))));
        assertTrue(e.getMessage().contains("epoch") && e.getMessage().contains("batch"), e.getMessage());
    }
}
