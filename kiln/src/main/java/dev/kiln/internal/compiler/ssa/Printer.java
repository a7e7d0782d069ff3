package dev.kiln.internal.compiler.ssa;

import java.util.Locale;

/**
 * Writes a {@link Function} in the text format that {@link Parser} reads back:
 *
 * <pre>
 * function $fib(i64, i64, i32) -&gt; (i32) {
 * b0(v0:i64, v1:i64, v2:i32):
 *     v3:i32 = iconst 2
 *     v4:i32 = icmp.lt_s v2, v3
 *     brif v4, b1(), b2()
 * b1():
 *     return v2
 * ...
 * }
 * </pre>
 *
 * Blocks appear in layout order, each header unindented with its parameters, each instruction
 * on its own line indented by four spaces: its results with their types, {@code =}, then the
 * mnemonic, immediates and operands as {@link Form} shows. The output is canonical: printing
 * what the parser read from printed text gives the same text.
 */
public final class Printer {

    private Printer() {}

    /** The whole function, ending with a newline. */
    public static String print(Function function) {
        StringBuilder out = new StringBuilder();
        out.append("function ").append(name(function.name())).append(function.signature()).append(" {\n");
        for (Block block : function.blocks()) {
            out.append(block).append('(');
            for (int i = 0; i < block.paramCount(); i++) {
                if (i > 0) {
                    out.append(", ");
                }
                typed(out, function, block.param(i));
            }
            out.append("):\n");
            for (Instruction i = block.first(); i != null; i = i.next()) {
                out.append("    ");
                instruction(out, function, i);
                out.append('\n');
            }
        }
        return out.append("}\n").toString();
    }

    /** One instruction of {@code function}, as it appears in the function's text. */
    public static String instruction(Function function, Instruction instruction) {
        StringBuilder out = new StringBuilder();
        instruction(out, function, instruction);
        return out.toString();
    }

    /**
     * {@code $name}, or {@code $"..."} when the name has characters other than letters, digits,
     * {@code _} and {@code .}; in quotes, {@code "} and {@code \} are escaped with {@code \} and
     * control characters are written {@code \hh}.
     */
    static String name(String name) {
        if (!name.isEmpty() && name.chars().allMatch(Printer::plain)) {
            return "$" + name;
        }
        StringBuilder out = new StringBuilder("$\"");
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20 || c == 0x7f) {
                out.append(String.format(Locale.ROOT, "\\%02x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }

    static boolean plain(int c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '.';
    }

    private static void instruction(StringBuilder out, Function function, Instruction i) {
        for (int r = 0; r < i.resultCount(); r++) {
            if (r > 0) {
                out.append(", ");
            }
            typed(out, function, i.result(r));
        }
        if (i.resultCount() > 0) {
            out.append(" = ");
        }
        Opcode op = i.opcode();
        out.append(op.mnemonic());
        if (!printable(i)) {
            // Only the verifier meets such an instruction, and it wants to name it.
            operands(out.append(" <malformed> "), i, 0);
            return;
        }
        switch (op.form()) {
            case ICONST -> out.append(' ').append(i.immediate());
            case FCONST -> out.append(' ').append(floatText(function.type(i.result(0)), i.immediate()));
            case UNARY, BINARY, SELECT -> operands(out.append(' '), i, 0);
            case RETURN -> {
                if (i.operandCount() > 0) { // a bare "return" has no trailing space
                    operands(out.append(' '), i, 0);
                }
            }
            case ICMP -> operands(out.append('.').append(i.intCondition()).append(' '), i, 0);
            case FCMP -> operands(out.append('.').append(i.floatCondition()).append(' '), i, 0);
            case LOAD -> address(out.append(' '), i);
            case STORE -> address(out.append(' '), i).append(", v").append(i.operand(1));
            case MEMORY -> operands(out.append(" mem").append(i.immediate()).append(", "), i, 0);
            case GLOBAL_GET, GLOBAL_SET -> operands(out.append(" g").append(i.immediate()).append(", "), i, 0);
            case CALL -> arguments(out.append(" fn").append(i.immediate()), i, 0);
            case CALL_INDIRECT -> arguments(out.append(" v").append(i.operand(0)), i, 1);
            case CALL_EXIT -> arguments(out.append(' ').append(lower(i.exitCode())), i, 0);
            case TRAPIF -> operands(out.append(' ').append(lower(i.trapKind())).append(", "), i, 0);
            case TRAP -> out.append(' ').append(lower(i.trapKind()));
            case JUMP -> target(out.append(' '), i, 0);
            case BRIF -> target(target(operands(out.append(' '), i, 0).append(", "), i, 0).append(", "), i, 1);
            case BR_TABLE -> {
                target(operands(out.append(' '), i, 0).append(", "), i, 0).append(", [");
                for (int t = 1; t < i.targetCount(); t++) {
                    target(out.append(t > 1 ? ", " : ""), i, t);
                }
                out.append(']');
            }
        }
    }

    /** Whether the operands and results the text of {@code i}'s form needs are there. */
    private static boolean printable(Instruction i) {
        Form form = i.opcode().form();
        return switch (form) {
            case FCONST -> i.resultCount() == 1;
            case CALL_INDIRECT -> i.operandCount() >= 1;
            case LOAD, STORE, MEMORY, GLOBAL_GET, GLOBAL_SET, TRAPIF, BRIF, BR_TABLE -> i.operandCount() == form.operands();
            default -> true;
        };
    }

    private static void typed(StringBuilder out, Function function, int value) {
        out.append('v').append(value).append(':').append(function.type(value));
    }

    private static StringBuilder operands(StringBuilder out, Instruction i, int from) {
        for (int o = from; o < i.operandCount(); o++) {
            out.append(o > from ? ", v" : "v").append(i.operand(o));
        }
        return out;
    }

    private static StringBuilder arguments(StringBuilder out, Instruction i, int from) {
        return operands(out.append('('), i, from).append(')');
    }

    private static StringBuilder address(StringBuilder out, Instruction i) {
        out.append("[v").append(i.operand(0));
        if (i.immediate() != 0) {
            out.append('+').append(i.immediate());
        }
        return out.append(']');
    }

    private static StringBuilder target(StringBuilder out, Instruction i, int t) {
        out.append(i.target(t)).append('(');
        for (int a = 0; a < i.argumentCount(t); a++) {
            out.append(a > 0 ? ", v" : "v").append(i.argument(t, a));
        }
        return out.append(')');
    }

    private static String lower(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }

    /**
     * A float constant: Java's shortest decimal that reads back as the same bits ({@code 1.5},
     * {@code -0.0}, {@code 1.0E-10}), {@code inf} and {@code -inf}, and {@code nan:0x...} with all
     * the bits, so NaN payloads survive.
     */
    static String floatText(Type type, long bits) {
        if (type != Type.F32 && type != Type.F64) {
            return String.format(Locale.ROOT, "0x%x", bits); // malformed: only in an error message
        }
        if (type == Type.F32) {
            float f = Float.intBitsToFloat((int) bits);
            if (Float.isNaN(f)) {
                return String.format(Locale.ROOT, "nan:0x%08x", bits);
            }
            return Float.isInfinite(f) ? (f > 0 ? "inf" : "-inf") : Float.toString(f);
        }
        double d = Double.longBitsToDouble(bits);
        if (Double.isNaN(d)) {
            return String.format(Locale.ROOT, "nan:0x%016x", bits);
        }
        return Double.isInfinite(d) ? (d > 0 ? "inf" : "-inf") : Double.toString(d);
    }
}
