package io.github.nn4j.data;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A data file that cannot be read as what it claims to be: truncated, corrupt, of the wrong
 * format, or with a cell that is not a number. The message names the file, the position in it
 * and the problem, for example {@code …/train-images-idx3-ubyte: byte 1016: file is truncated: it
 * has 1000 of the 47040000 data bytes; the header declares shape [60000, 28, 28] of unsigned bytes}.
 */
public final class DataFileException extends IOException {

    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final String position;

    /**
     * Creates the exception.
     *
     * @param file     the file being read
     * @param position where in the file, e.g. {@code "line 7, column 3"} or {@code "byte 16"}
     * @param problem  what is wrong there
     */
    public DataFileException(Path file, String position, String problem) {
        super(file + ": " + position + ": " + problem);
        this.file = file;
        this.position = position;
    }

    /** The file being read. */
    public Path file() {
        return file;
    }

    /** Where in the file the problem is, e.g. {@code "line 7, column 3"}. */
    public String position() {
        return position;
    }
}
