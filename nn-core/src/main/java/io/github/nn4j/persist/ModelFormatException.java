package io.github.nn4j.persist;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A model file that cannot be loaded: not a zip, truncated, corrupt, written by another program,
 * written by a newer nn4j, or whose arrays do not match its own description. The message names
 * the file and the problem, e.g.
 * {@code model.nn4j: dense0.W.npy has shape [3, 2], but model.json says [2, 3]}.
 *
 * <p>It is a checked {@link IOException}: a bad file is an expected condition that a serving
 * application should handle (keep the old model, alert), not a programming error.
 */
public final class ModelFormatException extends IOException {

    private static final long serialVersionUID = 1L;

    /** The file that failed to load. */
    private final transient Path file;

    /**
     * Creates the exception.
     *
     * @param file    the model file
     * @param problem what is wrong with it
     */
    public ModelFormatException(Path file, String problem) {
        super(file + ": " + problem);
        this.file = file;
    }

    /**
     * Creates the exception with the lower-level cause.
     *
     * @param file    the model file
     * @param problem what is wrong with it
     * @param cause   the underlying error
     */
    public ModelFormatException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
        this.file = file;
    }

    /** The model file that failed to load. */
    public Path file() {
        return file;
    }
}
