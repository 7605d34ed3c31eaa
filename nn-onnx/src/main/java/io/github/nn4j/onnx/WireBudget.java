package io.github.nn4j.onnx;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.WireFormat;
import java.io.IOException;
import java.util.Map;

/**
 * Estimates, before protobuf builds any message, how much memory parsing an ONNX file would take,
 * by walking its wire format with an explicit stack (no recursion, nesting capped). A file's
 * bytes are mostly weights in {@code raw_data}, which cost about their own size; a hostile file
 * can instead pack millions of empty nodes or dimensions into a few bytes each, which would cost
 * dozens of bytes of Java objects per byte of file. The estimate charges every message and every
 * field that becomes an object a fixed overhead, numbers in lists 8 bytes each, strings and bytes
 * their length, and the file is refused when it exceeds {@link #allowed(long)}: four times the
 * file plus 64 MiB.
 */
final class WireBudget {

    /** Estimated bytes of a parsed message object and of one field occurrence in it. */
    private static final long MESSAGE = 64;
    private static final long FIELD = 32;

    private enum Kind { MODEL, GRAPH, NODE, ATTRIBUTE, TENSOR, VALUE_INFO, TYPE, TYPE_TENSOR, SHAPE, OTHER }

    /** Which fields of which message are messages themselves, as in onnx_subset.proto. */
    private static final Map<Kind, Map<Integer, Kind>> CHILDREN = Map.of(
            Kind.MODEL, Map.of(7, Kind.GRAPH, 8, Kind.OTHER, 14, Kind.OTHER),
            Kind.GRAPH, Map.of(1, Kind.NODE, 5, Kind.TENSOR, 11, Kind.VALUE_INFO, 12, Kind.VALUE_INFO,
                    13, Kind.VALUE_INFO),
            Kind.NODE, Map.of(5, Kind.ATTRIBUTE),
            Kind.ATTRIBUTE, Map.of(5, Kind.TENSOR, 6, Kind.GRAPH, 10, Kind.TENSOR, 11, Kind.GRAPH),
            Kind.TENSOR, Map.of(3, Kind.OTHER, 13, Kind.OTHER),
            Kind.VALUE_INFO, Map.of(2, Kind.TYPE),
            Kind.TYPE, Map.of(1, Kind.TYPE_TENSOR),
            Kind.TYPE_TENSOR, Map.of(2, Kind.SHAPE),
            Kind.SHAPE, Map.of(1, Kind.OTHER));

    /** Packed repeated numbers: field → bytes per element once parsed (0: varints, 8 bytes each). */
    private static final Map<Kind, Map<Integer, Integer>> PACKED = Map.of(
            Kind.TENSOR, Map.of(1, 0, 4, 4, 5, 0, 7, 0, 10, 8, 11, 0),
            Kind.ATTRIBUTE, Map.of(7, 4, 8, 0));

    private WireBudget() {
    }

    /** The most estimated memory a file of {@code size} bytes may take to parse. */
    static long allowed(long size) {
        return 4 * size + (64L << 20);
    }

    /**
     * Checks the file's estimated parsing cost.
     *
     * @param bytes the whole file
     * @throws ImportProblem when the estimate exceeds {@link #allowed(long)}, the nesting exceeds
     *                       {@link ImportLimits#MAX_NESTING}, or the wire format is broken
     */
    static void check(byte[] bytes) {
        long budget = allowed(bytes.length);
        long cost = MESSAGE;
        CodedInputStream in = CodedInputStream.newInstance(bytes);
        Kind[] kinds = new Kind[ImportLimits.MAX_NESTING + 1];
        int[] limits = new int[ImportLimits.MAX_NESTING + 1];
        boolean[] groups = new boolean[ImportLimits.MAX_NESTING + 1];
        int depth = 0;
        kinds[0] = Kind.MODEL;
        try {
            while (true) {
                if (in.isAtEnd()) {
                    if (depth == 0) {
                        return;
                    }
                    if (groups[depth]) {
                        throw new ImportProblem("a group is not closed (truncated or corrupt)");
                    }
                    in.popLimit(limits[depth--]);
                    continue;
                }
                int tag = in.readTag();
                int field = WireFormat.getTagFieldNumber(tag);
                int type = WireFormat.getTagWireType(tag);
                Integer packed = PACKED.getOrDefault(kinds[depth], Map.of()).get(field);
                if (type == WireFormat.WIRETYPE_END_GROUP) {
                    if (!groups[depth]) {
                        throw new ImportProblem("a group ends that was not opened (corrupt)");
                    }
                    depth--;
                } else if (type == WireFormat.WIRETYPE_START_GROUP) {
                    depth = enter(depth, kinds, Kind.OTHER);
                    groups[depth] = true;
                    cost += FIELD + MESSAGE;
                } else if (type == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
                    int length = in.readRawVarint32();
                    Kind child = CHILDREN.getOrDefault(kinds[depth], Map.of()).get(field);
                    cost += FIELD;
                    if (child != null) {
                        int limit = in.pushLimit(length);
                        depth = enter(depth, kinds, child);
                        limits[depth] = limit;
                        groups[depth] = false;
                        cost += MESSAGE;
                    } else if (packed != null && packed == 0) {
                        cost += 8L * varints(in, length);
                    } else {
                        cost += length;
                        in.skipRawBytes(length);
                    }
                } else {
                    // A number: 8 bytes in a list of numbers, a field object elsewhere (unknown fields).
                    cost += packed != null ? 8 : FIELD;
                    in.skipField(tag);
                }
                if (cost > budget) {
                    throw new ImportProblem("would take more than " + budget + " bytes of memory to parse (about "
                            + "four times its size): it packs too many fields into too few bytes");
                }
            }
        } catch (IOException e) {
            throw new ImportProblem("is not an ONNX model, or is truncated or corrupt (" + e.getMessage() + ")", e);
        }
    }

    private static int enter(int depth, Kind[] kinds, Kind kind) {
        if (depth + 1 > ImportLimits.MAX_NESTING) {
            throw new ImportProblem("nests messages more than " + ImportLimits.MAX_NESTING + " deep");
        }
        kinds[depth + 1] = kind;
        return depth + 1;
    }

    /** Reads {@code length} packed bytes and counts their varints: the bytes without a continuation bit. */
    private static long varints(CodedInputStream in, int length) throws IOException {
        if (length < 0) {
            throw new ImportProblem("a packed field has a negative length (corrupt)");
        }
        long count = 0;
        for (int i = 0; i < length; i++) {
            count += in.readRawByte() >= 0 ? 1 : 0;
        }
        return count;
    }
}
