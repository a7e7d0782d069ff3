package dev.kiln.internal.compiler.ssa;

import dev.kiln.internal.compiler.ssa.VerifierError.Kind;
import dev.kiln.internal.nativecode.ExitCode;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The typing of each {@link Opcode}: how many operands and results, of which types, and which
 * immediates. Polymorphic opcodes take their type from the result (or, for those without one,
 * from the first operand). Operands whose values have no type (never made) are left to the
 * verifier's definition checks.
 */
final class TypeRules {

    /**
     * The exits Java serves and then resumes native code from, with what each takes (the
     * execution and module contexts first, then index immediates as {@code i32}s, then the
     * WebAssembly operands; references are {@code i64}) and gives back.
     */
    private static final Map<ExitCode, Signature> EXITS = exits();

    private static final Set<Type> SCALARS = EnumSet.of(Type.I32, Type.I64, Type.F32, Type.F64);
    private static final Set<Type> INTS = EnumSet.of(Type.I32, Type.I64);
    private static final Set<Type> FLOATS = EnumSet.of(Type.F32, Type.F64);

    private final Function function;
    private final Block block;
    private final Instruction instruction;
    private final List<VerifierError> errors;

    private TypeRules(Function function, Block block, Instruction instruction, List<VerifierError> errors) {
        this.function = function;
        this.block = block;
        this.instruction = instruction;
        this.errors = errors;
    }

    /** Every exit's signature ({@link ExitSignatures}). */
    static java.util.Map<ExitCode, Signature> exitSignatures() {
        return EXITS;
    }

    /** Adds to {@code errors} what is wrong with the typing of {@code instruction} in {@code block}. */
    static void check(Function function, Block block, Instruction instruction, List<VerifierError> errors) {
        new TypeRules(function, block, instruction, errors).check();
    }

    private void check() {
        Opcode op = instruction.opcode();
        Form form = op.form();
        int operands = instruction.operandCount();
        if (form.operands() >= 0 && operands != form.operands()) {
            error(Kind.OPERAND_COUNT, count(operands, "operand") + "; " + op.mnemonic() + " takes " + form.operands());
            return;
        }
        if (form == Form.CALL_INDIRECT && operands == 0) {
            error(Kind.OPERAND_COUNT, "no operands; call_indirect takes the code address first");
            return;
        }
        if (form.results() >= 0 && instruction.resultCount() != form.results()) {
            error(Kind.RESULTS, count(instruction.resultCount(), "result") + "; " + op.mnemonic() + " has " + form.results());
            return;
        }
        switch (op) {
            case ICONST -> {
                result(INTS);
                if (result() == Type.I32 && (int) instruction.immediate() != instruction.immediate()) {
                    error(Kind.IMMEDIATE, "an i32 constant must be kept sign-extended");
                }
            }
            case FCONST -> {
                result(FLOATS);
                if (result() == Type.F32 && (instruction.immediate() >>> 32) != 0) {
                    error(Kind.IMMEDIATE, "an f32 constant's bits must fit in 32");
                }
            }
            case CLZ, CTZ, POPCNT, SEXT8, SEXT16, IADD, ISUB, IMUL, SDIV, UDIV, SREM, UREM, BAND, BOR, BXOR,
                 ISHL, SSHR, USHR, ROTL, ROTR -> {
                if (result(INTS)) {
                    operandsOf(result(), 0);
                }
            }
            case FABS, FNEG, FSQRT, FCEIL, FFLOOR, FTRUNC, FNEAREST, FADD, FSUB, FMUL, FDIV, FMIN, FMAX,
                 FCOPYSIGN -> {
                if (result(FLOATS)) {
                    operandsOf(result(), 0);
                }
            }
            case SEXT32 -> convert(Type.I64, Type.I64);
            case UEXTEND, SEXTEND -> convert(Type.I32, Type.I64);
            case IREDUCE -> convert(Type.I64, Type.I32);
            case FPROMOTE -> convert(Type.F32, Type.F64);
            case FDEMOTE -> convert(Type.F64, Type.F32);
            case FCVT_FROM_SINT, FCVT_FROM_UINT -> {
                result(FLOATS);
                operand(0, INTS);
            }
            case FCVT_TO_SINT, FCVT_TO_UINT, FCVT_TO_SINT_SAT, FCVT_TO_UINT_SAT -> {
                result(INTS);
                operand(0, FLOATS);
            }
            case BITCAST -> {
                Type to = result();
                if (result(SCALARS) && to != null) {
                    operand(0, EnumSet.of(switch (to) {
                        case I32 -> Type.F32;
                        case F32 -> Type.I32;
                        case I64 -> Type.F64;
                        default -> Type.I64;
                    }));
                }
            }
            case ICMP, FCMP -> {
                result(EnumSet.of(Type.I32));
                operand(0, op == Opcode.ICMP ? INTS : FLOATS);
                operandsOf(function.type(instruction.operand(0)), 1);
            }
            case SELECT -> {
                operand(0, EnumSet.of(Type.I32));
                operandsOf(result(), 1);
            }
            case LOAD, ULOAD8, SLOAD8, ULOAD16, SLOAD16, ULOAD32, SLOAD32 -> {
                result(switch (op) {
                    case LOAD -> SCALARS;
                    case ULOAD32, SLOAD32 -> EnumSet.of(Type.I64);
                    default -> INTS;
                });
                operand(0, EnumSet.of(Type.I64));
                offset();
            }
            case STORE, ISTORE8, ISTORE16, ISTORE32 -> {
                operand(0, EnumSet.of(Type.I64));
                operand(1, switch (op) {
                    case STORE -> SCALARS;
                    case ISTORE32 -> EnumSet.of(Type.I64);
                    default -> INTS;
                });
                offset();
            }
            case MEMORY_BASE, MEMORY_LENGTH -> {
                result(EnumSet.of(Type.I64));
                operand(0, EnumSet.of(Type.I64));
                index("memory");
            }
            case GLOBAL_GET, GLOBAL_SET -> {
                operand(0, EnumSet.of(Type.I64));
                index("global");
            }
            case CALL -> index("function");
            case CALL_INDIRECT -> operand(0, EnumSet.of(Type.I64));
            case CALL_EXIT -> exit();
            case TRAPIF, BRIF, BR_TABLE -> operand(0, EnumSet.of(Type.I32));
            case RETURN -> returnValues();
            case JUMP, TRAP -> { }
        }
    }

