package io.github.nn4j.data;

import io.github.nn4j.internal.io.Inflation;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Reads the IDX format of MNIST and Fashion-MNIST, raw or gzip-compressed (detected from the
 * content, not the file name).
 *
 * <p>An IDX file is a 4-byte magic number {@code 0x00 0x00 type rank}, then {@code rank}
 * big-endian 32-bit sizes, then the values in row-major order, big-endian. The type byte is
 * 0x08 unsigned byte, 0x09 signed byte, 0x0B short, 0x0C int, 0x0D float or 0x0E double.
 * The reader checks the magic number, the sizes and that the file holds exactly the declared
 * number of values; otherwise it throws a {@link DataFileException} naming the file, the byte
 * position and the problem.
 *
 * <pre>{@code
 * DataSet train = IdxReader.readDataSet(
 *         dir.resolve("train-images-idx3-ubyte.gz"),     // [60000, 28, 28] → features [60000, 784]
 *         dir.resolve("train-labels-idx1-ubyte.gz"));    // [60000]         → class indices [60000, 1]
 * }</pre>
 *
 * <p>Values are returned as float32 without scaling (pixels stay 0–255). A raw file must be
 * exactly as long as its header declares, checked before the data is allocated; gzip data is
 * read as it inflates, up to {@link Inflation#limit} of the file's size (a larger claim is refused
 * as a gzip bomb), so memory follows the bytes that arrive, not the header's claim.
 */
public final class IdxReader {

    private static final int GZIP_MAGIC = 0x1f8b;
    /** The most dimensions an ND4J array can have. */
    private static final int MAX_RANK = 32;
    private static final int FIRST_CHUNK = 1 << 16;

    private IdxReader() {
    }

    /**
     * Reads an IDX file into an array of the file's shape.
     *
     * @param file the file, raw or gzip
     * @return a FLOAT array of the declared shape (rank 1 for labels, rank 3 for images)
     * @throws DataFileException if the file is not valid IDX or its length does not match its header
     * @throws IOException       if it cannot be read
     */
    public static INDArray read(Path file) throws IOException {
        Content content = readContent(file);
        return Nd4j.create(content.values, content.shape, 'c');
    }

    /**
     * Reads an IDX file as a matrix with one row per entry of the first dimension, e.g. images
     * {@code [n, 28, 28]} as {@code [n, 784]} and labels {@code [n]} as {@code [n, 1]}.
     *
     * @param file the file, raw or gzip
     * @return a FLOAT array {@code [n, product of the other sizes]}
     * @throws DataFileException if the file is not valid IDX or its length does not match its header
     * @throws IOException       if it cannot be read
     */
    public static INDArray readMatrix(Path file) throws IOException {
        Content content = readContent(file);
        long rows = content.shape[0];
        long columns = rows == 0 ? 0 : content.values.length / rows;
        return Nd4j.create(content.values, new long[] {rows, columns}, 'c');
    }

    /**
     * Reads an image file and its label file as a data set: features {@code [n, pixels]}
     * (unscaled) and class-index labels {@code [n, 1]}.
     *
     * @param images the images file, e.g. {@code train-images-idx3-ubyte.gz}
     * @param labels the labels file, e.g. {@code train-labels-idx1-ubyte.gz}, rank 1
     * @return the data set
     * @throws DataFileException if a file is invalid or the label count differs from the image count
     * @throws IOException       if a file cannot be read
     */
    public static DataSet readDataSet(Path images, Path labels) throws IOException {
        INDArray features = readMatrix(images);
        Content labelContent = readContent(labels);
        if (labelContent.shape.length != 1) {
            throw new DataFileException(labels, "header", "a label file has rank 1, this one has shape "
                    + Arrays.toString(labelContent.shape));
        }
        if (labelContent.shape[0] != features.rows()) {
            throw new DataFileException(labels, "header", labelContent.shape[0] + " labels for " + features.rows()
                    + " images in " + images);
        }
        if (features.rows() == 0) {
            throw new DataFileException(images, "header", "the file holds no images");
        }
        INDArray classes = Nd4j.create(labelContent.values, new long[] {labelContent.values.length, 1}, 'c');
        return new DataSet(features, classes);
    }

    private record Content(long[] shape, float[] values) {
    }

