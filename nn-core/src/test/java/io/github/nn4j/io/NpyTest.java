package io.github.nn4j.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nn4j.testing.SeededArrays;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Checks the {@code .npy} layout byte by byte against NumPy's published format description
 * ({@code numpy.lib.format}, version 1.0): magic {@code \x93NUMPY}, version {@code 1 0}, a
 * little-endian uint16 header length, an ASCII dict padded with spaces and ended by {@code \n}
 * so that the data starts at a multiple of 64, then little-endian values in C order.
 */
class NpyTest {

    /**
     * {@code numpy.save} of {@code np.arange(6, dtype='<f4').reshape(2, 3)} (NumPy 2.4.6):
     * <pre>
     * b = io.BytesIO(); np.save(b, np.arange(6, dtype='&lt;f4').reshape(2, 3))
     * base64.b64encode(b.getvalue())
     * </pre>
     */
    private static final String NUMPY_F4_2X3 = "k05VTVBZAQB2AHsnZGVzY3InOiAnPGY0JywgJ2ZvcnRyYW5fb3JkZXInOiBGYWxzZSwgJ3NoYXBl"
            + "JzogKDIsIDMpLCB9ICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgIAoAAAAAAACAPwAA"
            + "AEAAAEBAAACAQAAAoEA=";

    /** The same for {@code np.asfortranarray(np.arange(6, dtype='<f8').reshape(2, 3))}. */
    private static final String NUMPY_F8_2X3_FORTRAN = "k05VTVBZAQB2AHsnZGVzY3InOiAnPGY4JywgJ2ZvcnRyYW5fb3JkZXInOiBUcnVl"
            + "LCAnc2hhcGUnOiAoMiwgMyksIH0gICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgIAoAAA"
            + "AAAAAAAAAAAAAAAAhAAAAAAAAA8D8AAAAAAAAQQAAAAAAAAABAAAAAAAAAFEA=";

