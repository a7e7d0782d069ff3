package dev.kiln.internal.compiler.ssa;

import dev.kiln.TrapKind;
import dev.kiln.internal.nativecode.ExitCode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads one function in the text format {@link Printer} writes (see there and {@link Form}),
 * keeping its value and block numbers. The text is line-oriented: the header, each block
 * header, each instruction and the closing brace are one line each; blank lines and comments
 * from {@code ;} to the end of a line are ignored, and so is extra space between tokens.
 *
 * <p>The parser checks syntax and names only: a value used must be defined somewhere, a block
 * branched to must have a header, nothing may be defined twice. Everything else (types,
 * terminators, dominance) is the {@link Verifier}'s, so that tests can write broken functions
 * in text and see what the verifier says about them. Errors are {@link IllegalArgumentException}s
 * naming the line.
 */
public final class Parser {

    private static final Pattern DECIMAL = Pattern.compile("-?(\\d+(\\.\\d*)?|\\.\\d+)([eE][-+]?\\d+)?");

    private static final int MAX_ID = 1 << 24;

    private final String[] lines;
    private int lineNumber;
    private String line;
    private int pos;

    private Function function;
    private Block current;
    private final Map<Integer, Block> blocks = new HashMap<>();
    private final Map<Integer, Integer> blockReferences = new HashMap<>();
    private final Map<Integer, Integer> valueUses = new HashMap<>();
    private final Set<Block> laidOut = new HashSet<>();

    private Parser(String text) {
        this.lines = text.split("\n", -1);
    }

    /** The function {@code text} holds; throws {@link IllegalArgumentException} if it is not one. */
    public static Function parse(String text) {
        return new Parser(text).function();
    }

    private Function function() {
        if (!nextLine()) {
            throw error("expected a function");
        }
        header();
        while (true) {
            if (!nextLine()) {
                throw error("the function has no closing }");
            }
            if (at('}')) {
                pos++;
                end();
                break;
            }
            if (blockHeaderAhead()) {
                blockHeader();
            } else if (current == null) {
                throw error("an instruction before the first block header");
            } else {
                instruction();
            }
        }
        if (nextLine()) {
            throw error("text after the function");
        }
        for (Map.Entry<Integer, Integer> use : blockReferences.entrySet()) {
            if (!laidOut.contains(blocks.get(use.getKey()))) {
                throw new IllegalArgumentException("line " + use.getValue() + ": b" + use.getKey() + " has no header");
            }
        }
        for (Map.Entry<Integer, Integer> use : valueUses.entrySet()) {
            if (function.type(use.getKey()) == null) {
                throw new IllegalArgumentException("line " + use.getValue() + ": v" + use.getKey() + " is never defined");
            }
        }
        return function;
    }

    private void header() {
        keyword("function");
        skipSpace();
        String name = name();
        List<Type> params = types();
        skipSpace();
        expect("->");
        List<Type> results = types();
        expect('{');
        end();
        function = new Function(name, new Signature(params, results));
    }

    private String name() {
        expect('$');
        if (!at('"')) {
            int start = pos;
            while (pos < line.length() && Printer.plain(line.charAt(pos))) {
                pos++;
            }
            if (pos == start) {
                throw error("expected a function name");
            }
            return line.substring(start, pos);
        }
        pos++;
        StringBuilder name = new StringBuilder();
        while (true) {
            if (pos >= line.length()) {
                throw error("the name has no closing quote");
            }
            char c = line.charAt(pos++);
            if (c == '"') {
                return name.toString();
            }
            if (c != '\\') {
                name.append(c);
            } else if (pos < line.length() && (line.charAt(pos) == '"' || line.charAt(pos) == '\\')) {
                name.append(line.charAt(pos++));
            } else if (pos + 2 <= line.length() && isHex(line.charAt(pos)) && isHex(line.charAt(pos + 1))) {
                name.append((char) Integer.parseInt(line.substring(pos, pos + 2), 16));
                pos += 2;
            } else {
                throw error("a bad escape in the name");
            }
        }
    }

