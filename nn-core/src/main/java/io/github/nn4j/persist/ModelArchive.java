package io.github.nn4j.persist;

import io.github.nn4j.base.Parameter;
import io.github.nn4j.io.ArrayHeader;
import io.github.nn4j.io.AtomicFile;
import io.github.nn4j.io.JsonReader;
import io.github.nn4j.io.Npy;
import io.github.nn4j.io.NpyFormatException;
import io.github.nn4j.io.Npz;
import io.github.nn4j.io.Section;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The zip layout of a model file: {@link ModelFile#DESCRIPTION} first, then one stored
 * {@code .npy} entry per parameter in the model's order, then each section's arrays as
 * {@code <key>/<name>.npy}, sections and arrays in sorted order, all with a fixed entry time.
 * Reading checks each entry it hands out against what the description says.
 */
final class ModelArchive implements Closeable {

    /** A description larger than this is taken for corruption, not read. */
    private static final long MAX_DESCRIPTION = JsonReader.MAX_BYTES;

    private final Path file;
    private final ZipFile zip;

    private ModelArchive(Path file, ZipFile zip) {
        this.file = file;
        this.zip = zip;
    }

    /**
     * Writes the archive atomically.
     *
     * @param file        the target
     * @param description the bytes of {@link ModelFile#DESCRIPTION}
     * @param parameters  the model's parameters, in order
     * @param sections    key → section, sorted by key
     * @param beforeEntry sees each entry name before it is written (tests inject failures)
     */
    static void write(Path file, byte[] description, List<Parameter> parameters, Map<String, Section> sections,
            Consumer<String> beforeEntry) throws IOException {
        AtomicFile.write(file, out -> {
            ZipOutputStream zip = new ZipOutputStream(out);
            beforeEntry.accept(ModelFile.DESCRIPTION);
            ZipEntry json = new ZipEntry(ModelFile.DESCRIPTION);
            json.setTimeLocal(Npz.ENTRY_TIME);
            zip.putNextEntry(json);
            zip.write(description);
            zip.closeEntry();
            for (Parameter parameter : parameters) {
                beforeEntry.accept(parameter.name() + ".npy");
                Npz.putStored(zip, parameter.name() + ".npy", parameter.value());
            }
            for (Map.Entry<String, Section> section : sections.entrySet()) {
                for (Map.Entry<String, INDArray> array : new TreeMap<>(section.getValue().arrays()).entrySet()) {
                    String name = section.getKey() + "/" + array.getKey() + ".npy";
                    beforeEntry.accept(name);
                    Npz.putStored(zip, name, array.getValue());
                }
            }
            zip.finish();
        });
    }

    /**
     * Opens a model file for reading.
     *
     * @param file the file
     * @return the open archive; close it when done
     * @throws ModelFormatException when it is not a zip archive or is truncated
     */
    static ModelArchive open(Path file) throws IOException {
        try {
            return new ModelArchive(file, Npz.open(file));
        } catch (NpyFormatException e) {
            throw new ModelFormatException(file, "not an nn4j model file: not a zip archive, or truncated", e);
        }
    }

    private ModelFormatException problem(String text) {
        return new ModelFormatException(file, text);
    }

    /**
     * The bytes of {@link ModelFile#DESCRIPTION}, checked against the archive's CRC-32; never
     * more than the archive records and {@link Npz#entrySize} accepts.
     */
    byte[] description() throws IOException {
        ZipEntry entry = zip.getEntry(ModelFile.DESCRIPTION);
        if (entry == null) {
            List<String> names = Npz.entries(zip).stream().map(ZipEntry::getName).limit(10).toList();
            throw problem("not an nn4j model file: it has no " + ModelFile.DESCRIPTION + " entry (entries: " + names
                    + ")");
        }
        long size;
        try {
            size = Npz.entrySize(zip, entry, file.toString());
        } catch (NpyFormatException e) {
            throw new ModelFormatException(file, ModelFile.DESCRIPTION + ": " + e.problem(), e);
        }
        if (size > MAX_DESCRIPTION) {
            throw problem(ModelFile.DESCRIPTION + " is implausibly large (" + size + " bytes)");
        }
        byte[] bytes;
        try (InputStream in = zip.getInputStream(entry)) {
            bytes = in.readNBytes((int) size);
            if (bytes.length < size || in.read() != -1) {
                throw problem(ModelFile.DESCRIPTION + " is corrupt: it does not hold the " + size
                        + " bytes the archive records");
            }
        } catch (ZipException | EOFException e) {
            throw new ModelFormatException(file, ModelFile.DESCRIPTION + " is corrupt (" + e.getMessage() + ")", e);
        }
        CRC32 crc = new CRC32();
        crc.update(bytes);
        if (entry.getCrc() != -1 && crc.getValue() != entry.getCrc()) {
            throw problem(ModelFile.DESCRIPTION + " is corrupt: its CRC-32 does not match the archive's");
        }
        return bytes;
    }

    /**
     * Checks an array entry's header against the description, reading only the header: the
     * entry exists, its sizes are plausible, and it holds {@code shape} of {@code dataType}.
     *
     * @param name     the entry name, e.g. {@code dense0.W.npy}
     * @param shape    the shape the description gives it
     * @param dataType the data type the description gives it
     * @throws ModelFormatException when the entry is missing, unreadable, or of another shape or type
     */
    void requireArray(String name, long[] shape, DataType dataType) throws IOException {
        ArrayHeader header;
        try {
            header = Npz.readHeader(zip, entry(name), file.toString());
        } catch (NpyFormatException e) {
            throw new ModelFormatException(file, "entry " + name + " is unreadable: " + e.problem(), e);
        }
        if (!Arrays.equals(header.shape(), shape)) {
            throw problem(name + " has shape " + Arrays.toString(header.shape()) + ", but " + ModelFile.DESCRIPTION
                    + " says " + Arrays.toString(shape));
        }
        if (header.dataType() != dataType) {
            throw problem(name + " holds " + Npy.typeName(header.dataType()) + " values, but "
                    + ModelFile.DESCRIPTION + " says " + Npy.typeName(dataType));
        }
    }

    /**
     * Reads an array entry after {@link #requireArray checking its header} against the description.
     *
     * @param name     the entry name, e.g. {@code dense0.W.npy}
     * @param shape    the shape the description gives it
     * @param dataType the data type the description gives it
     * @return the array
     * @throws ModelFormatException when the entry is missing, unreadable, or of another shape or type
     */
    INDArray array(String name, long[] shape, DataType dataType) throws IOException {
        requireArray(name, shape, dataType);
        try {
            return Npz.readEntry(zip, entry(name), file.toString());
        } catch (NpyFormatException e) {
            throw new ModelFormatException(file, "entry " + name + " is unreadable: " + e.problem(), e);
        }
    }

    private ZipEntry entry(String name) throws ModelFormatException {
        ZipEntry entry = zip.getEntry(name);
        if (entry == null) {
            throw problem("entry " + name + " is missing, but " + ModelFile.DESCRIPTION + " describes it");
        }
        return entry;
    }

    @Override
    public void close() throws IOException {
        zip.close();
    }
}
