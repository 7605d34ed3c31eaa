package io.github.nn4j.onnx;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keeps layer settings exact through ONNX's float32 attributes. LeakyRelu's and Elu's
 * {@code alpha}, and the normalizations' {@code epsilon} and {@code momentum}, are float32 in ONNX
 * while nn4j's settings are doubles, so the exporter also writes the doubles into the node's doc
 * string ({@code "nn4j slope=0.0123456789"}, {@code "nn4j eps=1.0E-5 momentum=0.1"}), and the
 * importer takes each back when it rounds to the attribute's float. Without such a note (a model
 * from PyTorch, say) the float is read as the shortest decimal that rounds to it, so an
 * attribute written for 0.01 becomes 0.01 again, not 0.009999999776482582.
 */
final class ExactSetting {

    private static final Pattern NOTE = Pattern.compile("nn4j( [a-z_]+=\\S+)+");
    private static final Pattern SETTING = Pattern.compile(" ([a-z_]+)=(\\S+)");

    /** A doc string longer than this is no note of nn4j's (and is not matched, however long it is). */
    private static final int MAX_NOTE = 200;

    private ExactSetting() {
    }

    /**
     * The doc string that records {@code value} exactly.
     *
     * @param name  the nn4j setting, e.g. {@code slope}
     * @param value its value
     */
    static String note(String name, double value) {
        return "nn4j " + name + "=" + value;
    }

    /**
     * The doc string that records two settings exactly.
     *
     * @param name   the first setting, e.g. {@code eps}
     * @param value  its value
     * @param name2  the second, e.g. {@code momentum}
     * @param value2 its value
     */
    static String note(String name, double value, String name2, double value2) {
        return note(name, value) + " " + name2 + "=" + value2;
    }

    /**
     * The double a float32 attribute stands for.
     *
     * @param name      the nn4j setting the note would name
     * @param attribute the attribute's value
     * @param docString the node's doc string, possibly empty
     * @return the noted value when the note names {@code name} and rounds to {@code attribute},
     *         else the shortest decimal of {@code attribute}
     */
    static double value(String name, float attribute, String docString) {
        if (docString.length() <= MAX_NOTE && NOTE.matcher(docString).matches()) {
            Matcher setting = SETTING.matcher(docString);
            while (setting.find()) {
                if (!setting.group(1).equals(name)) {
                    continue;
                }
                try {
                    double exact = Double.parseDouble(setting.group(2));
                    if (Float.compare((float) exact, attribute) == 0) {
                        return exact;
                    }
                } catch (NumberFormatException ignored) {
                    // A foreign or damaged note: fall back to the attribute.
                }
            }
        }
        return decimal(attribute);
    }

    /** The shortest decimal that rounds to {@code value}, as a double (0.01f gives 0.01). */
    static double decimal(float value) {
        return Double.parseDouble(Float.toString(value));
    }
}