    private List<Type> types() {
        expect('(');
        List<Type> types = new ArrayList<>();
        if (!at(')')) {
            do {
                types.add(type());
            } while (comma());
        }
        expect(')');
        return types;
    }

    private boolean blockHeaderAhead() {
        skipSpace();
        return pos + 1 < line.length() && line.charAt(pos) == 'b' && digit(line.charAt(pos + 1));
    }

    private void blockHeader() {
        int id = id('b');
        Block block = block(id);
        if (laidOut.contains(block)) {
            throw error("b" + id + " has a second header");
        }
        expect('(');
        if (!at(')')) {
            do {
                block.addParam(definition());
            } while (comma());
        }
        expect(')');
        expect(':');
        end();
        function.addToLayout(block);
        laidOut.add(block);
        current = block;
    }

    private void instruction() {
        List<Integer> results = new ArrayList<>();
        List<Type> resultTypes = new ArrayList<>();
        if (at('v')) {
            do {
                results.add(id('v'));
                expect(':');
                resultTypes.add(type());
            } while (comma());
            expect('=');
        }
        skipSpace();
        String mnemonic = word();
        String suffix = null;
        int dot = mnemonic.indexOf('.');
        if (dot >= 0) {
            suffix = mnemonic.substring(dot + 1);
            mnemonic = mnemonic.substring(0, dot);
        }
        Opcode opcode = Opcode.named(mnemonic);
        if (opcode == null) {
            throw error("unknown opcode " + mnemonic);
        }
        Form form = opcode.form();
        if ((suffix != null) != (form == Form.ICMP || form == Form.FCMP)) {
            throw error(suffix == null ? mnemonic + " needs a condition" : mnemonic + " takes no condition");
        }
        Type resultType = resultTypes.size() == 1 ? resultTypes.getFirst() : null;
        List<Integer> operands = new ArrayList<>();
        List<Block> targets = new ArrayList<>();
        List<int[]> arguments = new ArrayList<>();
        long immediate = 0;
        skipSpace();
        switch (form) {
            case ICONST -> immediate = integer(resultType);
            case FCONST -> immediate = floatBits(resultType);
            case UNARY, BINARY, SELECT -> values(operands);
            case ICMP -> {
                immediate = named(IntCondition.values(), suffix, "condition").ordinal();
                values(operands);
            }
            case FCMP -> {
                immediate = named(FloatCondition.values(), suffix, "condition").ordinal();
                values(operands);
            }
            case LOAD -> immediate = address(operands);
            case STORE -> {
                immediate = address(operands);
                expect(',');
                operands.add(use());
            }
            case MEMORY, GLOBAL_GET, GLOBAL_SET -> {
                immediate = id(form == Form.MEMORY ? "mem" : "g");
                expect(',');
                values(operands);
            }
            case CALL -> {
                immediate = id("fn");
                arguments(operands);
            }
            case CALL_INDIRECT -> {
                operands.add(use());
                arguments(operands);
            }
            case CALL_EXIT -> {
                immediate = named(ExitCode.values(), word(), "exit code").ordinal();
                arguments(operands);
            }
            case TRAPIF -> {
                immediate = named(TrapKind.values(), word(), "trap kind").ordinal();
                expect(',');
                operands.add(use());
            }
            case TRAP -> immediate = named(TrapKind.values(), word(), "trap kind").ordinal();
            case JUMP -> target(targets, arguments);
            case BRIF -> {
                operands.add(use());
                expect(',');
                target(targets, arguments);
                expect(',');
                target(targets, arguments);
            }
            case BR_TABLE -> {
                operands.add(use());
                expect(',');
                target(targets, arguments);
                expect(',');
                expect('[');
                if (!at(']')) {
                    do {
                        target(targets, arguments);
                    } while (comma());
                }
                expect(']');
            }
            case RETURN -> {
                if (!atEnd()) {
                    values(operands);
                }
            }
        }
        end();
        int[] resultIds = new int[results.size()];
        for (int r = 0; r < resultIds.length; r++) {
            resultIds[r] = results.get(r);
            if (!function.defineValue(resultIds[r], resultTypes.get(r))) {
                throw error("v" + resultIds[r] + " is defined twice");
            }
        }
        int[] operandIds = operands.stream().mapToInt(Integer::intValue).toArray();
        current.append(new Instruction(opcode, immediate, operandIds, resultIds,
                targets.toArray(Block[]::new), arguments.toArray(int[][]::new)));
    }

