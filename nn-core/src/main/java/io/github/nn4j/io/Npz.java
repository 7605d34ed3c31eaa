package io.github.nn4j.io;

import io.github.nn4j.internal.io.Inflation;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import java.util.zip.CheckedOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Reads and writes NumPy {@code .npz} archives: a zip file with one {@code <name>.npy} entry per
 * array, as written by {@code numpy.savez} (entries stored uncompressed) and read by
 * {@code numpy.load}.
 *
 * <pre>{@code
 * Npz.write(Path.of("arrays.npz"), Map.of("x", x, "y", y));   // entries x.npy, y.npy
 * Map<String, INDArray> again = Npz.read(Path.of("arrays.npz"));
 * // Python: d = numpy.load("arrays.npz"); d["x"].shape
 * }</pre>
 */
public final class Npz {

    /** A fixed entry time, so that writing the same arrays twice gives identical bytes. */
    public static final LocalDateTime ENTRY_TIME = LocalDateTime.of(1980, 1, 1, 0, 0);

    private Npz() {
    }

    /**
     * Writes arrays to {@code file} atomically, one {@code <name>.npy} entry each, in map order.
     *
     * @param file   the target, conventionally ending in {@code .npz}
     * @param arrays name → array; names may contain {@code /} for folders inside the zip
     * @throws IOException              when the file cannot be written (an old file is then unchanged)
     * @throws IllegalArgumentException when a name is empty or an array's data type is not supported
     */
    public static void write(Path file, Map<String, INDArray> arrays) throws IOException {
        arrays.forEach((name, array) -> {
            requireName(name);
            Npy.requireSupported(array, file + "!" + name + ".npy");
        });
        AtomicFile.write(file, out -> {
            ZipOutputStream zip = new ZipOutputStream(out);
            for (Map.Entry<String, INDArray> entry : arrays.entrySet()) {
                putStored(zip, entry.getKey() + ".npy", entry.getValue());
            }
            zip.finish();
        });
    }

    /**
     * Reads every {@code .npy} entry of {@code file}; other entries are ignored, as NumPy does.
     *
     * @param file the archive
     * @return entry name without {@code .npy} → array, in archive order
     * @throws NpyFormatException naming the file and the problem when it is not a readable archive
     * @throws IOException        when the file cannot be read
     */
    public static Map<String, INDArray> read(Path file) throws IOException {
        try (ZipFile zip = open(file)) {
            Map<String, INDArray> arrays = new LinkedHashMap<>();
            for (ZipEntry entry : entries(zip)) {
                if (entry.getName().endsWith(".npy")) {
                    String name = entry.getName().substring(0, entry.getName().length() - 4);
                    arrays.put(name, readEntry(zip, entry, file.toString()));
                }
            }
            return arrays;
        }
    }

    /**
     * Opens a zip archive, turning "not a zip" into a clear message.
     *
     * @param file the archive
     * @return the open archive; the caller closes it
     * @throws NpyFormatException naming the file when it is not a zip archive or is truncated
     * @throws IOException        when the file cannot be read
     */
    public static ZipFile open(Path file) throws IOException {
        try {
            return new ZipFile(file.toFile());
        } catch (ZipException | IllegalArgumentException e) {   // older JDKs: "MALFORMED" for a bad entry name
            throw new NpyFormatException(file.toString(), "not a zip archive, or truncated (" + e.getMessage() + ")", e);
        }
    }

