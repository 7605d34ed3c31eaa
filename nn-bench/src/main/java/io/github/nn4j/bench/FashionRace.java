package io.github.nn4j.bench;

import io.github.nn4j.data.DataSet;
import io.github.nn4j.data.FashionMnist;
import io.github.nn4j.data.Normalizer;
import io.github.nn4j.data.Split;
import io.github.nn4j.eval.Evaluation;
import io.github.nn4j.examples.FashionMnistRecipe;
import io.github.nn4j.model.Sequential;
import io.github.nn4j.train.EarlyStopping;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Fashion-MNIST, wall time to test accuracy: {@code FashionMnistDemo}'s default recipe
 * ({@link FashionMnistRecipe#FAST}: 55,000 images, validation on 5,000 after every epoch, the best
 * epoch's weights kept) trained in this JVM, against PyTorch's 10-epoch reference script
 * ({@code nn-bench/peers/torch_fashion_mnist.py}, all 60,000 images) in a child process, taking
 * turns. Timed: nn4j's {@code Trainer.fit} (with its validation passes) and the script's training
 * loop; neither's data loading or test pass.
 *
 * @param recipe        the recipe line
 * @param nn4jSeconds   nn4j's fit time per round
 * @param nn4jAccuracy  nn4j's test accuracy (the same every round)
 * @param torchSeconds  PyTorch's training time per round
 * @param torchAccuracy PyTorch's test accuracy of the last round
 * @param note          why a part did not run, or {@code null}
 */
public record FashionRace(String recipe, List<Double> nn4jSeconds, double nn4jAccuracy, List<Double> torchSeconds,
                          double torchAccuracy, String note) {

    /**
     * Runs the race.
     *
     * @param rounds   turns of each (the medians are reported)
     * @param progress receives a line before each turn
     * @return the times and accuracies, or a note when the data or a peer is missing
     */
    public static FashionRace run(int rounds, Consumer<String> progress) {
        if (!Files.isDirectory(FashionMnist.defaultDirectory())) {
            return new FashionRace("", List.of(), Double.NaN, List.of(), Double.NaN,
                    "skipped: no Fashion-MNIST (apt-get install dataset-fashion-mnist)");
        }
        FashionMnist data;
        try {
            data = FashionMnist.load();
        } catch (IOException e) {
            return new FashionRace("", List.of(), Double.NaN, List.of(), Double.NaN, "skipped: " + e.getMessage());
        }
        FashionMnistRecipe recipe = FashionMnistRecipe.FAST;
        List<Double> nn4j = new ArrayList<>();
        List<Double> torch = new ArrayList<>();
        double accuracy = Double.NaN;
        double torchAccuracy = Double.NaN;
        String note = null;
        String line = "";
        for (int round = 0; round < rounds; round++) {
            progress.accept("Fashion-MNIST round " + (round + 1) + ": PyTorch's reference script");
            Map<String, String> peer = torchRun();
            if (peer.containsKey("train_seconds")) {
                torch.add(Double.parseDouble(peer.get("train_seconds")));
                torchAccuracy = Double.parseDouble(peer.get("test_accuracy"));
            } else {
                note = "PyTorch: " + peer.getOrDefault("note", "no result");
            }
            progress.accept("Fashion-MNIST round " + (round + 1) + ": nn4j, recipe '" + recipe.name() + "'");
            Split split = data.train().split(5_000, FashionMnistRecipe.SEED);
            Normalizer normalizer = recipe.normalizer(split.train());
            DataSet train = normalizer == null ? split.train() : normalizer.transform(split.train());
            DataSet validation = normalizer == null ? split.validation() : normalizer.transform(split.validation());
            DataSet test = normalizer == null ? data.test() : normalizer.transform(data.test());
            Sequential model = recipe.network();
            long start = System.nanoTime();
            recipe.trainer(model, EarlyStopping.monitor("val_accuracy").patience(5)).fit(train, validation);
            nn4j.add((System.nanoTime() - start) / 1e9);
            accuracy = Evaluation.classify(model, test).accuracy();
            line = recipe.describe(train.size(), validation.size());
        }
        return new FashionRace(line, nn4j, accuracy, torch, torchAccuracy, note);
    }

    /** The script's result words, or a {@code note}. */
    private static Map<String, String> torchRun() {
        var directory = PythonPeers.scriptDirectory();
        if (directory.isEmpty() || !Files.isExecutable(PythonPeers.PYTHON)) {
            return Map.of("note", "skipped: no nn-bench/peers or no " + PythonPeers.PYTHON);
        }
        ChildProcess output = ChildProcess.run(new ProcessBuilder(PythonPeers.PYTHON.toString(),
                directory.get().resolve("torch_fashion_mnist.py").toString()), 1800);
        for (String text : output.output().split("\n")) {
            if (text.startsWith("PEER-RESULT ")) {
                return PythonPeers.keyValues(text);
            }
        }
        String tail = output.output().strip();
        return Map.of("note", "failed (exit " + output.exitCode() + "): " + tail.substring(Math.max(0, tail.length() - 200)));
    }

    /** Median of nn4j's times ÷ median of PyTorch's, or NaN. */
    public double timeRatio() {
        return nn4jSeconds.isEmpty() || torchSeconds.isEmpty() ? Double.NaN
                : Stats.of(nn4jSeconds).median() / Stats.of(torchSeconds).median();
    }

    /** A Markdown line per runner. */
    public String markdown() {
        if (nn4jSeconds.isEmpty()) {
            return "Fashion-MNIST: " + note + "\n";
        }
        StringBuilder md = new StringBuilder("| Fashion-MNIST | seconds (median [each round]) | test accuracy |\n|---|---:|---:|\n");
        md.append("| nn4j, ").append(recipe).append(" | ").append(seconds(nn4jSeconds)).append(" | ")
                .append(String.format(java.util.Locale.ROOT, "%.4f", nn4jAccuracy)).append(" |\n");
        if (!torchSeconds.isEmpty()) {
            md.append("| PyTorch, torch_fashion_mnist.py (10 epochs, 60,000 images, batch 128, Adam 1e-3) | ")
                    .append(seconds(torchSeconds)).append(" | ")
                    .append(String.format(java.util.Locale.ROOT, "%.4f", torchAccuracy)).append(" |\n");
        }
        if (note != null) {
            md.append('\n').append(note).append('\n');
        }
        return md.toString();
    }

    private static String seconds(List<Double> values) {
        return String.format(java.util.Locale.ROOT, "%.1f %s", Stats.of(values).median(),
                values.stream().map(v -> String.format(java.util.Locale.ROOT, "%.1f", v)).toList());
    }
}
