package io.github.nn4j.io;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Typed reading of the fields of a JSON object: a layer's or a section's settings, or an object
 * of a model file's {@code model.json}. Each getter returns the field as the Java type it asks
 * for, or throws an {@link IllegalArgumentException} that names the owner, the field, what it
 * should hold and what it holds instead.
 *
 * <pre>{@code
 * JsonFields dense = new JsonFields("layer type 'dense'", Map.of("in", 784, "out", 2.5));
 * dense.intValue("in");    // 784
 * dense.intValue("out");   // IllegalArgumentException: layer type 'dense' needs an integer 'out', got 2.5
 * dense.number("p");       // IllegalArgumentException: layer type 'dense' needs a number 'p', got nothing (it has [in, out])
 * }</pre>
 *
 * <p>Integers are {@code Integer}, {@code Long}, {@code Short} or {@code Byte} values (a JSON
 * {@code 2.0} is a number, not an integer); numbers are any {@code Number}.
 *
 * @param owner  what the fields belong to, at the start of every message, e.g. {@code "adam section"}
 * @param values field name → value: {@code Number}, {@code String}, {@code Boolean}, lists and
 *               maps of those, or {@code null}; not copied
 */
public record JsonFields(String owner, Map<String, Object> values) {

    /** Checks that both are given. */
    public JsonFields {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(values, "values");
    }

    /**
     * The fields of {@code value}, which must be a JSON object (a map with text keys).
     *
     * @param value a parsed JSON value, e.g. an item of a list
     * @param owner what it is, for messages
     * @return its fields
     * @throws IllegalArgumentException naming the owner and the value when it is not an object
     */
    @SuppressWarnings("unchecked")
    public static JsonFields of(Object value, String owner) {
        if (value instanceof Map<?, ?> map && map.keySet().stream().allMatch(String.class::isInstance)) {
            return new JsonFields(owner, (Map<String, Object>) map);
        }
        throw new IllegalArgumentException(owner + " must be a JSON object, got " + shown(value));
    }

    /**
     * Whether the field is present with a value other than {@code null}.
     *
     * @param name the field's name
     * @return whether it holds a value
     */
    public boolean has(String name) {
        return values.get(name) != null;
    }

    /**
     * A numeric field as a {@code double}.
     *
     * @param name the field's name
     * @return its value
     * @throws IllegalArgumentException when it is missing or not a number
     */
    public double number(String name) {
        if (values.get(name) instanceof Number number) {
            return number.doubleValue();
        }
        throw wrong(name, "a number");
    }

    /**
     * A whole-number field as a {@code long}.
     *
     * @param name the field's name
     * @return its value
     * @throws IllegalArgumentException when it is missing or not an integer
     */
    public long integer(String name) {
        Object value = values.get(name);
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        throw wrong(name, "an integer");
    }

    /**
     * A whole-number field that fits an {@code int}, such as a layer size.
     *
     * @param name the field's name
     * @return its value
     * @throws IllegalArgumentException when it is missing, not an integer or outside the {@code int} range
     */
    public int intValue(String name) {
        long value = integer(name);
        if (value != (int) value) {
            throw wrong(name, "an integer that fits an int");
        }
        return (int) value;
    }

    /**
     * A boolean field.
     *
     * @param name the field's name
     * @return its value
     * @throws IllegalArgumentException when it is missing or not {@code true} or {@code false}
     */
    public boolean flag(String name) {
        if (values.get(name) instanceof Boolean flag) {
            return flag;
        }
        throw wrong(name, "true or false");
    }

    /**
     * A text field.
     *
     * @param name the field's name
     * @return its value
     * @throws IllegalArgumentException when it is missing or not a string
     */
    public String text(String name) {
        if (values.get(name) instanceof String text) {
            return text;
        }
        throw wrong(name, "a string");
    }

    /**
     * A list field.
     *
     * @param name the field's name
     * @return its items, not copied
     * @throws IllegalArgumentException when it is missing or not a list
     */
    @SuppressWarnings("unchecked")
    public List<Object> list(String name) {
        if (values.get(name) instanceof List<?> list) {
            return (List<Object>) list;
        }
        throw wrong(name, "a list");
    }

    /**
     * A field that holds a JSON object, as fields of their own, owned by {@code "<owner> <name>"}.
     *
     * @param name the field's name
     * @return its fields
     * @throws IllegalArgumentException when it is missing or not an object
     */
    public JsonFields object(String name) {
        if (values.get(name) instanceof Map<?, ?> map) {
            return of(map, owner + " " + name);
        }
        throw wrong(name, "a JSON object");
    }

    /**
     * Like {@link #object(String)}, but an absent or {@code null} field gives no fields.
     *
     * @param name the field's name
     * @return its fields, or empty ones
     * @throws IllegalArgumentException when it holds something other than an object
     */
    public JsonFields optionalObject(String name) {
        return has(name) ? object(name) : new JsonFields(owner + " " + name, Map.of());
    }

    private IllegalArgumentException wrong(String name, String kind) {
        String got = values.containsKey(name) ? shown(values.get(name))
                : "nothing (it has " + new java.util.TreeSet<>(values.keySet()) + ")";
        return new IllegalArgumentException(owner + " needs " + kind + " '" + name + "', got " + got);
    }

    private static String shown(Object value) {
        return value instanceof String text ? "'" + text + "'" : String.valueOf(value);
    }
}
