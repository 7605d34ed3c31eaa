package io.github.nn4j.internal.train;

import io.github.nn4j.layers.Layer;
import io.github.nn4j.model.LayerObserver;
import io.github.nn4j.train.TrainingListener;
import io.github.nn4j.train.TrainingState;
import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Collects the {@link TrainingListener#stepObserver observers} the listeners ask for before a step:
 * none (the usual case, no allocation), one, or several called in the listeners' order.
 */
public final class StepObservers implements LayerObserver {

    private final List<LayerObserver> observers;

    private StepObservers(List<LayerObserver> observers) {
        this.observers = observers;
    }

    /**
     * The observer of the coming step.
     *
     * @param listeners the run's listeners, in call order
     * @param state     the run
     * @param batch     the batch about to run, 1-based
     * @return {@code null} when no listener watches this step
     */
    public static LayerObserver ask(List<TrainingListener> listeners, TrainingState state, int batch) {
        LayerObserver only = null;
        List<LayerObserver> several = null;
        for (TrainingListener listener : listeners) {
            LayerObserver observer = listener.stepObserver(state, batch);
            if (observer == null) {
                continue;
            }
            if (only == null) {
                only = observer;
            } else {
                if (several == null) {
                    several = new ArrayList<>(List.of(only));
                }
                several.add(observer);
            }
        }
        return several == null ? only : new StepObservers(several);
    }

    @Override
    public void beforeForward(int index, Layer layer, INDArray input) {
        observers.forEach(observer -> observer.beforeForward(index, layer, input));
    }

    @Override
    public void afterForward(int index, Layer layer, INDArray output) {
        observers.forEach(observer -> observer.afterForward(index, layer, output));
    }

    @Override
    public void beforeBackward(int index, Layer layer, INDArray outputGradient) {
        observers.forEach(observer -> observer.beforeBackward(index, layer, outputGradient));
    }

    @Override
    public void afterBackward(int index, Layer layer, INDArray inputGradient) {
        observers.forEach(observer -> observer.afterBackward(index, layer, inputGradient));
    }
}
