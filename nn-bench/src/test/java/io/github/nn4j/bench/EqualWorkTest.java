package io.github.nn4j.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nn4j.base.Mode;
import io.github.nn4j.init.Initializer;
import io.github.nn4j.losses.SoftmaxCrossEntropy;
import io.github.nn4j.model.Sequential;
import io.github.nn4j.optim.Sgd;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/**
 * The benchmark compares equal work: from the same initial weights and on the same batches, the
 * nn4j model and the DL4J network of {@link Nn4jRunner} and {@link Dl4jRunner} compute the same
 * loss and end with the same weights after a few SGD steps (float32 tolerance). Not timed.
 */
class EqualWorkTest {

    private static final List<Integer> SIZES = List.of(20, 16, 5);
    private static final int BATCH = 8;
    private static final int STEPS = 3;
    private static final double LEARNING_RATE = 0.1;
    private static final double TOLERANCE = 1e-4;

    @Test
    void nn4jAndDl4jComputeTheSameLossesAndUpdatedWeights() {
        MultiLayerNetwork net = Dl4jRunner.buildNetwork(SIZES, Optimizers.dl4j("sgd", LEARNING_RATE), 7);
        Sequential model = Nn4jRunner.buildModel(SIZES).init(Initializer.heNormal(), 0, DataType.FLOAT);
        Sgd sgd = new Sgd(LEARNING_RATE);
        SoftmaxCrossEntropy loss = new SoftmaxCrossEntropy();

        // DL4J keeps W as [in, out] like nn4j (a view in 'f' order into its flat parameter vector) and,
        // in M2.1, b as a vector [out] where nn4j has [1, out]; assign copies by logical index, so the
        // storage order does not matter.
        Map<String, INDArray> table = net.paramTable();
        assertEquals(List.of("0_W", "0_b", "1_W", "1_b"), List.copyOf(table.keySet()));
        for (int layer = 0; layer < SIZES.size() - 1; layer++) {
            INDArray w = table.get(layer + "_W");
            INDArray b = table.get(layer + "_b");
            assertArrayEquals(new long[] {SIZES.get(layer), SIZES.get(layer + 1)}, w.shape());
            assertArrayEquals(new long[] {SIZES.get(layer + 1)}, b.shape());
            assertEquals('f', w.ordering());
            assertEquals(DataType.FLOAT, w.dataType());
            model.parameterSet().get("dense" + layer + ".W").value().assign(w);
            model.parameterSet().get("dense" + layer + ".b").value().assign(b.reshape(1, b.length()));
        }
        INDArray initial = model.parameterSet().values().dup();

        double worstLoss = 0;
        double worstWeight = 0;
        SyntheticBatches batches = SyntheticBatches.create(SIZES.get(0), SIZES.get(2), BATCH, STEPS, 11);
        for (int step = 0; step < STEPS; step++) {
            INDArray x = batches.features().get(step);
            INDArray y = batches.labels().get(step);

            INDArray logits = model.forward(x, Mode.TRAIN);
            double nn4jLoss = loss.value(logits, y);
            model.backward(loss.gradient(logits, y));
            sgd.step(model.parameterSet());

            net.fit(new DataSet(x, y));
            double dl4jLoss = net.score(); // the batch's mean loss before the update, like nn4jLoss

            assertEquals(dl4jLoss, nn4jLoss, TOLERANCE * Math.abs(dl4jLoss), "loss at step " + step);
            worstLoss = Math.max(worstLoss, Math.abs(nn4jLoss - dl4jLoss) / Math.abs(dl4jLoss));
        }

        for (int layer = 0; layer < SIZES.size() - 1; layer++) {
            for (String name : new String[] {"W", "b"}) {
                INDArray actual = model.parameterSet().get("dense" + layer + "." + name).value();
                INDArray expected = net.getParam(layer + "_" + name).reshape(actual.shape());
                double scale = expected.amaxNumber().doubleValue();
                double difference = actual.sub(expected).amaxNumber().doubleValue();
                worstWeight = Math.max(worstWeight, difference / scale);
                assertTrue(difference <= TOLERANCE * scale, "dense" + layer + "." + name + " differs by "
                        + difference + " (largest weight " + scale + ")");
            }
        }
        System.out.printf("equal work over %d SGD steps: largest relative difference %.1e in the loss, %.1e in the "
                + "weights (tolerance %.0e)%n", STEPS, worstLoss, worstWeight, TOLERANCE);
        double moved = model.parameterSet().values().sub(initial).amaxNumber().doubleValue();
        assertTrue(moved > 1e-3, "three SGD steps should move the weights, moved " + moved);
    }
}