    private static byte[] header(String dict) {
        // 10 bytes of preamble + dict + spaces + '\n' = a multiple of 64.
        int total = ((10 + dict.length() + 1 + 63) / 64) * 64;
        int headerLength = total - 10;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0,
                (byte) (headerLength & 0xFF), (byte) (headerLength >> 8)});
        out.writeBytes(dict.getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(" ".repeat(total - 10 - dict.length() - 1).getBytes(StandardCharsets.US_ASCII));
        out.write('\n');
        return out.toByteArray();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    @Test
    void float32MatrixHasTheDocumentedHeaderAndLittleEndianRowMajorData() {
        INDArray a = Nd4j.create(new float[] {1, 2, 3, 4, 5, 6}, new long[] {2, 3}, 'c');
        byte[] expected = concat(
                header("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }"),
                new byte[] {
                    0x00, 0x00, (byte) 0x80, 0x3F,   // 1.0f = 0x3F800000, least significant byte first
                    0x00, 0x00, 0x00, 0x40,          // 2.0f = 0x40000000
                    0x00, 0x00, 0x40, 0x40,          // 3.0f
                    0x00, 0x00, (byte) 0x80, 0x40,   // 4.0f
                    0x00, 0x00, (byte) 0xA0, 0x40,   // 5.0f
                    0x00, 0x00, (byte) 0xC0, 0x40}); // 6.0f
        byte[] actual = Npy.toBytes(a);
        assertArrayEquals(expected, actual);
        assertEquals(128 + 24, actual.length);
        assertEquals(118, (actual[8] & 0xFF) | (actual[9] & 0xFF) << 8, "header length, little-endian uint16");
        assertEquals('\n', actual[127]);
    }

    @Test
    void matchesWhatNumpyWritesByteForByte() {
        INDArray a = Nd4j.arange(6).castTo(DataType.FLOAT).reshape('c', 2, 3);
        assertArrayEquals(Base64.getDecoder().decode(NUMPY_F4_2X3), Npy.toBytes(a));
    }

    @Test
    void float64Int32Int64VectorsAndScalarsHaveTheirDescrAndShape() {
        assertArrayEquals(concat(header("{'descr': '<f8', 'fortran_order': False, 'shape': (2,), }"),
                        new byte[] {0, 0, 0, 0, 0, 0, (byte) 0xF0, 0x3F, 0, 0, 0, 0, 0, 0, 0, (byte) 0xC0}),
                Npy.toBytes(Nd4j.createFromArray(1.0, -2.0)));
        assertArrayEquals(concat(header("{'descr': '<i4', 'fortran_order': False, 'shape': (1, 2), }"),
                        new byte[] {1, 0, 0, 0, (byte) 0xFE, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF}),
                Npy.toBytes(Nd4j.createFromArray(new int[][] {{1, -2}})));
        assertArrayEquals(concat(header("{'descr': '<i8', 'fortran_order': False, 'shape': (), }"),
                        new byte[] {0x01, 0x02, 0, 0, 0, 0, 0, 0}),
                Npy.toBytes(Nd4j.scalar(0x0201L)));
        assertArrayEquals(concat(header("{'descr': '|u1', 'fortran_order': False, 'shape': (3,), }"),
                        new byte[] {0, 7, (byte) 255}),
                Npy.toBytes(Nd4j.createFromArray(new byte[] {0, 7, (byte) 255}).castTo(DataType.UBYTE)));
    }

    @Test
    void viewsAndFortranOrderedArraysAreWrittenInCOrder() {
        INDArray matrix = Nd4j.create(new float[] {1, 2, 3, 4, 5, 6}, new long[] {2, 3}, 'c');
        INDArray transposedView = matrix.transpose(); // [3, 2], strides of a Fortran array
        INDArray back = roundTrip(transposedView);
        assertArrayEquals(new long[] {3, 2}, back.shape());
        assertEquals(transposedView, back);
        INDArray column = matrix.getColumn(1, true); // a strided view [2, 1]
        assertEquals(column, roundTrip(column));
    }

    @Test
    void readsNumpysFortranOrderAsTheSameLogicalArray() throws Exception {
        INDArray a = Npy.fromBytes(Base64.getDecoder().decode(NUMPY_F8_2X3_FORTRAN));
        assertEquals(DataType.DOUBLE, a.dataType());
        assertEquals(Nd4j.arange(6).castTo(DataType.DOUBLE).reshape('c', 2, 3), a);
    }

    @Test
    void everySupportedTypeRoundTripsBitwise() {
        for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE, DataType.INT, DataType.LONG,
                DataType.BYTE, DataType.UBYTE}) {
            INDArray a = SeededArrays.uniform(7, DataType.DOUBLE, 4, 5).muli(100).castTo(type);
            INDArray back = roundTrip(a);
            assertEquals(type, back.dataType(), type.toString());
            assertArrayEquals(a.shape(), back.shape());
            assertEquals(a, back, type.toString());
        }
        INDArray odd = Nd4j.createFromArray(Float.NaN, Float.NEGATIVE_INFINITY, -0.0f, Float.MIN_VALUE);
        assertArrayEquals(Npy.toBytes(odd), Npy.toBytes(roundTrip(odd)));
        INDArray threeD = SeededArrays.uniform(1, DataType.FLOAT, 2, 3, 4);
        assertEquals(threeD, roundTrip(threeD));
    }

    @Test
    void fileRoundTripAndUnsupportedTypesAreRejectedClearly(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("a.npy");
        INDArray a = SeededArrays.uniform(2, DataType.FLOAT, 3, 7);
        Npy.write(file, a);
        assertEquals(a, Npy.read(file));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Npy.write(file, SeededArrays.uniform(3, DataType.HALF, 2, 2)));
        assertTrue(e.getMessage().contains("HALF"), e.getMessage());
        assertEquals(a, Npy.read(file));
    }

    @Test
    void badFilesGetMessagesNamingTheProblem(@TempDir Path dir) throws Exception {
        byte[] good = Npy.toBytes(Nd4j.create(new float[] {1, 2, 3, 4, 5, 6}, new long[] {2, 3}, 'c'));
        assertProblem(dir, Arrays.copyOf(good, good.length - 1), "truncated");
        assertProblem(dir, Arrays.copyOf(good, 50), "truncated");
        assertProblem(dir, Arrays.copyOf(good, good.length + 4), "unexpected bytes");
        assertProblem(dir, "hello, world".getBytes(StandardCharsets.US_ASCII), "not a .npy file");
        byte[] future = good.clone();
        future[6] = 9;
        assertProblem(dir, future, "version 9.0");
        assertProblem(dir, concat(header("{'descr': '<f2', 'fortran_order': False, 'shape': (1,), }"), new byte[2]),
                "'<f2' is not supported");
        assertProblem(dir, concat(header("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3 }"), new byte[24]),
                "bad header");
        assertProblem(dir, concat(header("{'descr': '<f4', 'fortran_order': False, 'shape': (99999999, 99999), }")),
                "exceeds 2 GB");
    }

    private static void assertProblem(Path dir, byte[] bytes, String expected) throws Exception {
        Path file = dir.resolve("bad.npy");
        Files.write(file, bytes);
        NpyFormatException e = assertThrows(NpyFormatException.class, () -> Npy.read(file));
        assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    private static INDArray roundTrip(INDArray a) {
        try {
            return Npy.fromBytes(Npy.toBytes(a));
        } catch (NpyFormatException e) {
            throw new AssertionError(e);
        }
    }
}
