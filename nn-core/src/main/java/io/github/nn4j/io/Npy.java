package io.github.nn4j.io;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Reads and writes single arrays in NumPy's {@code .npy} format, so arrays move between nn4j
 * and Python with {@code numpy.load} / {@code numpy.save} and no other code.
 *
 * <p>Layout written (format version 1.0, as published in NumPy's {@code numpy.lib.format}):
 * the six bytes {@code \x93NUMPY}, the version bytes {@code 1 0}, a little-endian unsigned
 * 16-bit header length, then an ASCII dictionary such as
 * {@code {'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }} padded with spaces and
 * ended by {@code \n} so that the data starts at a multiple of 64 bytes, then the values in
 * little-endian byte order and C (row-major) order.
 *
 * <p>Data types: float32 {@code <f4}, float64 {@code <f8}, int32 {@code <i4}, int64 {@code <i8},
 * int8 {@code |i1} and uint8 {@code |u1}. Reading also accepts format versions 2.0 and 3.0 and
 * Fortran-ordered data (returned in C order). Deliberately left out: big-endian data, other types
 * (float16, bool, complex, strings, Python objects), more than 32 dimensions and arrays of more
 * than 2 GB. The header is checked against the bytes that follow it before the array is
 * allocated, so a file never costs more memory than its size.
 *
 * <pre>{@code
 * Npy.write(Path.of("w.npy"), model.parameters().get(0).value());
 * INDArray w = Npy.read(Path.of("w.npy"));      // in Python: numpy.load("w.npy")
 * }</pre>
 */
public final class Npy {

    private static final int CHUNK = 1 << 16;

    private Npy() {
    }

    /**
     * Writes {@code array} to {@code file} atomically: a crash mid-write leaves any old file intact.
     *
     * @param file  the target, conventionally ending in {@code .npy}
     * @param array the array; any shape, a supported data type
     * @throws IOException              when the file cannot be written
     * @throws IllegalArgumentException when the data type has no {@code .npy} equivalent here
     */
    public static void write(Path file, INDArray array) throws IOException {
        requireSupported(array, file.toString());
        AtomicFile.write(file, out -> write(out, array));
    }

    /**
     * Reads an array from a {@code .npy} file.
     *
     * @param file the file
     * @return a new C-ordered array with the file's shape and data type
     * @throws NpyFormatException naming the file and the problem when it is not a readable {@code .npy}
     * @throws IOException        when the file cannot be read
     */
    public static INDArray read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, Files.size(file), file.toString());
        }
    }

    /**
     * The {@code .npy} bytes of {@code array}.
     *
     * @param array the array
     * @return the complete file contents
     * @throws IllegalArgumentException when the data type has no {@code .npy} equivalent here
     */
    public static byte[] toBytes(INDArray array) {
        requireSupported(array, "array");
        ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(Integer.MAX_VALUE - 8,
                128 + byteSize(array)));
        try {
            write(out, array);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * Reads an array from {@code .npy} bytes.
     *
     * @param bytes the complete file contents
     * @return a new C-ordered array
     * @throws NpyFormatException when the bytes are not a readable {@code .npy}
     */
    public static INDArray fromBytes(byte[] bytes) throws NpyFormatException {
        try {
            return read(new ByteArrayInputStream(bytes), bytes.length, "npy bytes");
        } catch (NpyFormatException e) {
            throw e;
        } catch (IOException e) {
            throw new NpyFormatException("npy bytes", e.getMessage(), e);
        }
    }

    /** Number of data bytes of {@code array} in a {@code .npy} file. */
    static long byteSize(INDArray array) {
        NpyType type = NpyType.of(array.dataType());
        return type == null ? 0 : array.length() * type.itemSize;
    }

    /**
     * Throws when {@code array} cannot be written.
     *
     * @param array the array
     * @param what  what it is, for the message
     */
    static void requireSupported(INDArray array, String what) {
        if (array == null) {
            throw new IllegalArgumentException(what + ": array is null");
        }
        if (NpyType.of(array.dataType()) == null) {
            throw new IllegalArgumentException(what + ": cannot write data type " + array.dataType()
                    + " as .npy; supported: " + NpyType.supported());
        }
        if (byteSize(array) > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(what + ": arrays over 2 GB are not supported, got "
                    + java.util.Arrays.toString(array.shape()) + " " + array.dataType());
        }
    }

    /**
     * Writes the {@code .npy} bytes of {@code array} to {@code out}, which is not closed.
     *
     * @param out   the stream
     * @param array the array
     * @throws IOException when writing fails
     */
    static void write(OutputStream out, INDArray array) throws IOException {
        requireSupported(array, "array");
        NpyType type = NpyType.of(array.dataType());
        out.write(new NpyHeader(type.descr, false, array.shape()).encode());
        if (array.isEmpty()) {
            return;
        }
        INDArray contiguous = array.dup('c');
        ByteBuffer source = contiguous.data().asNio();
        int total = (int) byteSize(array);
        byte[] chunk = new byte[Math.min(CHUNK, total)];
        for (int done = 0; done < total; ) {
            int n = Math.min(chunk.length, total - done);
            source.get(chunk, 0, n);
            type.toLittleEndian(chunk, n);
            out.write(chunk, 0, n);
            done += n;
        }
    }

    /**
     * Reads one array from {@code in}: the header, checked against {@code size} before the array
     * is allocated, then the data.
     *
     * @param in     the stream, positioned at the magic string; not closed
     * @param size   the number of bytes the stream holds
     * @param source the file or entry, for messages
     * @return the array
     * @throws NpyFormatException naming {@code source} and the problem
     */
    static INDArray read(InputStream in, long size, String source) throws IOException {
        return NpyReader.data(in, NpyReader.header(in, size, source), source);
    }

    /**
     * NumPy's name for a data type, e.g. {@code float32} for {@code FLOAT}.
     *
     * @param type an ND4J data type
     * @return the NumPy name for the types nn4j writes, otherwise ND4J's own name
     */
    public static String typeName(DataType type) {
        NpyType npy = NpyType.of(type);
        return npy == null ? type.toString() : npy.name().toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * The data type with the NumPy name {@code name}, among the types nn4j reads.
     *
     * @param name e.g. {@code float32}
     * @return the ND4J data type, or {@code null} when nn4j reads no type of that name
     */
    public static DataType dataTypeNamed(String name) {
        for (NpyType type : NpyType.values()) {
            if (typeName(type.dataType).equals(name)) {
                return type.dataType;
            }
        }
        return null;
    }
}
