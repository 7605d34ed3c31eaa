package io.github.nn4j.dashboard;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Headless Debian Chromium driven by its chromedriver, for the end-to-end tests. Without them the
 * test is skipped with a note, except under {@code CI=true}, where it fails ({@code .ci/run}
 * installs both).
 */
final class Browser {

    static final Path CHROMIUM = Path.of(System.getProperty("nn4j.chromium", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(System.getProperty("nn4j.chromedriver", "/usr/bin/chromedriver"));

    private Browser() {
    }

    /** Skips (or, under CI=true, fails) the calling test when Chromium or chromedriver is missing. */
    static void requireChromium() {
        if (Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER)) {
            return;
        }
        String note = "the browser test needs Debian's chromium and chromium-driver (" + CHROMIUM + ", " + CHROMEDRIVER
                + "): sudo apt-get install -y chromium chromium-driver";
        if ("true".equals(System.getenv("CI"))) {
            fail(note + " — required under CI=true (.ci/run installs them)");
        }
        Assumptions.abort("skipped: " + note);
    }

    /** A fresh headless Chromium with its own empty profile. */
    static ChromeDriver start(Path profile) throws IOException {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1440,2400",
                "--user-data-dir=" + Files.createDirectories(profile).toAbsolutePath());
        options.setCapability("goog:loggingPrefs", Map.of("browser", "ALL"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(20));
        return driver;
    }
}