    private long integer(Type type) {
        if (type == null || !type.isInt()) {
            throw error("iconst needs one i32 or i64 result");
        }
        skipSpace();
        int start = pos;
        if (at('-')) {
            pos++;
        }
        while (pos < line.length() && digit(line.charAt(pos))) {
            pos++;
        }
        String digits = line.substring(start, pos);
        try {
            boolean negative = digits.startsWith("-");
            long value = negative ? Long.parseLong(digits) : Long.parseUnsignedLong(digits);
            if (type == Type.I64) {
                return value;
            }
            if (negative ? value < Integer.MIN_VALUE : Long.compareUnsigned(value, 0xFFFF_FFFFL) > 0) {
                throw error(digits + " does not fit an i32");
            }
            return (int) value; // i32 constants are kept sign-extended
        } catch (NumberFormatException e) {
            throw error("expected an integer");
        }
    }

    private long floatBits(Type type) {
        if (type == null || !type.isFloat()) {
            throw error("fconst needs one f32 or f64 result");
        }
        skipSpace();
        int start = pos;
        while (pos < line.length() && !Character.isWhitespace(line.charAt(pos))) {
            pos++;
        }
        String text = line.substring(start, pos);
        boolean single = type == Type.F32;
        if (text.equals("inf") || text.equals("-inf")) {
            double d = text.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
            return single ? Float.floatToRawIntBits((float) d) & 0xFFFF_FFFFL : Double.doubleToRawLongBits(d);
        }
        if (text.startsWith("nan:0x")) {
            String hex = text.substring(6);
            long bits;
            try {
                bits = Long.parseUnsignedLong(hex, 16);
            } catch (NumberFormatException e) {
                throw error("a bad NaN " + text);
            }
            boolean nan = single
                    ? hex.length() <= 8 && Float.isNaN(Float.intBitsToFloat((int) bits))
                    : Double.isNaN(Double.longBitsToDouble(bits));
            if (!nan) {
                throw error(text + " is not the bits of a " + type + " NaN");
            }
            return bits;
        }
        if (!DECIMAL.matcher(text).matches()) {
            throw error("expected a float, inf, -inf or nan:0x..., not " + text);
        }
        return single ? Float.floatToRawIntBits(Float.parseFloat(text)) & 0xFFFF_FFFFL
                : Double.doubleToRawLongBits(Double.parseDouble(text));
    }

    /** {@code [vN]} or {@code [vN+offset]}: adds the address operand, returns the offset. */
    private long address(List<Integer> operands) {
        expect('[');
        operands.add(use());
        long offset = 0;
        if (at('+')) {
            pos++;
            skipSpace();
            int start = pos;
            while (pos < line.length() && digit(line.charAt(pos))) {
                pos++;
            }
            try {
                offset = Long.parseLong(line.substring(start, pos));
            } catch (NumberFormatException e) {
                throw error("expected an offset");
            }
        }
        expect(']');
        return offset;
    }

    private void target(List<Block> targets, List<int[]> arguments) {
        int id = id('b');
        blockReferences.putIfAbsent(id, lineNumber);
        targets.add(block(id));
        List<Integer> args = new ArrayList<>();
        arguments(args);
        arguments.add(args.stream().mapToInt(Integer::intValue).toArray());
    }

