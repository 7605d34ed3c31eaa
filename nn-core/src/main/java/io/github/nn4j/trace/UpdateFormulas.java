package io.github.nn4j.trace;

import io.github.nn4j.optim.Optimizer;
import io.github.nn4j.optim.Sgd;
import java.util.Map;
import java.util.function.Function;

/**
 * The update formulas a {@link StepTrace} shows, in the notation of the reference notes, by
 * optimizer class. Only SGD has one so far; for any other optimizer the formula is empty.
 */
final class UpdateFormulas {

    private static final Map<Class<? extends Optimizer>, Function<Optimizer, String>> FORMULAS =
            Map.of(Sgd.class, optimizer -> sgd((Sgd) optimizer));

    private UpdateFormulas() {
    }

    /** The formula of {@code optimizer}'s update with its current settings, or {@code ""}. */
    static String of(Optimizer optimizer) {
        Function<Optimizer, String> formula = FORMULAS.get(optimizer.getClass());
        return formula == null ? "" : formula.apply(optimizer);
    }

    /**
     * {@code w ← w − lr·dL/dw} for plain SGD; with momentum {@code b ← μ·b + dL/dw, w ← w − lr·b}
     * (Nesterov: {@code w ← w − lr·(dL/dw + μ·b)}); with weight decay preceded by
     * {@code w ← w − lr·λ·w}.
     */
    private static String sgd(Sgd sgd) {
        String decay = sgd.weightDecay() == 0 ? "" : "w ← w − lr·λ·w, then ";
        if (sgd.momentum() == 0) {
            return decay + "w ← w − lr·dL/dw";
        }
        return decay + "b ← μ·b + dL/dw, " + (sgd.nesterov() ? "w ← w − lr·(dL/dw + μ·b)" : "w ← w − lr·b");
    }
}