    private static Content readContent(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new FileNotFoundException(file + ": no such file");
        }
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            raw.mark(2);
            int first = raw.read();
            int second = raw.read();
            raw.reset();
            boolean gzip = ((first << 8) | second) == GZIP_MAGIC;
            try (InputStream in = gzip ? new BufferedInputStream(new GZIPInputStream(raw, 1 << 16), 1 << 16) : raw) {
                return parse(file, in, Files.size(file), gzip);
            } catch (ZipException | EOFException e) {
                throw new DataFileException(file, "gzip stream", "corrupt or truncated gzip data (" + e.getMessage() + ")");
            }
        }
    }

    /**
     * Parses the IDX content of {@code in}. A raw file's size must be exactly what its header
     * declares, checked before the data is allocated; a gzip file's content is unknown until read,
     * so the data is read in growing pieces and may inflate to at most {@link Inflation#limit} of
     * the file: what is allocated follows the bytes that arrive, not the header's claim.
     */
    private static Content parse(Path file, InputStream in, long fileSize, boolean gzip) throws IOException {
        byte[] magic = readFully(file, in, 4, 0, "the 4-byte magic number");
        int type = magic[2] & 0xff;
        int rank = magic[3] & 0xff;
        int magicNumber = ByteBuffer.wrap(magic).getInt();
        if (magic[0] != 0 || magic[1] != 0) {
            throw new DataFileException(file, "byte 0", String.format(
                    "not an IDX file: magic number 0x%08X does not start with two zero bytes", magicNumber));
        }
        int typeSize = typeSize(type);
        if (typeSize == 0) {
            throw new DataFileException(file, "byte 2", String.format("unknown IDX value type 0x%02X in magic number "
                    + "0x%08X; expected 0x08, 0x09, 0x0B, 0x0C, 0x0D or 0x0E", type, magicNumber));
        }
        if (rank == 0 || rank > MAX_RANK) {
            throw new DataFileException(file, "byte 3", String.format("magic number 0x%08X declares rank %d; nn4j "
                    + "reads ranks 1 to %d", magicNumber, rank, MAX_RANK));
        }
        ByteBuffer sizes = ByteBuffer.wrap(readFully(file, in, 4 * rank, 4, rank + " dimension sizes"));
        long[] shape = new long[rank];
        long count = 1;
        for (int i = 0; i < rank; i++) {
            shape[i] = sizes.getInt() & 0xffffffffL;
            count *= shape[i];
            if (shape[i] > Integer.MAX_VALUE || count > Integer.MAX_VALUE - 8) {
                throw new DataFileException(file, "byte " + (4 + 4 * i), "dimension sizes "
                        + Arrays.toString(Arrays.copyOf(shape, i + 1)) + " are too large for one array");
            }
        }
        int header = 4 + 4 * rank;
        long dataBytes = count * typeSize;
        String declared = "the header declares shape " + Arrays.toString(shape) + " of " + typeName(type);
        if (!gzip && fileSize != header + dataBytes) {
            String problem = fileSize < header + dataBytes
                    ? "file is truncated: it has " + (fileSize - header) + " of the " + dataBytes + " data bytes"
                    : "file has " + (fileSize - header - dataBytes) + " bytes after the " + dataBytes + " data bytes";
            throw new DataFileException(file, "byte " + Math.min(fileSize, header + dataBytes), problem + "; " + declared);
        }
        if (gzip && header + dataBytes > Inflation.limit(fileSize)) {
            throw new DataFileException(file, "header", declared + ", " + (header + dataBytes) + " bytes, but "
                    + fileSize + " bytes of gzip may inflate to at most " + Inflation.limit(fileSize)
                    + " (a gzip bomb?)");
        }
        if (dataBytes > Integer.MAX_VALUE - 8) {
            throw new DataFileException(file, "header", declared + ", too large for one array");
        }
        // A raw file was checked to hold exactly the data; gzip data is taken in pieces as it arrives.
        byte[] data = readData(in, (int) dataBytes, gzip ? Math.min((int) dataBytes, FIRST_CHUNK) : (int) dataBytes);
        if (data.length < dataBytes) {
            throw new DataFileException(file, "byte " + (header + data.length), "file is truncated: it has "
                    + data.length + " of the " + dataBytes + " data bytes; " + declared);
        }
        if (in.read() != -1) {
            throw new DataFileException(file, "byte " + (header + dataBytes), "file has bytes after the "
                    + dataBytes + " data bytes; " + declared);
        }
        return new Content(shape, decode(type, data, (int) count));
    }

    /** Up to {@code length} bytes of {@code in}, in a buffer of {@code first} bytes that doubles as they arrive. */
    private static byte[] readData(InputStream in, int length, int first) throws IOException {
        byte[] data = new byte[first];
        int read = 0;
        while (true) {
            read += in.readNBytes(data, read, data.length - read);
            if (read < data.length || data.length == length) {
                return read == data.length ? data : Arrays.copyOf(data, read);
            }
            data = Arrays.copyOf(data, (int) Math.min(length, 2L * data.length));
        }
    }

    private static byte[] readFully(Path file, InputStream in, int length, long position, String what)
            throws IOException {
        byte[] bytes = new byte[length];
        int read = in.readNBytes(bytes, 0, length);
        if (read < length) {
            throw new DataFileException(file, "byte " + (position + read), "file ends inside the header, while reading "
                    + what);
        }
        return bytes;
    }

    private static float[] decode(int type, byte[] data, int count) {
        float[] values = new float[count];
        if (type == 0x08) {
            for (int i = 0; i < count; i++) {
                values[i] = data[i] & 0xff;
            }
            return values;
        }
        ByteBuffer buffer = ByteBuffer.wrap(data);   // big-endian, as IDX stores it
        for (int i = 0; i < count; i++) {
            values[i] = switch (type) {
                case 0x09 -> buffer.get();
                case 0x0B -> buffer.getShort();
                case 0x0C -> buffer.getInt();
                case 0x0D -> buffer.getFloat();
                default -> (float) buffer.getDouble();
            };
        }
        return values;
    }

    private static int typeSize(int type) {
        return switch (type) {
            case 0x08, 0x09 -> 1;
            case 0x0B -> 2;
            case 0x0C, 0x0D -> 4;
            case 0x0E -> 8;
            default -> 0;
        };
    }

    private static String typeName(int type) {
        return switch (type) {
            case 0x08 -> "unsigned bytes";
            case 0x09 -> "signed bytes";
            case 0x0B -> "shorts";
            case 0x0C -> "ints";
            case 0x0D -> "floats";
            default -> "doubles";
        };
    }
}
