package io.github.nn4j.io;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Reads one {@code .npy} array from a stream of a known number of bytes, in two steps: the
 * header, checked against that number before anything of its size is allocated, then the data.
 * So what a reader allocates never exceeds what the input holds: a header cannot make it reserve
 * more than the bytes that follow it.
 */
final class NpyReader {

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final int MAX_HEADER = 1 << 20;
    /** The most dimensions an ND4J array can have. */
    static final int MAX_RANK = 32;
    private static final int CHUNK = 1 << 16;

    private NpyReader() {
    }

    /**
     * Reads and checks the preamble and header; the stream is then at the first data byte.
     *
     * @param in     the stream, positioned at the magic string; not closed
     * @param size   the number of bytes the stream holds
     * @param source the file or entry, for messages
     * @return the header, whose data exactly fills the rest of the {@code size} bytes
     * @throws NpyFormatException naming {@code source} and the problem
     */
    static ArrayHeader header(InputStream in, long size, String source) throws IOException {
        byte[] start = readFully(in, 10, source, "the 10-byte preamble");
        for (int i = 0; i < MAGIC.length; i++) {
            if (start[i] != MAGIC[i]) {
                throw new NpyFormatException(source, "not a .npy file (it does not start with \\x93NUMPY)");
            }
        }
        int major = start[6] & 0xFF;
        long headerLength = (start[8] & 0xFFL) | (start[9] & 0xFFL) << 8;
        int preamble = 10;
        if (major == 2 || major == 3) {
            byte[] rest = readFully(in, 2, source, "the header length");
            headerLength |= (rest[0] & 0xFFL) << 16 | (rest[1] & 0xFFL) << 24;
            preamble = 12;
        } else if (major != 1) {
            throw new NpyFormatException(source, "unsupported .npy format version " + major + "." + (start[7] & 0xFF)
                    + "; nn4j reads 1.0, 2.0 and 3.0");
        }
        if (headerLength > MAX_HEADER) {
            throw new NpyFormatException(source, "header length " + headerLength + " is implausible (corrupt file?)");
        }
        if (headerLength > size - preamble) {
            throw new NpyFormatException(source, "truncated: the header needs " + headerLength + " bytes, but only "
                    + Math.max(0, size - preamble) + " follow");
        }
        byte[] headerBytes = readFully(in, (int) headerLength, source, "the header");
        String text = new String(headerBytes, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        NpyHeader header = NpyHeader.parse(text, source);
        NpyType type = NpyType.of(header.descr());
        if (type == null) {
            throw new NpyFormatException(source, "data type '" + header.descr() + "' is not supported; nn4j reads "
                    + NpyType.supported());
        }
        long dataBytes = dataBytes(header, type, source);
        long available = size - preamble - headerLength;
        if (available < dataBytes) {
            throw new NpyFormatException(source, "truncated: shape " + NpyHeader.tuple(header.shape()) + " of "
                    + header.descr() + " needs " + dataBytes + " bytes of data, but only " + available + " follow");
        }
        if (available > dataBytes) {
            throw new NpyFormatException(source, (available - dataBytes) + " unexpected bytes after the "
                    + dataBytes + " bytes of data of shape " + NpyHeader.tuple(header.shape()));
        }
        return new ArrayHeader(type.dataType, header.shape(), header.fortranOrder(), dataBytes);
    }

    /** The data bytes of a shape, which must be one ND4J can hold and under 2 GB. */
    private static long dataBytes(NpyHeader header, NpyType type, String source) throws NpyFormatException {
        long[] shape = header.shape();
        if (shape.length > MAX_RANK) {
            throw new NpyFormatException(source, "shape has " + shape.length + " dimensions; ND4J arrays have at most "
                    + MAX_RANK);
        }
        long length = 1;
        for (long dimension : shape) {
            if (dimension > Integer.MAX_VALUE) {
                throw new NpyFormatException(source, "shape " + NpyHeader.tuple(shape) + " is too large");
            }
            length *= Math.max(dimension, 1);   // each factor < 2^31, checked below before it can overflow
            if (length > Integer.MAX_VALUE / type.itemSize) {
                throw new NpyFormatException(source, "shape " + NpyHeader.tuple(shape) + " of " + header.descr()
                        + " exceeds 2 GB, which nn4j does not read");
            }
        }
        for (long dimension : shape) {
            if (dimension == 0) {
                return 0;
            }
        }
        return length * type.itemSize;
    }

    /**
     * Reads the data that follows {@link #header}, then checks that the stream ends there.
     *
     * @param in     the stream, at the first data byte; not closed
     * @param header what {@link #header} returned
     * @param source the file or entry, for messages
     * @return a new C-ordered array
     * @throws NpyFormatException when the data is cut short or followed by more bytes
     */
    static INDArray data(InputStream in, ArrayHeader header, String source) throws IOException {
        NpyType type = NpyType.of(header.dataType());
        int dataBytes = (int) header.dataBytes();
        INDArray array = Nd4j.createUninitialized(type.dataType, header.shape(), header.fortranOrder() ? 'f' : 'c');
        if (dataBytes > 0) {
            ByteBuffer target = array.data().asNio();
            byte[] chunk = new byte[Math.min(CHUNK, dataBytes)];
            for (int done = 0; done < dataBytes; ) {
                int n = Math.min(chunk.length, dataBytes - done);
                int got = in.readNBytes(chunk, 0, n);
                if (got < n) {
                    throw new NpyFormatException(source, "truncated: the data ended after " + (done + got) + " of "
                            + dataBytes + " bytes", new EOFException());
                }
                type.toLittleEndian(chunk, n); // the swap is its own inverse
                target.put(chunk, 0, n);
                done += n;
            }
        }
        if (in.read() != -1) {
            throw new NpyFormatException(source, "unexpected bytes after the " + dataBytes + " bytes of data of shape "
                    + NpyHeader.tuple(header.shape()));
        }
        return header.fortranOrder() ? array.dup('c') : array;
    }

    private static byte[] readFully(InputStream in, int n, String source, String what) throws IOException {
        byte[] bytes = new byte[n];
        int got = in.readNBytes(bytes, 0, n);
        if (got < n) {
            throw new NpyFormatException(source, "truncated: ended after " + got + " of " + n + " bytes of " + what);
        }
        return bytes;
    }
}
