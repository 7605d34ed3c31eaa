package io.github.nn4j.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.github.nn4j.base.JavaArrays;
import io.github.nn4j.base.Parameter;
import io.github.nn4j.data.DataSet;
import io.github.nn4j.layers.Dropout;
import io.github.nn4j.layers.Layer;
import io.github.nn4j.layers.LayerRegistry;
import io.github.nn4j.losses.Loss;
import io.github.nn4j.model.Sequential;
import io.github.nn4j.optim.Sgd;
import io.github.nn4j.persist.ModelFile;
import io.github.nn4j.train.Trainer;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * nn4j → ONNX → nn4j gives bitwise the same model: layers, settings, parameters and predictions;
 * with the default export, which leaves dropout out, the same model without its dropout layers.
 */
class RoundTripTest {

    static Iterable<LayerCases.Case> cases() {
        return LayerCases.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void float32RoundTripIsBitwiseTheSame(LayerCases.Case c) throws Exception {
        assertRoundTrip(LayerCases.model(c, DataType.FLOAT, 21));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void float64RoundTripIsBitwiseTheSame(LayerCases.Case c) throws Exception {
        assertRoundTrip(LayerCases.model(c, DataType.DOUBLE, 22));
    }

    @Test
    void roundTripThroughFileKeepsParameterNamesAndModelFileSavesIt(@TempDir Path folder) throws Exception {
        Sequential model = LayerCases.model(LayerCases.all().get(0), DataType.FLOAT, 23);
        Path onnx = folder.resolve("model.onnx");
        OnnxExport.write(onnx, model);
        Sequential back = OnnxImport.read(onnx);
        assertEquals(List.of("dense0.W", "dense0.b", "dense1.W", "dense1.b"),
                back.parameters().stream().map(Parameter::name).toList());
        Path saved = folder.resolve("model.nn4j");
        ModelFile.write(saved, back);
        assertBitwiseEqual(model, ModelFile.read(saved));
    }

    @Test
    void importedModelTrainsFurther() throws Exception {
        Sequential model = LayerCases.model(LayerCases.all().get(0), DataType.FLOAT, 24);
        Sequential back = OnnxImport.read(OnnxExport.toBytes(model));
        INDArray x = LayerCases.inputs(5, 128, DataType.FLOAT);
        INDArray y = TestArrays.gaussian(6, 128, 3, 1.0, DataType.FLOAT);
        DataSet data = new DataSet(x, y);
        double before = Loss.mse().value(back.predict(x), y);
        Trainer.builder(back).loss(Loss.mse()).optimizer(new Sgd(0.05)).batchSize(32).epochs(5).seed(3)
                .logEpochs(false).progressBar(false).build().fit(data);
        double after = Loss.mse().value(back.predict(x), y);
        assertNotEquals(JavaArrays.toDoubles(model.parameters().get(0).value())[0],
                JavaArrays.toDoubles(back.parameters().get(0).value())[0]);
        org.junit.jupiter.api.Assertions.assertTrue(after < before, "loss " + before + " → " + after);
    }

    private static void assertRoundTrip(Sequential model) throws Exception {
        Sequential back = OnnxImport.read(OnnxExport.toBytes(model, null, ExportOptions.defaults().keepDropout(true)));
        assertBitwiseEqual(model, back);
        Sequential withoutDropout = OnnxImport.read(OnnxExport.toBytes(model));
        assertBitwiseEqual(new Sequential(model.layers().stream().filter(layer -> !(layer instanceof Dropout))
                .map(LayerRegistry::copy).toList()), withoutDropout, model);
    }

    /** Same layer types and settings, bitwise the same parameters and predictions. */
    static void assertBitwiseEqual(Sequential expected, Sequential actual) {
        assertBitwiseEqual(expected, actual, expected);
    }

    /**
     * {@code actual} has {@code expected}'s layer types and settings, and {@code source}'s parameters
     * and predictions bitwise.
     */
    static void assertBitwiseEqual(Sequential expected, Sequential actual, Sequential source) {
        assertEquals(source.dataType(), actual.dataType());
        assertEquals(expected.layers().size(), actual.layers().size(), actual.toString());
        for (int i = 0; i < expected.layers().size(); i++) {
            Layer want = expected.layers().get(i);
            Layer got = actual.layers().get(i);
            if (!want.typeName().equals("activation")) {
                assertEquals(want.typeName(), got.typeName());
                assertEquals(want.config(), got.config(), "settings of layer " + i);
            }
        }
        assertEquals(source.parameters().size(), actual.parameters().size());
        for (int i = 0; i < source.parameters().size(); i++) {
            INDArray want = source.parameters().get(i).value();
            INDArray got = actual.parameters().get(i).value();
            assertArrayEquals(want.shape(), got.shape());
            assertArrayEquals(JavaArrays.toDoubles(want), JavaArrays.toDoubles(got), 0.0,
                    source.parameters().get(i).name());
        }
        assertArrayEquals(JavaArrays.toDoubles(source.parameterSet().states()),
                JavaArrays.toDoubles(actual.parameterSet().states()), 0.0, "running statistics");
        INDArray x = source.inputSize() == LayerCases.FEATURES ? LayerCases.inputs(9, 32, source.dataType())
                : TestArrays.gaussian(9, 32, source.inputSize(), 1.0, source.dataType());
        assertArrayEquals(JavaArrays.toDoubles(source.predict(x)), JavaArrays.toDoubles(actual.predict(x)), 0.0);
    }
}
