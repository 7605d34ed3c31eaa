package io.github.nn4j.model;

import io.github.nn4j.base.ParameterSpec;
import io.github.nn4j.layers.Layer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Formats the table behind {@link Sequential#summary()}. */
final class ModelSummary {

    private static final String[] HEADINGS = {"Layer", "Type", "Output shape", "Parameters"};

    private ModelSummary() {
    }

    static String of(Sequential model) {
        List<String[]> rows = new ArrayList<>();
        int width = model.inputSize(); // layers before the first sized one preserve its width
        long total = 0;
        for (int i = 0; i < model.layers().size(); i++) {
            Layer layer = model.layers().get(i);
            if (layer.inputSize() != Layer.ANY_SIZE) {
                width = layer.inputSize();
            }
            if (width != Layer.ANY_SIZE) {
                width = layer.outputSize(width);
            }
            long count = layer.parameterSpecs().stream().mapToLong(ParameterSpec::length).sum();
            total += count;
            rows.add(new String[] {model.layerName(i), layer.toString(),
                "[-1, " + (width == Layer.ANY_SIZE ? "?" : String.valueOf(width)) + "]", grouped(count)});
        }
        int[] widths = new int[HEADINGS.length];
        for (int c = 0; c < widths.length; c++) {
            widths[c] = HEADINGS[c].length();
            for (String[] row : rows) {
                widths[c] = Math.max(widths[c], row[c].length());
            }
        }
        int lineWidth = widths[0] + widths[1] + widths[2] + widths[3] + 6;
        String rule = "=".repeat(lineWidth) + "\n";
        StringBuilder text = new StringBuilder();
        text.append(line(HEADINGS, widths)).append(rule);
        for (String[] row : rows) {
            text.append(line(row, widths));
        }
        text.append(rule);
        long bytes = total * model.dataType().width();
        text.append("Total parameters: ").append(grouped(total)).append(" (")
                .append(model.dataType() == org.nd4j.linalg.api.buffer.DataType.DOUBLE ? "float64" : "float32")
                .append(", ").append(grouped(bytes)).append(" bytes)\n");
        return text.toString();
    }

    /** Left-aligned text columns, the count right-aligned, two spaces apart. */
    private static String line(String[] cells, int[] widths) {
        return pad(cells[0], widths[0]) + "  " + pad(cells[1], widths[1]) + "  " + pad(cells[2], widths[2]) + "  "
                + " ".repeat(widths[3] - cells[3].length()) + cells[3] + "\n";
    }

    private static String pad(String text, int width) {
        return text + " ".repeat(width - text.length());
    }

    private static String grouped(long number) {
        return String.format(Locale.ROOT, "%,d", number);
    }
}
