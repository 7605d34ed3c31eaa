package io.github.nn4j.examples;

import io.github.nn4j.dashboard.Dashboard;
import io.github.nn4j.dashboard.DashboardRun;
import io.github.nn4j.data.DataSet;
import io.github.nn4j.eval.Evaluation;
import io.github.nn4j.init.Initializer;
import io.github.nn4j.layers.Dense;
import io.github.nn4j.layers.Dropout;
import io.github.nn4j.layers.Layer;
import io.github.nn4j.layers.ReLU;
import io.github.nn4j.layers.Tanh;
import io.github.nn4j.losses.Loss;
import io.github.nn4j.model.Sequential;
import io.github.nn4j.optim.Adam;
import io.github.nn4j.optim.AdamW;
import io.github.nn4j.optim.Optimizer;
import io.github.nn4j.train.History;
import io.github.nn4j.train.Trainer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The live training dashboard on {@link RegularizationDemo}'s question: an over-sized MLP on 50
 * noisy two-moons points, trained with no regularization, with dropout and with weight decay, all
 * three on one page to compare their curves (the training loss falls furthest without
 * regularization while the validation loss turns up: over-fitting, as it happens), plus a tanh
 * network whose saturated units the page shows. Each run is saved for a replay.
 *
 * <pre>
 * mvn -q -pl nn-examples -am compile exec:java -Dexec.mainClass=io.github.nn4j.examples.DashboardDemo
 *     # prints "nn4j dashboard: http://127.0.0.1:7750/": open it; Ctrl-C ends the demo
 * mvn -q -pl nn-examples -am compile exec:java -Dexec.mainClass=io.github.nn4j.examples.DashboardDemo \
 *     -Dexec.args="--replay nn-examples/output/dashboard-dropout.run.json"      # no training
 * </pre>
 * {@code -Dexec.args=--exit} ends the program when training ends instead of serving on.
 */
public final class DashboardDemo {

    private static final long SEED = 7;
    private static final int HIDDEN = 128;
    private static final int EPOCHS = 300;
    private static final int BATCH = 10;
    private static final double LEARNING_RATE = 0.01;
    private static final List<String> CLASSES = List.of("upper moon", "lower moon");

    private DashboardDemo() {
    }

    /**
     * Trains the runs with the dashboard on, or replays saved runs.
     *
     * @param args {@code --replay FILE…} to show saved runs; {@code --exit} to end after training;
     *             otherwise the folder for the saved runs (default {@code nn-examples/output})
     * @throws Exception when a file cannot be read or written
     */
    public static void main(String[] args) throws Exception {
        List<String> arguments = new ArrayList<>(Arrays.asList(args));
        if (!arguments.isEmpty() && arguments.get(0).equals("--replay")) {
            Dashboard.replay(arguments.subList(1, arguments.size()).stream().map(Path::of).toArray(Path[]::new))
                    .awaitClose();
            return;
        }
        boolean exit = arguments.remove("--exit");
        Path output = Files.createDirectories(Path.of(arguments.isEmpty() ? "nn-examples/output" : arguments.get(0)));
        Random random = new Random(SEED);
        DataSet train = twoMoons(50, random);
        DataSet validation = twoMoons(1000, random);
        System.out.printf("%-24s %10s %10s%n", "run", "train acc", "val acc");
        run("no regularization", mlp(0, false), new Adam(LEARNING_RATE), train, validation, output);
        run("dropout 0.5", mlp(0.5, false), new Adam(LEARNING_RATE), train, validation, output);
        run("weight decay 0.5", mlp(0, false), new AdamW(LEARNING_RATE).weightDecay(0.5), train, validation, output);
        run("tanh, no regularization", mlp(0, true), new Adam(LEARNING_RATE), train, validation, output);
        System.out.println("runs saved in " + output + "; show them again without training with"
                + " -Dexec.args=\"--replay " + output.resolve("dashboard-dropout-0.5.run.json") + "\"");
        if (!exit) {
            System.out.println("serving " + Dashboard.shared().address() + " until you stop the program (Ctrl-C)");
            Dashboard.shared().awaitClose();
        }
    }

    private static void run(String name, Sequential model, Optimizer optimizer, DataSet train, DataSet validation,
                            Path output) {
        model.init(Initializer.he(), SEED);
        DashboardRun dashboard = Dashboard.open(name).classNames(CLASSES)
                .saveTo(output.resolve("dashboard-" + name.replaceAll("[^A-Za-z0-9.]+", "-") + ".run.json"));
        History history = Trainer.builder(model)
                .loss(Loss.softmaxCrossEntropy())
                .optimizer(optimizer)
                .batchSize(BATCH).epochs(EPOCHS).seed(SEED)
                .logEpochs(false).progressBar(false)
                .listener(dashboard)
                .build()
                .fit(train, validation);
        System.out.printf("%-24s %9.1f%% %9.1f%%%n", name, 100 * history.last("accuracy"),
                100 * Evaluation.classify(model, validation).accuracy());
    }

    /** 2 → 128 → 128 → 2 with ReLU (or tanh) and optional dropout after each hidden layer. */
    private static Sequential mlp(double dropout, boolean tanh) {
        List<Layer> layers = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            layers.add(new Dense(i == 0 ? 2 : HIDDEN, HIDDEN));
            layers.add(tanh ? new Tanh() : new ReLU());
            if (dropout > 0) {
                layers.add(new Dropout(dropout));
            }
        }
        layers.add(new Dense(HIDDEN, 2));
        return new Sequential(layers);
    }

    /** Two interleaved half circles with Gaussian noise (σ 0.25); class indices, 10 % flipped. */
    static DataSet twoMoons(int n, Random random) {
        float[][] features = new float[n][2];
        float[] labels = new float[n];
        for (int i = 0; i < n; i++) {
            int label = i % 2;
            double angle = Math.PI * random.nextDouble();
            double x = label == 0 ? Math.cos(angle) : 1 - Math.cos(angle);
            double y = label == 0 ? Math.sin(angle) : 0.5 - Math.sin(angle);
            features[i][0] = (float) (x + 0.25 * random.nextGaussian() - 0.5);
            features[i][1] = (float) (y + 0.25 * random.nextGaussian() - 0.25);
            labels[i] = random.nextDouble() < 0.1 ? 1 - label : label;
        }
        return new DataSet(Nd4j.create(features), Nd4j.create(labels));
    }
}