    /**
     * The entries of an open zip, in archive order.
     *
     * @param zip an open archive
     * @return its entries, unmodifiable
     */
    public static List<ZipEntry> entries(ZipFile zip) {
        List<ZipEntry> list = new ArrayList<>();
        for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements(); ) {
            list.add(e.nextElement());
        }
        return Collections.unmodifiableList(list);
    }

    /**
     * Reads one {@code .npy} entry, checking its CRC so that corrupt bytes are reported rather
     * than returned. The entry's sizes are checked first ({@link #entrySize}), and its header
     * against them, so the array allocated is never larger than the entry's real bytes.
     *
     * @param zip   the open archive
     * @param entry one of its entries
     * @param file  the archive's name, for messages
     * @return the array
     * @throws NpyFormatException naming the entry when it is corrupt or not a supported array
     * @throws IOException        when the archive cannot be read
     */
    public static INDArray readEntry(ZipFile zip, ZipEntry entry, String file) throws IOException {
        String source = file + "!" + entry.getName();
        long size = entrySize(zip, entry, file);
        CRC32 crc = new CRC32();
        try (InputStream in = new CheckedInputStream(zip.getInputStream(entry), crc)) {
            INDArray array = NpyReader.data(in, NpyReader.header(in, size, source), source);
            if (entry.getCrc() != -1 && crc.getValue() != entry.getCrc()) {
                throw new NpyFormatException(source, "corrupt: CRC-32 is " + Long.toHexString(crc.getValue())
                        + " but the archive records " + Long.toHexString(entry.getCrc()));
            }
            return array;
        } catch (ZipException | EOFException e) {
            throw new NpyFormatException(source, "corrupt entry (" + e.getMessage() + ")", e);
        }
    }

    /**
     * Reads only the header of a {@code .npy} entry, checked against the entry's size: the shape
     * and data type the entry holds, at the cost of a few hundred bytes whatever the shape.
     *
     * @param zip   the open archive
     * @param entry one of its entries
     * @param file  the archive's name, for messages
     * @return the header
     * @throws NpyFormatException naming the entry when its sizes or header are not those of a readable array
     * @throws IOException        when the archive cannot be read
     */
    public static ArrayHeader readHeader(ZipFile zip, ZipEntry entry, String file) throws IOException {
        String source = file + "!" + entry.getName();
        long size = entrySize(zip, entry, file);
        try (InputStream in = zip.getInputStream(entry)) {
            return NpyReader.header(in, size, source);
        } catch (ZipException | EOFException e) {
            throw new NpyFormatException(source, "corrupt entry (" + e.getMessage() + ")", e);
        }
    }

    /**
     * The uncompressed size of an entry, as the archive records it, after checking that it can be
     * true: the compressed bytes fit in the archive file, a stored entry is as large as its
     * compressed bytes, and a compressed one inflates within the {@link Inflation#limit}. Larger
     * claims are refused as corruption or a zip bomb, before anything of their size is allocated.
     *
     * @param zip   the open archive
     * @param entry one of its entries
     * @param file  the archive's name, for messages
     * @return the size in bytes
     * @throws NpyFormatException naming the entry when a size is implausible
     * @throws IOException        when the archive's length cannot be read
     */
    public static long entrySize(ZipFile zip, ZipEntry entry, String file) throws IOException {
        String source = file + "!" + entry.getName();
        long size = entry.getSize();
        long compressed = entry.getCompressedSize();
        long archive = Files.size(Path.of(zip.getName()));
        if (size < 0 || compressed < 0 || compressed > archive) {
            throw new NpyFormatException(source, "corrupt entry: it records " + compressed + " compressed bytes in an "
                    + "archive of " + archive + " bytes");
        }
        if (entry.getMethod() == ZipEntry.STORED && size != compressed) {
            throw new NpyFormatException(source, "corrupt entry: stored uncompressed, it records " + size
                    + " bytes but " + compressed + " compressed bytes");
        }
        if (size > Inflation.limit(compressed)) {
            throw new NpyFormatException(source, "refused: " + compressed + " compressed bytes would inflate to "
                    + size + ", more than " + Inflation.MAX_RATIO + " times as many (a zip bomb?)");
        }
        return size;
    }

    /**
     * Adds {@code array} as an uncompressed entry, like {@code numpy.savez}. A stored entry needs
     * its size and CRC up front, so the bytes are produced twice instead of held in memory.
     *
     * @param zip       the archive being written
     * @param entryName the entry's name, e.g. {@code dense0.W.npy}
     * @param array     the array
     * @throws IOException when writing fails
     */
    public static void putStored(ZipOutputStream zip, String entryName, INDArray array) throws IOException {
        CRC32 crc = new CRC32();
        CountingSink sink = new CountingSink();
        Npy.write(new CheckedOutputStream(sink, crc), array);
        ZipEntry entry = new ZipEntry(entryName);
        entry.setMethod(ZipEntry.STORED);
        entry.setSize(sink.count);
        entry.setCompressedSize(sink.count);
        entry.setCrc(crc.getValue());
        entry.setTimeLocal(ENTRY_TIME);
        zip.putNextEntry(entry);
        Npy.write(zip, array);
        zip.closeEntry();
    }

    private static void requireName(String name) {
        if (name == null || name.isEmpty() || name.startsWith("/") || name.contains("\\") || name.contains("..")) {
            throw new IllegalArgumentException("array name '" + name + "' is not a valid archive entry name");
        }
    }

    /** Counts bytes and discards them. */
    private static final class CountingSink extends OutputStream {
        long count;

        @Override
        public void write(int b) {
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            count += len;
        }
    }
}
