package io.github.nn4j.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nn4j.data.DataSet;
import io.github.nn4j.data.Split;
import io.github.nn4j.init.Initializer;
import io.github.nn4j.layers.Dense;
import io.github.nn4j.layers.Layer;
import io.github.nn4j.layers.ReLU;
import io.github.nn4j.losses.Loss;
import io.github.nn4j.model.LayerObserver;
import io.github.nn4j.model.Sequential;
import io.github.nn4j.optim.Adam;
import io.github.nn4j.optim.Optimizer;
import io.github.nn4j.optim.Regularization;
import io.github.nn4j.optim.Sgd;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The hooks a listener has into each step: the step's layer passes, its gradient, the run's settings and data. */
class TrainingListenerHooksTest {

    private static Sequential doubleMlp() {
        return new Sequential(new Dense(2, 16), new ReLU(), new Dense(16, 3)).init(Initializer.he(), 7, DataType.DOUBLE);
    }

    /** Watches batch {@code watched} of every epoch and writes down what it saw. */
    private static final class Watcher implements TrainingListener {
        final int watched;
        final List<String> events = new ArrayList<>();
        double reluMinimum = Double.POSITIVE_INFINITY;
        long reluRows;

        Watcher(int watched) {
            this.watched = watched;
        }

        @Override
        public LayerObserver stepObserver(TrainingState state, int batch) {
            if (batch != watched) {
                return null;
            }
            return new LayerObserver() {
                @Override
                public void afterForward(int index, Layer layer, INDArray output) {
                    events.add(state.epoch() + ":" + batch + " forward " + index);
                    if (layer instanceof ReLU) {
                        reluMinimum = Math.min(reluMinimum, output.minNumber().doubleValue());
                        reluRows = output.rows();
                    }
                }

                @Override
                public void afterBackward(int index, Layer layer, INDArray inputGradient) {
                    events.add(state.epoch() + ":" + batch + " backward " + index);
                }
            };
        }
    }

    @Test
    void stepObserverSeesEveryLayerOfTheStepsItAsksForAndNoOther() {
        Split split = TrainerTest.blobs(1).split(60, 2);
        Watcher watcher = new Watcher(3);
        TrainerTest.quiet(TrainerTest.mlp()).epochs(2).listener(watcher).build().fit(split.train());
        List<String> expected = new ArrayList<>();
        for (int epoch = 1; epoch <= 2; epoch++) {
            for (int layer = 0; layer < 3; layer++) {
                expected.add(epoch + ":3 forward " + layer);
            }
            for (int layer = 2; layer >= 0; layer--) {
                expected.add(epoch + ":3 backward " + layer);
            }
        }
        assertEquals(expected, watcher.events);
        assertEquals(16, watcher.reluRows);               // the step's own batch of 16 rows
        assertEquals(0.0, watcher.reluMinimum);           // ReLU outputs, as the layer computed them
    }

    @Test
    void watchedStepsTrainBitwiseLikeUnwatchedOnes() {
        Split split = TrainerTest.blobs(1).split(60, 2);
        Sequential plain = TrainerTest.mlp();
        Sequential watched = TrainerTest.mlp();
        History first = TrainerTest.quiet(plain).build().fit(split.train(), split.validation());
        History second = TrainerTest.quiet(watched).listener(new Watcher(1)).listener(new Watcher(1))
                .listener(new Watcher(2)).build().fit(split.train(), split.validation());
        assertEquals(first.toCsv().replaceAll(",[^,]*,[^,]*,[^,]*\n", "\n"),
                second.toCsv().replaceAll(",[^,]*,[^,]*,[^,]*\n", "\n"));   // metrics, not timings
        assertArrayEquals(plain.parameterSet().values().toFloatVector(), watched.parameterSet().values().toFloatVector());
    }

