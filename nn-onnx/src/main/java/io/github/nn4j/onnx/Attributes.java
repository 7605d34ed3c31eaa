package io.github.nn4j.onnx;

import io.github.nn4j.onnx.proto.AttributeProto;
import io.github.nn4j.onnx.proto.NodeProto;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A node's attributes, checked: each name at most once, only the names the operator has in the
 * opsets nn4j reads (an attribute nn4j does not know could change the result, so it is refused
 * rather than ignored), and each of the type the operator defines.
 */
final class Attributes {

    private final Map<String, AttributeProto> byName = new HashMap<>();

    /**
     * @param node    the node
     * @param allowed the attribute names its operator has
     * @throws ImportProblem for a repeated or unknown attribute
     */
    Attributes(NodeProto node, Set<String> allowed) {
        for (AttributeProto attribute : node.getAttributeList()) {
            String name = attribute.getName();
            if (!allowed.contains(name)) {
                throw new ImportProblem("has attribute '" + name + "', which nn4j does not read for "
                        + node.getOpType() + (allowed.isEmpty() ? " (it reads none)" : " (it reads "
                        + new TreeSet<>(allowed) + ")"));
            }
            if (!attribute.getRefAttrName().isEmpty()) {
                throw new ImportProblem("attribute '" + name + "' refers to a function's attribute, which only "
                        + "functions may do");
            }
            if (byName.put(name, attribute) != null) {
                throw new ImportProblem("has attribute '" + name + "' twice");
            }
        }
    }

    /** Whether the attribute is given. */
    boolean has(String name) {
        return byName.containsKey(name);
    }

    /**
     * A float attribute.
     *
     * @param name     its name
     * @param fallback the operator's default when it is absent
     * @throws ImportProblem when it is present with another type
     */
    float floatValue(String name, float fallback) {
        AttributeProto attribute = byName.get(name);
        if (attribute == null) {
            return fallback;
        }
        require(attribute, AttributeProto.AttributeType.FLOAT);
        return attribute.getF();
    }

    /**
     * An integer attribute.
     *
     * @param name     its name
     * @param fallback the operator's default when it is absent
     * @throws ImportProblem when it is present with another type
     */
    long intValue(String name, long fallback) {
        AttributeProto attribute = byName.get(name);
        if (attribute == null) {
            return fallback;
        }
        require(attribute, AttributeProto.AttributeType.INT);
        return attribute.getI();
    }

    private static void require(AttributeProto attribute, AttributeProto.AttributeType type) {
        if (attribute.getType() != type) {
            throw new ImportProblem("attribute '" + attribute.getName() + "' should be of type " + type + ", but is "
                    + attribute.getType());
        }
    }
}
