package io.github.nn4j.dashboard;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/** What the dashboard page shows, read the way the test needs it: chart points, tables, texts. */
final class Page {

    private final ChromeDriver browser;

    Page(ChromeDriver browser) {
        this.browser = browser;
    }

    /** Waits up to 30 s for {@code condition}, which may fail while the page is still building. */
    void waitFor(BooleanSupplier condition) {
        new WebDriverWait(browser, Duration.ofSeconds(30), Duration.ofMillis(100)).ignoring(RuntimeException.class)
                .until(driver -> condition.getAsBoolean());
    }

    /** The points drawn for the line labelled {@code label} in chart {@code chart}, in x order. */
    List<Double> points(String chart, String label) {
        Object values = browser.executeScript("""
                const box = document.querySelector('[data-chart="' + arguments[0] + '"] .plot');
                const plot = box && box.__uplot;
                if (!plot) return [];
                const i = plot.series.findIndex((s) => s.label === arguments[1]);
                return i < 0 ? [] : plot.data[i].filter((v) => v !== null && v !== undefined);
                """, chart, label);
        List<Double> points = new ArrayList<>();
        for (Object value : (List<?>) values) {
            points.add(((Number) value).doubleValue());
        }
        return points;
    }

    /** The number of lines in a panel's chart. */
    int seriesCount(WebElement panel) {
        Object count = browser.executeScript("""
                const plot = arguments[0].querySelector('.plot').__uplot;
                return plot ? plot.series.length - 1 : 0;
                """, panel);
        return ((Number) count).intValue();
    }

    /** Every chart's labels and points, as one text, to compare two pages. */
    String allChartData() {
        return (String) browser.executeScript("""
                const charts = [];
                for (const box of document.querySelectorAll('.plot')) {
                  if (!box.__uplot) continue;
                  const owner = box.closest('[data-chart],[data-layer]');
                  const name = owner.dataset.chart || owner.dataset.layer;
                  charts.push([name, box.__uplot.series.map((s) => s.label), box.__uplot.data]);
                }
                charts.sort((a, b) => a[0] < b[0] ? -1 : 1);
                return JSON.stringify(charts);
                """);
    }

    /** The confusion matrix's counts, rows actual, columns predicted. */
    long[][] confusion() {
        List<WebElement> rows = browser.findElements(By.cssSelector("#confusion tr"));
        long[][] matrix = new long[rows.size() - 1][];
        for (int r = 1; r < rows.size(); r++) {
            List<WebElement> cells = rows.get(r).findElements(By.tagName("td"));
            matrix[r - 1] = cells.stream().mapToLong(cell -> Long.parseLong(cell.getText().trim())).toArray();
        }
        return matrix;
    }

    /** The class names over the confusion matrix's columns. */
    List<String> confusionClasses() {
        List<WebElement> heads = browser.findElements(By.cssSelector("#confusion tr:first-child th"));
        return heads.subList(1, heads.size()).stream().map(head -> head.getText()).toList();
    }

    /** The visible text of the first element matching {@code css}. */
    String text(String css) {
        return browser.findElement(By.cssSelector(css)).getText();
    }
}
