package io.github.nn4j.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.nn4j.optim.Adam;
import io.github.nn4j.optim.Sgd;
import org.junit.jupiter.api.Test;

/** The update formulas a step trace shows for each optimizer and setting. */
class UpdateFormulasTest {

    @Test
    void theUpdateFormulaIsTheOneOfTheConfiguredRule() {
        assertEquals("w ← w − lr·dL/dw", UpdateFormulas.of(new Sgd(0.1)));
        assertEquals("b ← μ·b + dL/dw, w ← w − lr·b", UpdateFormulas.of(new Sgd(0.1).momentum(0.9)));
        assertEquals("b ← μ·b + dL/dw, w ← w − lr·(dL/dw + μ·b)",
                UpdateFormulas.of(new Sgd(0.1).momentum(0.9).nesterov(true)));
        assertEquals("w ← w − lr·λ·w, then w ← w − lr·dL/dw", UpdateFormulas.of(new Sgd(0.1).weightDecay(0.01)));
        assertEquals("", UpdateFormulas.of(new Adam()), "an optimizer that gives no formula");
    }
}