    private void exit() {
        Signature signature = EXITS.get(instruction.exitCode());
        if (signature == null) {
            error(Kind.IMMEDIATE, "call_exit needs an exit Java resumes from " + EXITS.keySet());
            return;
        }
        String name = instruction.exitCode().name().toLowerCase(Locale.ROOT);
        List<Type> params = signature.params();
        if (instruction.operandCount() != params.size()) {
            error(Kind.OPERAND_COUNT, count(instruction.operandCount(), "operand") + "; call_exit " + name
                    + " takes " + params.size() + " " + signature);
            return;
        }
        for (int i = 0; i < params.size(); i++) {
            operand(i, EnumSet.of(params.get(i)));
        }
        List<Type> results = signature.results();
        if (instruction.resultCount() != results.size()) {
            error(Kind.RESULTS, count(instruction.resultCount(), "result") + "; call_exit " + name + " gives "
                    + results.size() + " " + signature);
            return;
        }
        for (int i = 0; i < results.size(); i++) {
            Type t = function.type(instruction.result(i));
            if (t != null && t != results.get(i)) {
                error(Kind.RESULTS, "result v" + instruction.result(i) + " is " + t + ", expected " + results.get(i));
            }
        }
    }

    private static Map<ExitCode, Signature> exits() {
        Map<ExitCode, Signature> exits = new EnumMap<>(ExitCode.class);
        exit(exits, ExitCode.MEMORY_GROW, "ii", "i");     // memory, delta -> old pages or -1
        exit(exits, ExitCode.TABLE_GROW, "ili", "i");     // table, reference, delta -> old size or -1
        exit(exits, ExitCode.MEMORY_FILL, "iiii", "");    // memory, destination, value, length
        exit(exits, ExitCode.MEMORY_COPY, "iiiii", "");   // memories to and from, destination, source, length
        exit(exits, ExitCode.MEMORY_INIT, "iiiii", "");   // segment, memory, destination, source, length
        exit(exits, ExitCode.DATA_DROP, "i", "");         // segment
        exit(exits, ExitCode.TABLE_SET, "iil", "");       // table, index, reference
        exit(exits, ExitCode.TABLE_FILL, "iili", "");     // table, start, reference, length
        exit(exits, ExitCode.TABLE_COPY, "iiiii", "");    // tables to and from, destination, source, length
        exit(exits, ExitCode.TABLE_INIT, "iiiii", "");    // segment, table, destination, source, length
        exit(exits, ExitCode.ELEM_DROP, "i", "");         // segment
        exit(exits, ExitCode.REF_FUNC, "i", "l");         // function index -> record address
        exit(exits, ExitCode.FUNCREF_FROM_ID, "l", "l");  // reference id -> record address
        exit(exits, ExitCode.FUNCREF_TO_ID, "l", "l");    // record address -> reference id
        return exits;
    }

