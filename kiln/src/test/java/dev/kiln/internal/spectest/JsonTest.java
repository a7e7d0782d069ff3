package dev.kiln.internal.spectest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {

    @Test
    void parsesTheShapesOfASpecScript() {
        Object parsed = Json.parse("""
                {"commands": [{"type": "module", "line": 3, "name": "$M\\u0031", "ok": true, "v": null},
                              {"x": -1.5e3, "list": []}]}""");
        var commands = (List<?>) ((Map<?, ?>) parsed).get("commands");
        var first = (Map<?, ?>) commands.get(0);
        assertEquals("module", first.get("type"));
        assertEquals(3L, first.get("line"));
        assertEquals("$M1", first.get("name"));
        assertEquals(Boolean.TRUE, first.get("ok"));
        assertEquals(true, first.containsKey("v"));
        assertEquals(-1500.0, ((Map<?, ?>) commands.get(1)).get("x"));
    }

    @Test
    void rejectsTrailingGarbage() {
        assertThrows(IllegalArgumentException.class, () -> Json.parse("{} x"));
        assertThrows(IllegalArgumentException.class, () -> Json.parse("[1, 2"));
    }
}
