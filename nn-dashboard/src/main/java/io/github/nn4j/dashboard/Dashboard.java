package io.github.nn4j.dashboard;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A live training dashboard: a web page, served from this JVM, that draws training runs as they
 * train. Started with one line, it prints its address:
 *
 * <pre>{@code
 * Trainer.builder(model)
 *         .loss(Loss.softmaxCrossEntropy())
 *         .listener(Dashboard.open())          // nn4j dashboard: http://127.0.0.1:7750/
 *         .build()
 *         .fit(train, validation);
 * }</pre>
 *
 * <p>The page shows, per run: the training loss per step (raw and smoothed) and per epoch, the
 * validation loss and metrics per epoch, the learning rate, samples per second and the time left;
 * per layer the weights' norm, the gradient's norm and the update-to-weight ratio on a log scale;
 * per activation layer the mean and spread of the activations and the share of dead ReLUs or of
 * saturated sigmoid/tanh units; the validation confusion matrix of a classifier; the model summary
 * and the training settings. Several runs share one page ({@link #open(String)} once per run), to
 * compare their curves. A run saved with {@link DashboardRun#saveTo} opens again later, without
 * training, with {@link #replay(Path...)}.
 *
 * <p>Safety: the server binds 127.0.0.1 unless {@link DashboardOptions#bindTo} names another
 * address; it answers GET requests for a fixed list of paths only, so nothing a page sends can
 * change training or read a file; every name is JSON-escaped and shown as text; each curve keeps at
 * most {@link DashboardOptions#maxPoints} points however long the run. Its threads are daemons: the
 * JVM ends when training code ends (call {@link #awaitClose()} to keep serving).
 */
public final class Dashboard implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Dashboard.class);
    private static Dashboard shared;

    private final DashboardOptions options;
    private final List<RunRecord> records = new ArrayList<>();
    private final CountDownLatch closed = new CountDownLatch(1);
    private final DashboardServer server;
    private int lastId;

    private Dashboard(DashboardOptions options) {
        this.options = options;
        this.server = DashboardServer.start(this, options);
        LOG.info("nn4j dashboard: {}", address());
        if (options.printAddress()) {
            System.out.println("nn4j dashboard: " + address());
        }
    }

    /**
     * Starts a dashboard with the {@link DashboardOptions#defaults() default options}.
     *
     * @return the running dashboard
     * @throws UncheckedIOException when the server cannot bind
     */
    public static Dashboard start() {
        return start(DashboardOptions.defaults());
    }

    /**
     * Starts a dashboard.
     *
     * @param options where to serve and how to sample
     * @return the running dashboard
     * @throws UncheckedIOException when the server cannot bind
     */
    public static Dashboard start(DashboardOptions options) {
        return new Dashboard(options);
    }

    /**
     * This JVM's shared dashboard, started with the default options on first use.
     *
     * @return the running dashboard
     */
    public static synchronized Dashboard shared() {
        if (shared == null || shared.closed.getCount() == 0) {
            shared = start();
        }
        return shared;
    }

    /**
     * A new run, named "run N", on the shared dashboard: {@code .listener(Dashboard.open())}.
     *
     * @return the run's listener
     */
    public static DashboardRun open() {
        return shared().run(null);
    }

    /**
     * A new run on the shared dashboard, e.g. {@code Dashboard.open("dropout 0.5")}.
     *
     * @param name the run's name on the page
     * @return the run's listener
     */
    public static DashboardRun open(String name) {
        return shared().run(name);
    }

    /**
     * Shows saved runs on the shared dashboard, without training.
     *
     * @param files files written by {@link DashboardRun#saveTo} or {@link DashboardRun#save}
     * @return the dashboard showing them
     * @throws IOException              when a file cannot be read
     * @throws IllegalArgumentException naming the file and the problem when one is not a saved run
     */
    public static Dashboard replay(Path... files) throws IOException {
        Dashboard dashboard = shared();
        for (Path file : files) {
            dashboard.load(file);
        }
        return dashboard;
    }

    /**
     * A new run on this dashboard.
     *
     * @param name the run's name on the page, or {@code null} for "run N"
     * @return the run's listener
     */
    public DashboardRun run(String name) {
        synchronized (records) {
            return new DashboardRun(this, name == null ? "run " + (lastId + 1) : name);
        }
    }

    /**
     * Shows a saved run on this dashboard.
     *
     * @param file a file written by {@link DashboardRun#saveTo} or {@link DashboardRun#save}
     * @throws IOException              when it cannot be read
     * @throws IllegalArgumentException naming the problem when it is not a saved run
     */
    public void load(Path file) throws IOException {
        RunFile.read(file, this);
    }

    /** The page's address, e.g. {@code http://127.0.0.1:7750/}. */
    public URI address() {
        return server.address();
    }

    /** The options it was started with. */
    public DashboardOptions options() {
        return options;
    }

    /**
     * Blocks until {@link #close()} is called from another thread, to keep serving the page after
     * training, e.g. at the end of {@code main}.
     *
     * @throws InterruptedException when the waiting thread is interrupted
     */
    public void awaitClose() throws InterruptedException {
        closed.await();
    }

    /** Stops the server; open pages keep what they show. */
    @Override
    public void close() {
        if (closed.getCount() > 0) {
            closed.countDown();
            server.stop();
        }
    }

    /** Whether {@link #close()} was called. */
    boolean isClosed() {
        return closed.getCount() == 0;
    }

    /** A new run record, dropping the oldest finished run beyond {@link DashboardOptions#maxRuns}. */
    RunRecord newRecord(String name) {
        synchronized (records) {
            RunRecord record = new RunRecord(++lastId, name, options.maxPoints());
            if (records.size() >= options.maxRuns()) {
                RunRecord oldest = records.stream().filter(r -> !RunRecord.TRAINING.equals(r.status())).findFirst()
                        .orElse(records.get(0));
                records.remove(oldest);
            }
            records.add(record);
            return record;
        }
    }

    /** The runs, oldest first. */
    List<RunRecord> records() {
        synchronized (records) {
            return List.copyOf(records);
        }
    }
}
