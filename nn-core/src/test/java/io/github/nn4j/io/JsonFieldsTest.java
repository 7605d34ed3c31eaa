package io.github.nn4j.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class JsonFieldsTest {

    private static final JsonFields FIELDS = new JsonFields("adam section", Map.of("rate", 0.5, "steps", 938L,
            "size", 784, "nesterov", true, "loss", "mse", "betas", List.of(0.9, 0.999),
            "schedule", Map.of("kind", "cosine"), "big", 3_000_000_000L));

    private static void assertMessage(String expected, Executable call) {
        assertEquals(expected, assertThrows(IllegalArgumentException.class, call).getMessage());
    }

    @Test
    void eachGetterReturnsItsKindOfValue() {
        assertEquals(0.5, FIELDS.number("rate"));
        assertEquals(938.0, FIELDS.number("steps"), "an integer is also a number");
        assertEquals(938L, FIELDS.integer("steps"));
        assertEquals(784, FIELDS.intValue("size"));
        assertTrue(FIELDS.flag("nesterov"));
        assertEquals("mse", FIELDS.text("loss"));
        assertEquals(List.of(0.9, 0.999), FIELDS.list("betas"));
        assertEquals("cosine", FIELDS.object("schedule").text("kind"));
        assertEquals("adam section schedule", FIELDS.object("schedule").owner());
    }

    @Test
    void aMissingFieldIsNamedWithTheFieldsThereAre() {
        JsonFields two = new JsonFields("layer type 'dense'", Map.of("out", 2, "in", 3));
        assertMessage("layer type 'dense' needs a number 'p', got nothing (it has [in, out])", () -> two.number("p"));
        assertMessage("layer type 'dense' needs a JSON object 'x', got nothing (it has [in, out])",
                () -> two.object("x"));
    }

    @Test
    void aFieldOfTheWrongKindIsShownWithWhatItHolds() {
        assertMessage("adam section needs an integer 'rate', got 0.5", () -> FIELDS.integer("rate"));
        assertMessage("adam section needs a number 'loss', got 'mse'", () -> FIELDS.number("loss"));
        assertMessage("adam section needs true or false 'loss', got 'mse'", () -> FIELDS.flag("loss"));
        assertMessage("adam section needs a string 'size', got 784", () -> FIELDS.text("size"));
        assertMessage("adam section needs a list 'loss', got 'mse'", () -> FIELDS.list("loss"));
        assertMessage("adam section needs an integer that fits an int 'big', got 3000000000",
                () -> FIELDS.intValue("big"));
        Map<String, Object> withNull = new HashMap<>();
        withNull.put("x", null);
        assertMessage("s needs a number 'x', got null", () -> new JsonFields("s", withNull).number("x"));
    }

    @Test
    void onlyMapsWithTextKeysAreObjects() {
        assertEquals(Map.of("a", 1), JsonFields.of(Map.of("a", 1), "item").values());
        assertMessage("model.json must be a JSON object, got [1, 2, 3]", () -> JsonFields.of(List.of(1, 2, 3),
                "model.json"));
        assertMessage("item must be a JSON object, got {1=a}", () -> JsonFields.of(Map.of(1, "a"), "item"));
        assertMessage("item must be a JSON object, got null", () -> JsonFields.of(null, "item"));
    }

    @Test
    void anOptionalObjectThatIsAbsentOrNullIsEmpty() {
        Map<String, Object> withNull = new HashMap<>();
        withNull.put("settings", null);
        assertTrue(new JsonFields("layer 0", withNull).optionalObject("settings").values().isEmpty());
        assertTrue(new JsonFields("layer 0", Map.of()).optionalObject("settings").values().isEmpty());
        assertFalse(new JsonFields("layer 0", withNull).has("settings"));
        assertMessage("layer 0 needs a JSON object 'settings', got 3",
                () -> new JsonFields("layer 0", Map.of("settings", 3)).optionalObject("settings"));
    }

    @Test
    void aSectionReadsItsSettingsThroughJsonFields() {
        Section section = new Section("sgd", Map.of("learningRate", 0.1), Map.of());
        assertEquals(0.1, section.number("learningRate"));
        assertMessage("sgd section needs true or false 'nesterov', got nothing (it has [learningRate])",
                () -> section.flag("nesterov"));
    }
}
