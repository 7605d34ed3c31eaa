package io.github.nn4j.bench;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.nn4j.dashboard.Dashboard;
import io.github.nn4j.dashboard.DashboardOptions;
import io.github.nn4j.data.DataSet;
import io.github.nn4j.init.Initializer;
import io.github.nn4j.losses.Loss;
import io.github.nn4j.model.Sequential;
import io.github.nn4j.optim.Sgd;
import io.github.nn4j.train.Trainer;
import io.github.nn4j.train.TrainingListener;
import com.sun.management.OperatingSystemMXBean;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * What the live dashboard costs training: workloads S (784-128-10, batch 32) and M
 * (784-512-512-10, batch 128), SGD 0.01, each trained by {@code Trainer.fit} one epoch at a time
 * in three configurations, interleaved within every repetition so that machine drift hits all
 * three: no listener; nn-dashboard's listener ({@code Dashboard.open()}, default sampling budget);
 * and the listener of another dashboard with a page open (a client reading its server-sent events).
 * Samples per second are taken over the whole {@code fit} call, by the wall clock and per second of
 * the process's CPU time (all its threads: training, BLAS, the server; less sensitive to other
 * programs on a shared machine); the table gives the medians, their ratio to "off" (1.000 = no
 * cost), and the dashboard's own measure of its cost
 * ({@code overhead}: the time its listener spent on the training thread, as a share of it).
 *
 * <p>Run: {@code mvn -q -pl nn-bench -am compile exec:java@bench
 * -Dexec.mainClass=io.github.nn4j.bench.DashboardOverheadMain -Dexec.args="7"} (repetitions,
 * default 7, after one warm-up; further arguments name workloads, S and M by default).
 */
public final class DashboardOverheadMain {

    private static final int STEPS_PER_EPOCH = 400;

    private DashboardOverheadMain() {
    }

    /**
     * Runs the measurement and prints a Markdown table.
     *
     * @param args repetitions, then optional workload names
     * @throws Exception when the page client cannot connect
     */
    public static void main(String[] args) throws Exception {
        int repetitions = args.length > 0 ? Integer.parseInt(args[0]) : 9;
        List<String> names = args.length > 1 ? Arrays.asList(args).subList(1, args.length) : List.of("S", "M");
        DashboardOptions options = DashboardOptions.defaults().port(0).quiet();
        try (Dashboard unwatched = Dashboard.start(options); Dashboard watched = Dashboard.start(options)) {
            Thread page = openPage(watched);
            System.out.println("| workload | configuration | samples/s, wall [min–max] | ÷ off | samples per CPU-second "
                    + "| ÷ off | dashboard's own cost measure |");
            System.out.println("|---|---|---:|---:|---:|---:|---:|");
            for (Workload workload : Workload.standard()) {
                if (workload.optimizer().equals("sgd") && names.contains(workload.name())) {
                    measure(workload, repetitions, unwatched, watched);
                }
            }
            page.interrupt();
        }
    }

    private static void measure(Workload workload, int repetitions, Dashboard unwatched, Dashboard watched)
            throws Exception {
        DataSet data = data(workload);
        Map<String, Trainer> trainers = new LinkedHashMap<>();
        trainers.put("off", trainer(workload, null));
        trainers.put("dashboard on", trainer(workload, unwatched.run(workload.name())));
        trainers.put("on, page open", trainer(workload, watched.run(workload.name())));
        Map<String, List<Double>> wall = new LinkedHashMap<>();
        Map<String, List<Double>> cpu = new LinkedHashMap<>();
        trainers.keySet().forEach(name -> {
            wall.put(name, new ArrayList<>());
            cpu.put(name, new ArrayList<>());
        });
        OperatingSystemMXBean system = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        for (int r = 0; r <= repetitions; r++) {
            for (Map.Entry<String, Trainer> entry : trainers.entrySet()) {
                long cpuStart = system.getProcessCpuTime();
                long start = System.nanoTime();
                entry.getValue().fit(data);
                double seconds = (System.nanoTime() - start) / 1e9;
                double cpuSeconds = (system.getProcessCpuTime() - cpuStart) / 1e9;
                if (r > 0) {                                        // repetition 0 warms up
                    wall.get(entry.getKey()).add(data.size() / seconds);
                    cpu.get(entry.getKey()).add(data.size() / cpuSeconds);
                }
            }
        }
        double offWall = Stats.of(wall.get("off")).median();
        double offCpu = Stats.of(cpu.get("off")).median();
        for (String name : trainers.keySet()) {
            Stats w = Stats.of(wall.get(name));
            Stats c = Stats.of(cpu.get(name));
            String own = name.equals("dashboard on") ? String.format(Locale.ROOT, "%.2f %%", 100 * ownCost(unwatched))
                    : name.equals("off") ? "" : String.format(Locale.ROOT, "%.2f %%", 100 * ownCost(watched));
            System.out.printf(Locale.ROOT, "| %s | %s | %,.0f [%,.0f–%,.0f] | %.3f | %,.0f | %.3f | %s |%n",
                    workload.label(), name, w.median(), w.min(), w.max(), w.median() / offWall, c.median(),
                    c.median() / offCpu, own);
        }
    }

    private static Trainer trainer(Workload workload, TrainingListener listener) {
        Sequential model = Nn4jRunner.buildModel(workload.sizes()).init(Initializer.heNormal(), 1, DataType.FLOAT);
        var builder = Trainer.builder(model).loss(Loss.softmaxCrossEntropy()).optimizer(new Sgd(workload.learningRate()))
                .batchSize(workload.batchSize()).epochs(1).seed(1).logEpochs(false).progressBar(false);
        if (listener != null) {
            builder.listener(listener);
        }
        return builder.build();
    }

    /** {@value #STEPS_PER_EPOCH} batches of standard-normal features with random one-hot labels. */
    private static DataSet data(Workload workload) {
        SyntheticBatches batches = SyntheticBatches.forWorkload(workload, STEPS_PER_EPOCH, SyntheticBatches.DEFAULT_SEED);
        return new DataSet(Nd4j.vstack(batches.features().toArray(new org.nd4j.linalg.api.ndarray.INDArray[0])),
                Nd4j.vstack(batches.labels().toArray(new org.nd4j.linalg.api.ndarray.INDArray[0])));
    }

    /** A client that keeps the page's event stream open and reads everything, as a browser tab does. */
    private static Thread openPage(Dashboard dashboard) {
        Thread reader = new Thread(() -> {
            try {
                HttpRequest request = HttpRequest.newBuilder(dashboard.address().resolve("/events")).build();
                try (InputStream events = HttpClient.newHttpClient()
                        .send(request, HttpResponse.BodyHandlers.ofInputStream()).body()) {
                    byte[] buffer = new byte[1 << 16];
                    while (events.read(buffer) >= 0 && !Thread.currentThread().isInterrupted()) {
                        Thread.onSpinWait();
                    }
                }
            } catch (Exception closed) {
                // the dashboard closed
            }
        }, "page");
        reader.setDaemon(true);
        reader.start();
        return reader;
    }

    /** The last run's own measure of the dashboard's share of training time, from the page's JSON. */
    private static double ownCost(Dashboard dashboard) throws Exception {
        String body = HttpClient.newHttpClient().send(HttpRequest.newBuilder(dashboard.address().resolve("/api/runs"))
                .build(), HttpResponse.BodyHandlers.ofString()).body();
        var runs = JsonParser.parseString(body).getAsJsonObject().getAsJsonArray("runs");
        JsonObject last = runs.get(runs.size() - 1).getAsJsonObject();
        return last.getAsJsonObject("progress").get("overhead").getAsDouble();
    }
}
