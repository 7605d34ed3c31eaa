package io.github.nn4j.io;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Reads JSON text (RFC 8259, UTF-8) into plain Java values, for files that may come from anyone:
 * an object becomes a {@code LinkedHashMap<String, Object>} in the file's key order, an array an
 * {@code ArrayList<Object>}, text a {@code String}, {@code true}/{@code false} a {@code Boolean},
 * {@code null} {@code null}, and a number an {@code Integer} when it is whole and fits one, else a
 * {@code Long}, else a {@code BigInteger}; a {@code Double} when it has a fraction or an exponent
 * ({@code 2.0} and {@code 1e3} are doubles).
 *
 * <pre>{@code
 * JsonReader.read("{\"shape\": [4, 3], \"p\": 0.5}".getBytes(UTF_8))   // {shape=[4, 3], p=0.5}
 * JsonReader.read("[1, 2,]".getBytes(UTF_8))   // JsonFormatException: expected a value, found ']' at line 1, column 7
 * }</pre>
 *
 * <p>It is strict: nothing but whitespace may follow the value, a key may not repeat within an
 * object, and there are no comments, trailing commas, single quotes, leading zeros or
 * {@code NaN}. A UTF-8 byte order mark at the start is skipped. Limits keep the cost of hostile
 * bytes in proportion to their size: at most {@link #MAX_BYTES} bytes, lists and objects nested at
 * most {@link #MAX_DEPTH} deep, numbers at most {@link #MAX_NUMBER_LENGTH} characters long; the
 * values read take at most 64 bytes of heap per input byte, garbage included ({@code JsonReaderTest}
 * measures the worst cases).
 */
public final class JsonReader {

    /** The largest input read: 64 MiB. */
    public static final int MAX_BYTES = 64 << 20;
    /** How deep lists and objects may nest: {@code [[1]]} is 2 deep. */
    public static final int MAX_DEPTH = 64;
    /** The longest number, in characters, as in Jackson's default limit. */
    public static final int MAX_NUMBER_LENGTH = 1000;

    private JsonReader() {
    }

    /**
     * Reads one JSON value.
     *
     * @param utf8 the JSON text in UTF-8
     * @return the value, as described above
     * @throws JsonFormatException naming the problem and its line and column (or byte, for bytes
     *                             that are not UTF-8) when the bytes are not one JSON value within the limits
     */
    public static Object read(byte[] utf8) throws JsonFormatException {
        if (utf8.length > MAX_BYTES) {
            throw new JsonFormatException("JSON text of " + utf8.length + " bytes is longer than the limit of "
                    + MAX_BYTES);
        }
        CharBuffer chars = CharBuffer.allocate(utf8.length);
        ByteBuffer bytes = ByteBuffer.wrap(utf8);
        if (utf8.length >= 3 && utf8[0] == (byte) 0xEF && utf8[1] == (byte) 0xBB && utf8[2] == (byte) 0xBF) {
            bytes.position(3);
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        CoderResult result = decoder.decode(bytes, chars, true);
        if (result.isError()) {
            throw new JsonFormatException(String.format("not UTF-8: byte 0x%02X at offset %d is not part of a "
                    + "character", utf8[bytes.position()] & 0xFF, bytes.position()));
        }
        return new JsonParser(chars.array(), chars.position()).document();
    }
}