    private void arguments(List<Integer> into) {
        expect('(');
        if (!at(')')) {
            values(into);
        }
        expect(')');
    }

    private void values(List<Integer> into) {
        do {
            into.add(use());
        } while (comma());
    }

    private int use() {
        int id = id('v');
        valueUses.putIfAbsent(id, lineNumber);
        return id;
    }

    private int definition() {
        int id = id('v');
        expect(':');
        if (!function.defineValue(id, type())) {
            throw error("v" + id + " is defined twice");
        }
        return id;
    }

    private Block block(int id) {
        return blocks.computeIfAbsent(id, function::blockWithId);
    }

    private Type type() {
        skipSpace();
        String word = word();
        Type type = Type.named(word);
        if (type == null) {
            throw error("unknown type " + word);
        }
        return type;
    }

    private <E extends Enum<E>> E named(E[] values, String text, String what) {
        for (E e : values) {
            if (e.name().toLowerCase(Locale.ROOT).equals(text)) {
                return e;
            }
        }
        throw error("unknown " + what + " " + text);
    }

    // The scanner: the current line and a position in it.

    /** Moves to the next line with something on it, comments removed; false at the end. */
    private boolean nextLine() {
        while (lineNumber < lines.length) {
            line = stripComment(lines[lineNumber++]);
            pos = 0;
            if (!line.isBlank()) {
                return true;
            }
        }
        return false;
    }

    private static String stripComment(String text) {
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted && c == '\\') {
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (c == ';' && !quoted) {
                return text.substring(0, i);
            }
        }
        return text;
    }

    private void skipSpace() {
        while (pos < line.length() && Character.isWhitespace(line.charAt(pos))) {
            pos++;
        }
    }

    private boolean at(char c) {
        skipSpace();
        return pos < line.length() && line.charAt(pos) == c;
    }

    private boolean atEnd() {
        skipSpace();
        return pos >= line.length();
    }

    private boolean comma() {
        if (at(',')) {
            pos++;
            return true;
        }
        return false;
    }

    private void expect(char c) {
        if (!at(c)) {
            throw error("expected " + c);
        }
        pos++;
    }

    private void expect(String s) {
        skipSpace();
        if (!line.startsWith(s, pos)) {
            throw error("expected " + s);
        }
        pos += s.length();
    }

    private void keyword(String word) {
        skipSpace();
        if (!word().equals(word)) {
            throw error("expected " + word);
        }
    }

    private void end() {
        if (!atEnd()) {
            throw error("unexpected " + line.substring(pos).strip());
        }
    }

    private String word() {
        int start = pos;
        while (pos < line.length()) {
            char c = line.charAt(pos);
            if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_' || c == '.')) {
                break;
            }
            pos++;
        }
        if (pos == start) {
            throw error("expected a word");
        }
        return line.substring(start, pos);
    }

    private int id(char prefix) {
        return id(String.valueOf(prefix));
    }

    /** {@code prefix} followed by a decimal number, as in {@code v12}, {@code b3}, {@code fn7}. */
    private int id(String prefix) {
        skipSpace();
        if (!line.startsWith(prefix, pos)) {
            throw error("expected " + prefix + "<number>");
        }
        pos += prefix.length();
        int start = pos;
        while (pos < line.length() && digit(line.charAt(pos))) {
            pos++;
        }
        // Ids index arrays; a bound keeps a typo from allocating gigabytes.
        if (pos == start || pos - start > 8 || Integer.parseInt(line.substring(start, pos)) >= MAX_ID) {
            throw error("expected " + prefix + "<number below " + MAX_ID + ">");
        }
        return Integer.parseInt(line.substring(start, pos));
    }

    private static boolean digit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isHex(char c) {
        return Character.digit(c, 16) >= 0;
    }

    private IllegalArgumentException error(String message) {
        boolean blank = line == null || line.isBlank();
        return new IllegalArgumentException("line " + lineNumber + ": " + message + (blank ? "" : ": " + line.strip()));
    }
}
