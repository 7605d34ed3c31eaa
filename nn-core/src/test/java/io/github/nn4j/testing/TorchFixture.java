package io.github.nn4j.testing;

import io.github.nn4j.io.Npz;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The PyTorch float64 reference values of {@code fixtures/normalization/normalization.npz}, made by
 * the script beside it ({@code make_normalization_fixture.py}, which says what each array is).
 */
public final class TorchFixture {

    private final Map<String, INDArray> arrays;

    private TorchFixture(Map<String, INDArray> arrays) {
        this.arrays = arrays;
    }

    /** Reads the fixture from the test class path. */
    public static TorchFixture normalization() {
        try {
            Path file = Path.of(TorchFixture.class.getResource("/fixtures/normalization/normalization.npz").toURI());
            return new TorchFixture(Npz.read(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * An array of the fixture in a data type.
     *
     * @param name e.g. {@code bn.x}
     * @param type DOUBLE (as stored) or FLOAT (rounded)
     * @return a new array
     */
    public INDArray get(String name, DataType type) {
        INDArray array = arrays.get(name);
        if (array == null) {
            throw new IllegalArgumentException("the fixture has no array '" + name + "'; it has " + arrays.keySet());
        }
        return array.castTo(type).dup();
    }
}