    @Test
    void severalListenersWatchingOneStepAreEachCalledInTheirOrder() {
        Split split = TrainerTest.blobs(1).split(60, 2);
        List<String> calls = new ArrayList<>();
        TrainingListener a = named("a", calls);
        TrainingListener b = named("b", calls);
        TrainerTest.quiet(TrainerTest.mlp()).epochs(1).listener(a).listener(b).build().fit(split.train());
        assertEquals(List.of("a0", "b0", "a1", "b1", "a2", "b2"), calls.subList(0, 6));
        assertEquals(15 * 6, calls.size());               // 240 rows in 15 batches, 3 layers, 2 listeners
    }

    private static TrainingListener named(String name, List<String> calls) {
        return new TrainingListener() {
            @Override
            public LayerObserver stepObserver(TrainingState state, int batch) {
                return new LayerObserver() {
                    @Override
                    public void afterForward(int index, Layer layer, INDArray output) {
                        calls.add(name + index);
                    }
                };
            }
        };
    }

    /** Copies the parameters before the first step and the gradient and parameters after it. */
    private static final class FirstStep implements TrainingListener {
        INDArray before;
        INDArray gradient;
        INDArray after;

        @Override
        public void onTrainingStart(TrainingState state) {
            before = state.model().parameterSet().values().dup();
        }

        @Override
        public void onBatchEnd(TrainingState state, int batch, double loss) {
            if (gradient == null) {
                gradient = state.model().parameterSet().gradients().dup();
                after = state.model().parameterSet().values().dup();
            }
        }
    }

    /** The gradient of the mean loss over all of {@code data} at {@code model}'s initial weights. */
    private static INDArray freshGradient(DataSet data) {
        Sequential twin = doubleMlp();
        new TrainingStep(twin, Loss.softmaxCrossEntropy()).computeGradients(data.features(), data.labels(), data.size());
        return twin.parameterSet().gradients().dup();
    }

    private static FirstStep firstStep(DataSet data, Optimizer optimizer, Regularization regularization) {
        FirstStep listener = new FirstStep();
        TrainerTest.quiet(doubleMlp()).optimizer(optimizer).regularization(regularization).batchSize(data.size())
                .epochs(1).listener(listener).build().fit(data);
        return listener;
    }

    @Test
    void afterAStepTheGradientBufferHoldsTheGradientThatStepApplied() {
        DataSet data = TrainerTest.blobs(4);   // one batch of all 300 rows: its mean does not depend on the shuffle
        INDArray expected = freshGradient(data);

        FirstStep adam = firstStep(data, new Adam(0.01), null);
        assertArrayEquals(expected.toDoubleVector(), adam.gradient.toDoubleVector(), 1e-12);

        double lambda = 0.05;
        double lr = 0.1;
        FirstStep sgd = firstStep(data, new Sgd(lr), Regularization.l2(lambda));
        INDArray withPenalty = expected.add(sgd.before.mul(doubleMlp().parameterSet().weightMask()).mul(lambda));
        assertArrayEquals(withPenalty.toDoubleVector(), sgd.gradient.toDoubleVector(), 1e-12);
        assertArrayEquals(sgd.before.sub(sgd.gradient.mul(lr)).toDoubleVector(), sgd.after.toDoubleVector(), 1e-12);
    }

    @Test
    void stateCarriesTheRunsSettingsAndValidationData() {
        Split split = TrainerTest.blobs(1).split(60, 2);
        List<TrainingState> seen = new ArrayList<>();
        TrainingListener keep = new TrainingListener() {
            @Override
            public void onTrainingStart(TrainingState state) {
                seen.add(state);
            }
        };
        Trainer trainer = TrainerTest.quiet(TrainerTest.mlp()).epochs(3).listener(keep).build();
        trainer.fit(split.train(), split.validation());
        trainer.fit(split.train());
        TrainingState first = seen.get(0);
        assertSame(split.validation(), first.validation().orElseThrow());
        assertEquals(16, first.settings().orElseThrow().batchSize());
        assertSame(trainer.optimizer(), first.settings().orElseThrow().optimizer());
        assertEquals(3, first.epochs());
        assertFalse(seen.get(1).validation().isPresent());
        assertTrue(new TrainingState(TrainerTest.mlp(), 3, 1, 10).settings().isEmpty());
    }
}
