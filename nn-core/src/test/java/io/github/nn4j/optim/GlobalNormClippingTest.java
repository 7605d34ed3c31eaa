package io.github.nn4j.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.nn4j.base.ParameterSet;
import org.junit.jupiter.api.Test;

class GlobalNormClippingTest {

    @Test
    void scalesAllGradientsTogetherDownToTheMaximumNorm() {
        ParameterSet parameters = TinyModel.parameters();
        TinyModel.setGradients(parameters, new double[] {3, 0, 0, -4});   // norm 5
        double before = GradientClipping.byGlobalNorm(1.0).clip(parameters);
        assertEquals(5.0, before, 1e-12);
        double scale = 1.0 / (5.0 + 1e-6);
        assertArrayEquals(new double[] {3 * scale, 0, 0, -4 * scale}, parameters.gradients().toDoubleVector(), 1e-12);
    }

    @Test
    void leavesSmallGradientsAlone() {
        ParameterSet parameters = TinyModel.parameters();
        TinyModel.setGradients(parameters, new double[] {0.3, 0, 0, -0.4});
        assertEquals(0.5, new GlobalNormClipping(1.0).clip(parameters), 1e-12);
        assertArrayEquals(new double[] {0.3, 0, 0, -0.4}, parameters.gradients().toDoubleVector(), 1e-15);
    }

    @Test
    void nonPositiveNormIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> GradientClipping.byGlobalNorm(0));
    }
}
