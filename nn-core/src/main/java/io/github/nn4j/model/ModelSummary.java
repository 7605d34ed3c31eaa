package io.github.nn4j.model;

import io.github.nn4j.base.ParameterSpec;
import io.github.nn4j.layers.Layer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Formats the table behind {@link Sequential#summary()}. A model with state that is not trained
 * (running statistics) gets a column and a total line for it; other models' tables are unchanged.
 */
final class ModelSummary {

    private static final String[] HEADINGS = {"Layer", "Type", "Output shape", "Parameters", "Not trained"};

    private ModelSummary() {
    }

    static String of(Sequential model) {
        List<String[]> rows = new ArrayList<>();
        int width = model.inputSize(); // layers before the first sized one preserve its width
        long total = 0;
        long stateTotal = 0;
        for (int i = 0; i < model.layers().size(); i++) {
            Layer layer = model.layers().get(i);
            if (layer.inputSize() != Layer.ANY_SIZE) {
                width = layer.inputSize();
            }
            if (width != Layer.ANY_SIZE) {
                width = layer.outputSize(width);
            }
            long count = count(layer, true);
            long state = count(layer, false);
            total += count;
            stateTotal += state;
            rows.add(new String[] {model.layerName(i), layer.toString(),
                "[-1, " + (width == Layer.ANY_SIZE ? "?" : String.valueOf(width)) + "]", grouped(count),
                grouped(state)});
        }
        int columns = model.states().isEmpty() ? 4 : 5;
        int[] widths = new int[columns];
        int lineWidth = 2 * (columns - 1);
        for (int c = 0; c < columns; c++) {
            widths[c] = HEADINGS[c].length();
            for (String[] row : rows) {
                widths[c] = Math.max(widths[c], row[c].length());
            }
            lineWidth += widths[c];
        }
        String rule = "=".repeat(lineWidth) + "\n";
        StringBuilder text = new StringBuilder();
        text.append(line(HEADINGS, widths)).append(rule);
        for (String[] row : rows) {
            text.append(line(row, widths));
        }
        text.append(rule);
        text.append("Total parameters: ").append(totals(total, model.dataType())).append('\n');
        if (stateTotal > 0) {
            text.append("Not trained (running statistics, saved with the model): ")
                    .append(totals(stateTotal, model.dataType())).append('\n');
        }
        return text.toString();
    }

    private static long count(Layer layer, boolean trained) {
        return layer.parameterSpecs().stream().filter(spec -> spec.kind().trained() == trained)
                .mapToLong(ParameterSpec::length).sum();
    }

    private static String totals(long count, DataType dataType) {
        return grouped(count) + " (" + (dataType == DataType.DOUBLE ? "float64" : "float32") + ", "
                + grouped(count * dataType.width()) + " bytes)";
    }

    /** Left-aligned text columns, the counts right-aligned, two spaces apart. */
    private static String line(String[] cells, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int c = 0; c < widths.length; c++) {
            if (c > 0) {
                line.append("  ");
            }
            boolean count = c >= 3;
            String padding = " ".repeat(widths[c] - cells[c].length());
            line.append(count ? padding + cells[c] : cells[c] + (c == widths.length - 1 ? "" : padding));
        }
        return line.append('\n').toString();
    }

    private static String grouped(long number) {
        return String.format(Locale.ROOT, "%,d", number);
    }
}
