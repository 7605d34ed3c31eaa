package io.github.nn4j.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.nn4j.init.Initializer;
import io.github.nn4j.layers.Dense;
import io.github.nn4j.layers.LeakyReLU;
import io.github.nn4j.layers.ReLU;
import io.github.nn4j.layers.Softmax;
import io.github.nn4j.layers.Tanh;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

class SummaryTest {

    @Test
    void tableOfLayersShapesAndParameterCountsWithTotal() {
        Sequential model = new Sequential(new Dense(784, 256), new ReLU(), new Dense(256, 10), new Softmax());
        // 784·256 + 256 = 200,960; 256·10 + 10 = 2,570; total 203,530 float32 values = 814,120 bytes.
        assertEquals("""
                Layer     Type            Output shape  Parameters
                ==================================================
                dense0    Dense(784→256)  [-1, 256]        200,960
                relu0     ReLU()          [-1, 256]              0
                dense1    Dense(256→10)   [-1, 10]           2,570
                softmax0  Softmax()       [-1, 10]               0
                ==================================================
                Total parameters: 203,530 (float32, 814,120 bytes)
                """, model.summary());
    }

    @Test
    void activationsTakeTheirWidthFromTheFirstSizedLayerAndShowTheDataType() {
        Sequential model = new Sequential(new Tanh(), new Dense(2, 3), new LeakyReLU(0.01))
                .init(Initializer.he(), 0, DataType.DOUBLE);
        assertEquals("""
                Layer        Type             Output shape  Parameters
                ======================================================
                tanh0        Tanh()           [-1, 2]                0
                dense0       Dense(2→3)       [-1, 3]                9
                leaky_relu0  LeakyReLU(0.01)  [-1, 3]                0
                ======================================================
                Total parameters: 9 (float64, 72 bytes)
                """, model.summary());
    }

    @Test
    void aModelWhoseWidthNoLayerFixesShowsQuestionMarks() {
        assertEquals("""
                Layer     Type       Output shape  Parameters
                =============================================
                softmax0  Softmax()  [-1, ?]                0
                =============================================
                Total parameters: 0 (float32, 0 bytes)
                """, new Sequential(new Softmax()).summary());
    }
}