    /** Adds an exit taking the two contexts and then {@code params}, one letter a type ({@code i} i32, {@code l} i64). */
    private static void exit(Map<ExitCode, Signature> exits, ExitCode code, String params, String results) {
        List<Type> all = new ArrayList<>(List.of(Type.I64, Type.I64));
        all.addAll(letters(params));
        exits.put(code, new Signature(all, letters(results)));
    }

    private static List<Type> letters(String types) {
        return types.chars().mapToObj(c -> c == 'i' ? Type.I32 : Type.I64).toList();
    }

    private void convert(Type from, Type to) {
        result(EnumSet.of(to));
        operand(0, EnumSet.of(from));
    }

    private void returnValues() {
        List<Type> results = function.signature().results();
        if (instruction.operandCount() != results.size()) {
            error(Kind.RETURN_VALUES, count(instruction.operandCount(), "value") + "; the signature returns " + results.size());
            return;
        }
        for (int i = 0; i < results.size(); i++) {
            Type t = function.type(instruction.operand(i));
            if (t != null && t != results.get(i)) {
                error(Kind.RETURN_VALUES, "v" + instruction.operand(i) + " is " + t + "; result " + i
                        + " of the signature is " + results.get(i));
            }
        }
    }

    /** The first result's type, or {@code null}. */
    private Type result() {
        return instruction.resultCount() == 0 ? null : function.type(instruction.result(0));
    }

    /** Whether the first result's type (if known) is one of {@code allowed}; reports it if not. */
    private boolean result(Set<Type> allowed) {
        Type t = result();
        if (t != null && !allowed.contains(t)) {
            error(Kind.RESULTS, "result v" + instruction.result(0) + " is " + t + ", expected " + describe(allowed));
            return false;
        }
        return true;
    }

    private void operand(int index, Set<Type> allowed) {
        int value = instruction.operand(index);
        Type t = function.type(value);
        if (t != null && !allowed.contains(t)) {
            error(Kind.OPERAND_TYPE, "operand v" + value + " is " + t + ", expected " + describe(allowed));
        }
    }

    /** Operands {@code from} to the last must all be of type {@code type} (when that is known). */
    private void operandsOf(Type type, int from) {
        for (int i = from; type != null && i < instruction.operandCount(); i++) {
            operand(i, EnumSet.of(type));
        }
    }

    private void offset() {
        long offset = instruction.immediate();
        if (offset < 0 || offset > 0xFFFF_FFFFL) {
            error(Kind.IMMEDIATE, "offset " + offset + " is outside 0..0xffffffff");
        }
    }

    private void index(String what) {
        long index = instruction.immediate();
        if (index < 0 || index > Integer.MAX_VALUE) {
            error(Kind.IMMEDIATE, what + " index " + index + " is out of range");
        }
    }

    /** {@code 1 operand}, {@code 2 operands}. */
    static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    private static String describe(Set<Type> types) {
        if (types.equals(INTS)) {
            return "an integer type";
        }
        if (types.equals(FLOATS)) {
            return "a float type";
        }
        if (types.equals(SCALARS)) {
            return "i32, i64, f32 or f64";
        }
        return types.iterator().next().toString();
    }

    private void error(Kind kind, String what) {
        errors.add(new VerifierError(kind, block,
                block + ": `" + Printer.instruction(function, instruction) + "`: " + what));
    }
}
