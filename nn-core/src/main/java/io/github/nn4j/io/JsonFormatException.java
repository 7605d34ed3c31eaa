package io.github.nn4j.io;

import java.io.IOException;

/**
 * Bytes that are not JSON as {@link JsonReader} reads it. The message says what is wrong and
 * where: {@code expected ',' or '}' after an object's value, found '"' at line 3, column 5}.
 */
public final class JsonFormatException extends IOException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param problem what is wrong and where
     */
    public JsonFormatException(String problem) {
        super(problem);
    }
}
