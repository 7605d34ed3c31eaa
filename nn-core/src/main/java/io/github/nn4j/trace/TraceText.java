package io.github.nn4j.trace;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Renders a {@link StepTrace} as a worked example: one named quantity per line, aligned. */
final class TraceText {

    private static final int MAX_ROWS = 8;
    private static final int MAX_COLUMNS = 8;

    private final StepTrace trace;
    private final String number;
    private final List<String[]> lines = new ArrayList<>();

    TraceText(StepTrace trace, int decimals) {
        if (decimals < 1 || decimals > 16) {
            throw new IllegalArgumentException("decimals must be between 1 and 16, got " + decimals);
        }
        this.trace = trace;
        this.number = "% ." + decimals + "f";
    }

    String render() {
        List<LayerTrace> layers = trace.layers();
        String outputSymbol = layers.get(layers.size() - 1).outputSymbol();
        heading("One training step of " + trace.modelDescription());
        heading("loss " + trace.lossName() + ", update " + trace.optimizerDescription()
                + "; shapes are [rows×columns], one row per example");
        heading("");
        heading("Input and target");
        quantity("X", trace.input());
        quantity("y", trace.target());
        heading("");
        heading("Parameters");
        for (ParameterTrace parameter : trace.parameters()) {
            quantity(parameter.symbol() + " (" + parameter.name() + ")", parameter.before());
        }
        heading("");
        heading("1. Forward pass");
        for (LayerTrace layer : layers) {
            quantity(layer.outputSymbol() + " = " + layer.formula(), layer.output());
        }
        heading("  ŷ = " + outputSymbol + ", the model's output");
        heading("");
        heading("2. Loss");
        heading("  L = " + lossFormula(trace.lossName()) + " = " + format(trace.loss()).trim());
        heading("");
        heading("3. Backward pass (chain rule, from the loss back to the input)");
        quantity("dL/dŷ = dL/d" + outputSymbol + " = " + lossGradientFormula(trace.lossName()), trace.lossGradient());
        for (int i = layers.size() - 1; i >= 0; i--) {
            LayerTrace layer = layers.get(i);
            for (ParameterTrace parameter : parametersOf(layer)) {
                quantity("dL/d" + parameter.symbol() + " = " + parameter.gradientFormula(), parameter.gradient());
            }
            quantity("dL/d" + layer.inputSymbol() + " = " + layer.inputGradientFormula(), layer.inputGradient());
        }
        heading("");
        heading("4. Update: " + trace.optimizerDescription() + (trace.updateRule().isEmpty() ? ""
                : ", " + trace.updateRule()));
        for (ParameterTrace parameter : trace.parameters()) {
            quantity(parameter.symbol() + " after", parameter.after());
            quantity("Δ" + parameter.symbol() + " = after − before", parameter.difference());
        }
        if (!trace.states().isEmpty()) {
            heading("");
            heading("5. Running statistics (updated by the training forward pass, not by the optimizer)");
            for (StateTrace state : trace.states()) {
                quantity(state.symbol() + " (" + state.name() + ") before", state.before());
                quantity(state.symbol() + " ← " + state.updateFormula(), state.after());
            }
        }
        return layout();
    }

    private List<ParameterTrace> parametersOf(LayerTrace layer) {
        List<ParameterTrace> own = new ArrayList<>();
        for (ParameterTrace parameter : trace.parameters()) {
            if (parameter.name().startsWith(layer.layerName() + ".")) {
                own.add(parameter);
            }
        }
        java.util.Collections.reverse(own);
        return own;
    }

    private static String lossFormula(String lossName) {
        return switch (lossName) {
            case "mse" -> "mse(ŷ, y) = (1/(N·D)) Σ (ŷ − y)²";
            case "binary_cross_entropy" -> "bce(ŷ, y) = −(1/(N·D)) Σ [y·log ŷ + (1 − y)·log(1 − ŷ)]";
            case "negative_log_likelihood" -> "nll(ŷ, y) = −(1/N) Σ y ⊙ ŷ   (ŷ log-probabilities)";
            default -> lossName + "(ŷ, y)";
        };
    }

    private static String lossGradientFormula(String lossName) {
        return switch (lossName) {
            case "mse" -> "2(ŷ − y)/(N·D)";
            case "negative_log_likelihood" -> "−y/N";
            default -> "∂" + lossName + "/∂ŷ";
        };
    }

    private void heading(String text) {
        lines.add(new String[] {text});
    }

    private void quantity(String label, INDArray value) {
        List<String> rows = rows(value);
        String shape = "[" + value.rows() + "×" + value.columns() + "]";
        String[] line = new String[2 + rows.size()];
        line[0] = label;
        line[1] = shape;
        for (int r = 0; r < rows.size(); r++) {
            line[2 + r] = rows.get(r);
        }
        lines.add(line);
    }

    private List<String> rows(INDArray value) {
        INDArray matrix = value.rank() == 2 ? value : value.reshape(1, value.length());
        long rowCount = matrix.rows();
        long columnCount = matrix.columns();
        List<String> rows = new ArrayList<>();
        for (long r = 0; r < Math.min(rowCount, MAX_ROWS); r++) {
            StringBuilder row = new StringBuilder("[");
            for (long c = 0; c < Math.min(columnCount, MAX_COLUMNS); c++) {
                row.append(' ').append(format(matrix.getDouble(r, c)));
            }
            rows.add(row.append(columnCount > MAX_COLUMNS ? "  … ]" : " ]").toString());
        }
        if (rowCount > MAX_ROWS) {
            rows.add("… " + (rowCount - MAX_ROWS) + " more rows");
        }
        return rows;
    }

    private String format(double value) {
        return String.format(Locale.ROOT, number, value);
    }

    private String layout() {
        int labelWidth = 0;
        int shapeWidth = 0;
        for (String[] line : lines) {
            if (line.length > 1) {
                labelWidth = Math.max(labelWidth, line[0].length());
                shapeWidth = Math.max(shapeWidth, line[1].length());
            }
        }
        StringBuilder text = new StringBuilder();
        for (String[] line : lines) {
            if (line.length == 1) {
                text.append(line[0]).append('\n');
            } else {
                String indent = " ".repeat(2 + labelWidth + 2 + shapeWidth + 2);
                text.append("  ").append(pad(line[0], labelWidth)).append("  ").append(pad(line[1], shapeWidth))
                        .append("  ").append(line[2]).append('\n');
                for (int r = 3; r < line.length; r++) {
                    text.append(indent).append(line[r]).append('\n');
                }
            }
        }
        return text.toString();
    }

    private static String pad(String text, int width) {
        return text.length() >= width ? text : text + " ".repeat(width - text.length());
    }
}
