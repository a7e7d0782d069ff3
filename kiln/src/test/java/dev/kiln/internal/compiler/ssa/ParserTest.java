package dev.kiln.internal.compiler.ssa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What the parser refuses, and that it says on which line. */
class ParserTest {

    private static final String HEADER = "function $f(i32) -> (i32) {\nb0(v0:i32):\n";

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            v1:i32 = frob v0                  | line 3: unknown opcode frob: v1:i32 = frob v0
            v1:i32 = icmp v0, v0              | line 3: icmp needs a condition: v1:i32 = icmp v0, v0
            v1:i32 = icmp.below v0, v0        | line 3: unknown condition below: v1:i32 = icmp.below v0, v0
            v1:i32 = iadd.lt v0, v0           | line 3: iadd takes no condition: v1:i32 = iadd.lt v0, v0
            v1:i32 = iadd v0 v0               | line 3: unexpected v0: v1:i32 = iadd v0 v0
            v1:i32 = iconst 4294967296        | line 3: 4294967296 does not fit an i32: v1:i32 = iconst 4294967296
            v1:f32 = iconst 1                 | line 3: iconst needs one i32 or i64 result: v1:f32 = iconst 1
            v1:f32 = fconst 1f                | line 3: expected a float, inf, -inf or nan:0x..., not 1f: v1:f32 = fconst 1f
            v1:f32 = fconst nan:0x7f800000    | line 3: nan:0x7f800000 is not the bits of a f32 NaN: v1:f32 = fconst nan:0x7f800000
            v0:i32 = iconst 1                 | line 3: v0 is defined twice: v0:i32 = iconst 1
            v1:i33 = iconst 1                 | line 3: unknown type i33: v1:i33 = iconst 1
            trap sometimes                    | line 3: unknown trap kind sometimes: trap sometimes
            return v9                         | line 3: v9 is never defined
            jump b7()                         | line 3: b7 has no header
            """)
    void refuses(String line, String message) {
        var e = assertThrows(IllegalArgumentException.class, () -> Parser.parse(HEADER + "    " + line + "\n}\n"));
        assertEquals(message, e.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            ''                                             | line 1: expected a function
            function f() -> () {                           | line 1: expected $: function f() -> () {
            'function $f() -> () {\nreturn\n}'             | line 2: an instruction before the first block header: return
            'function $f() -> () {\nb0():\nb0():\n}'       | line 3: b0 has a second header: b0():
            'function $f() -> () {\nb0():\n    return\n'   | line 4: the function has no closing }
            'function $f() -> () {\nb0():\n}\n}'           | line 4: text after the function: }
            """)
    void refusesTheShape(String text, String message) {
        var e = assertThrows(IllegalArgumentException.class, () -> Parser.parse(text.replace("\\n", "\n")));
        assertEquals(message, e.getMessage());
    }
}
