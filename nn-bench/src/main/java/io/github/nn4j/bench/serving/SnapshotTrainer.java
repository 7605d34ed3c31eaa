package io.github.nn4j.bench.serving;

import io.github.nn4j.data.DataSet;
import io.github.nn4j.losses.Loss;
import io.github.nn4j.model.Sequential;
import io.github.nn4j.optim.Adam;
import io.github.nn4j.train.Trainer;
import io.github.nn4j.train.TrainingListener;
import io.github.nn4j.train.TrainingState;
import java.util.Random;
import java.util.function.Consumer;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Trains a model in a thread of its own on synthetic Fashion-MNIST-shaped data (6,000 random
 * images, Adam, batches of 64) and hands a {@link Sequential#snapshot()} to a publisher every
 * {@value #PUBLISH_EVERY} steps, as a server that serves while it trains would. It can be paused
 * between steps, so that memory readings see its buffers but not its garbage in the making.
 */
public final class SnapshotTrainer implements TrainingListener {

    /** Steps between two published snapshots. */
    public static final int PUBLISH_EVERY = 10;

    private final Sequential model;
    private final Consumer<Sequential> publisher;
    private final Thread thread;
    private long steps;
    private long published;
    private long pauseAt = Long.MAX_VALUE;
    private boolean paused;
    private boolean stopped;

    /**
     * Starts training at once.
     *
     * @param model     a model of 784 inputs and 10 outputs
     * @param publisher receives every snapshot, on the trainer's thread
     */
    public SnapshotTrainer(Sequential model, Consumer<Sequential> publisher) {
        this.model = model;
        this.publisher = publisher;
        Random random = new Random(7);
        float[] pixels = new float[6000 * 784];
        float[] classes = new float[6000];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = random.nextFloat();
        }
        for (int i = 0; i < classes.length; i++) {
            classes[i] = random.nextInt(10);
        }
        DataSet data = new DataSet(Nd4j.create(pixels, new long[] {6000, 784}, 'c'),
                Nd4j.create(classes, new long[] {6000, 1}, 'c'));
        Trainer trainer = Trainer.builder(model).loss(Loss.softmaxCrossEntropy()).optimizer(new Adam(1e-3))
                .batchSize(64).epochs(Integer.MAX_VALUE).seed(1).logEpochs(false).progressBar(false)
                .listener(this).build();
        thread = new Thread(() -> trainer.fit(data), "trainer");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public synchronized void onBatchEnd(TrainingState state, int batch, double loss) {
        if (++steps % PUBLISH_EVERY == 0) {
            publisher.accept(model.snapshot());
            published++;
        }
        if (steps >= pauseAt) {
            paused = true;
            notifyAll();
            while (paused && !stopped) {
                try {
                    wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    stopped = true;
                }
            }
        }
        if (stopped) {
            state.requestStop("serving is over");
        }
    }

    /** Snapshots published so far. */
    public synchronized long published() {
        return published;
    }

    /**
     * Lets a running trainer run {@code more} steps, then waits until it stands still.
     *
     * @param more steps before the pause
     * @throws InterruptedException when interrupted
     */
    public synchronized void pauseAfter(long more) throws InterruptedException {
        pauseAt = steps + more;
        while (!paused) {
            wait();
        }
    }

    /** Lets a paused trainer go on. */
    public synchronized void resume() {
        pauseAt = Long.MAX_VALUE;
        paused = false;
        notifyAll();
    }

    /**
     * Stops it after its current step and waits for its thread.
     *
     * @throws InterruptedException when interrupted
     */
    public void stop() throws InterruptedException {
        synchronized (this) {
            stopped = true;
            notifyAll();
        }
        thread.join();
    }
}
