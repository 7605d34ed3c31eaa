package io.github.nn4j.eval;

import java.util.Locale;

/**
 * Regression quality over n examples with d outputs each.
 *
 * <ul>
 *   <li>{@code mse = (1/(n·d)) Σ (p − y)²}</li>
 *   <li>{@code mae = (1/(n·d)) Σ |p − y|}</li>
 *   <li>{@code r2 = 1 − Σ (p − y)² / Σ (y − ȳ)²} per output, averaged over outputs; an output
 *       whose targets are constant scores 1 if predicted exactly and 0 otherwise</li>
 * </ul>
 *
 * @param mse   the mean squared error
 * @param mae   the mean absolute error
 * @param r2    the coefficient of determination R²
 * @param count the number of examples n
 */
public record RegressionReport(double mse, double mae, double r2, long count) {

    /** The root of the mean squared error, in the targets' unit. */
    public double rmse() {
        return Math.sqrt(mse);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "MSE %.6g, RMSE %.6g, MAE %.6g, R² %.4f over %d examples",
                mse, rmse(), mae, r2, count);
    }
}
