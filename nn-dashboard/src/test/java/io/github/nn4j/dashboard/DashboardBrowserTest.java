package io.github.nn4j.dashboard;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nn4j.data.Split;
import io.github.nn4j.eval.Evaluation;
import io.github.nn4j.model.Sequential;
import io.github.nn4j.train.EpochResult;
import io.github.nn4j.train.History;
import io.github.nn4j.train.TrainingListener;
import io.github.nn4j.train.TrainingState;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;

/**
 * A real training run watched in real headless Chromium: what a person would see on the page, while
 * training runs and afterwards, and again in a replay of the saved run.
 */
class DashboardBrowserTest {

    private static final String NAME = "blobs <img src=x id=injected> & \"dropout\"";
    private static final List<String> CLASSES = List.of("north", "east <b>", "west");
    private static final int EPOCHS = 5;

    @TempDir
    Path dir;

    /** Holds training at each epoch's end until the test lets it go on. */
    private static final class Gate implements TrainingListener {
        final Semaphore permits = new Semaphore(0);
        final List<Double> stepLosses = new ArrayList<>();

        @Override
        public void onBatchEnd(TrainingState state, int batch, double loss) {
            stepLosses.add(loss);
        }

        @Override
        public void onEpochEnd(TrainingState state, EpochResult result) {
            try {
                if (!permits.tryAcquire(60, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("the test never let epoch " + result.epoch() + " go on");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Test
    void aPersonSeesTheRunLiveWithEveryChartAndTheSameChartsInAReplay() throws Exception {
        Browser.requireChromium();
        Split split = TrainingFixtures.blobs(450, 3).split(90, 4);
        Sequential model = TrainingFixtures.model();
        Path saved = dir.resolve("blobs.run.json");
        Gate gate = new Gate();
        try (Dashboard dashboard = Dashboard.start(DashboardOptions.defaults().port(0).quiet());
             Dashboard replay = Dashboard.start(DashboardOptions.defaults().port(0).quiet())) {
            DashboardRun run = dashboard.run(NAME).classNames(CLASSES).saveTo(saved);
            CompletableFuture<History> training = CompletableFuture.supplyAsync(() -> TrainingFixtures
                    .trainer(model, EPOCHS).listener(run).listener(gate).build().fit(split.train(), split.validation()));
            ChromeDriver browser = Browser.start(dir.resolve("profile"));
            try {
                Page page = new Page(browser);
                browser.get(dashboard.address().toString());

                // While training: the curves grow, epoch by epoch.
                page.waitFor(() -> page.points("epoch-loss", NAME + " loss").size() == 1);
                int stepsAfterOne = page.points("step-loss", NAME + " loss").size();
                assertEquals(23, stepsAfterOne);             // 360 rows in batches of 16
                gate.permits.release();
                page.waitFor(() -> page.points("epoch-loss", NAME + " loss").size() == 2);
                assertTrue(page.points("step-loss", NAME + " loss").size() > stepsAfterOne);
                gate.permits.release(EPOCHS);
                History history = training.get(60, TimeUnit.SECONDS);
                page.waitFor(() -> page.text(".run .status").startsWith("finished")
                        && page.points("epoch-loss", NAME + " loss").size() == EPOCHS);

                // The loss curves are History's numbers and every step's loss.
                assertEquals(history.trainLoss(), page.points("epoch-loss", NAME + " loss"));
                assertEquals(history.metric("val_loss"), page.points("epoch-loss", NAME + " val_loss"));
                assertEquals(history.metric("val_accuracy"), page.points("epoch-metrics", NAME + " val_accuracy"));
                assertEquals(gate.stepLosses, page.points("step-loss", NAME + " loss"));

                // Every layer's panel, with its curves.
                for (int i = 0; i < model.layers().size(); i++) {
                    WebElement panel = browser.findElement(By.cssSelector("[data-layer='" + model.layerName(i) + "']"));
                    assertTrue(panel.getText().contains(model.layers().get(i).toString()), panel.getText());
                    assertTrue(page.seriesCount(panel) >= 2, model.layerName(i) + " has its curves");
                }

                // The confusion matrix is Evaluation.classify's, under the class names.
                long[][] expected = Evaluation.classify(model, split.validation(), CLASSES).confusionMatrix();
                assertArrayEquals(expected, page.confusion());
                assertEquals(CLASSES, page.confusionClasses());

                // Names are text, never markup.
                assertTrue(page.text(".run .name").equals(NAME));
                assertNull(browser.executeScript("return document.getElementById('injected')"));
                assertEquals(0L, browser.executeScript("return document.querySelectorAll('#confusion b').length"));
                Files.write(Path.of("target", "dashboard-e2e.png"), browser.getScreenshotAs(OutputType.BYTES));
                String charts = page.allChartData();

                // A replay of the saved run shows the same charts.
                replay.load(saved);
                browser.get(replay.address().toString());
                page.waitFor(() -> page.text(".run .status").startsWith("replay"));
                page.waitFor(() -> page.points("epoch-loss", NAME + " loss").size() == EPOCHS);
                page.waitFor(() -> browser.findElements(By.cssSelector("[data-layer]")).size() == 5);
                assertEquals(charts, page.allChartData());
                assertArrayEquals(expected, page.confusion());
                Files.write(Path.of("target", "dashboard-replay.png"), browser.getScreenshotAs(OutputType.BYTES));
                assertEquals(List.of(), severeConsoleMessages(browser));
            } finally {
                browser.quit();
            }

            // Bound to 127.0.0.1: reachable there, refused on another address of this machine.
            int port = dashboard.address().getPort();
            assertEquals("127.0.0.1", dashboard.address().getHost());
            try (Socket reachable = new Socket()) {
                reachable.connect(new InetSocketAddress("127.0.0.1", port), 2000);
            }
            assertThrows(ConnectException.class, () -> {
                try (Socket other = new Socket()) {
                    other.connect(new InetSocketAddress("127.0.0.2", port), 2000);
                }
            });
            assertThrows(IOException.class, () -> {          // refused, or no IPv6 at all
                try (Socket other = new Socket()) {
                    other.connect(new InetSocketAddress("::1", port), 2000);
                }
            });
        }
    }

    private static List<String> severeConsoleMessages(ChromeDriver browser) {
        List<String> severe = new ArrayList<>();
        for (LogEntry entry : browser.manage().logs().get(LogType.BROWSER)) {
            if (entry.getLevel().intValue() >= Level.SEVERE.intValue() && !entry.getMessage().contains("favicon")) {
                severe.add(entry.getMessage());
            }
        }
        return severe;
    }
}
