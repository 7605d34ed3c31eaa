package io.github.nn4j.io;

import java.io.IOException;

/**
 * A {@code .npy} or {@code .npz} file that cannot be read: not NumPy's format, truncated, or
 * holding a data type nn4j does not read. The message names the file (or zip entry) and the problem.
 */
public final class NpyFormatException extends IOException {

    private static final long serialVersionUID = 1L;

    /** What is wrong, without the source. */
    private final String problem;

    /**
     * Creates the exception.
     *
     * @param source  the file or entry, e.g. {@code weights.npz!dense0.W.npy}
     * @param problem what is wrong, e.g. {@code "truncated: ..."}
     */
    public NpyFormatException(String source, String problem) {
        super(source + ": " + problem);
        this.problem = problem;
    }

    /**
     * Creates the exception with the lower-level cause.
     *
     * @param source  the file or entry
     * @param problem what is wrong
     * @param cause   the underlying error
     */
    public NpyFormatException(String source, String problem, Throwable cause) {
        super(source + ": " + problem, cause);
        this.problem = problem;
    }

    /** What is wrong, as the message says it after the file or entry. */
    public String problem() {
        return problem;
    }
}
