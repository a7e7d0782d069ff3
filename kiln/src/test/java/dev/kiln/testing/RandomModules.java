package dev.kiln.testing;

import static dev.kiln.testing.Instructions.block;
import static dev.kiln.testing.Instructions.brTable;
import static dev.kiln.testing.Instructions.end;
import static dev.kiln.testing.Instructions.f32;
import static dev.kiln.testing.Instructions.f64;
import static dev.kiln.testing.Instructions.i32;
import static dev.kiln.testing.Instructions.i64;
import static dev.kiln.testing.Instructions.mem;
import static dev.kiln.testing.Instructions.op;
import static dev.kiln.testing.Instructions.refNull;

import dev.kiln.FunctionType;
import dev.kiln.ValueType;
import dev.kiln.internal.wasm.ExternalKind;
import dev.kiln.internal.wasm.Immediate;
import dev.kiln.internal.wasm.Instruction;
import dev.kiln.internal.wasm.Limits;
import dev.kiln.internal.wasm.Op;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Collectors;

/**
 * Random <em>valid</em> modules for differential testing: every scalar instruction, blocks,
 * loops, {@code if}, {@code br_if}, {@code br_table}, direct and indirect calls, globals, loads
 * and stores of every width, bulk memory, {@code memory.grow}, tables and traps (division,
 * conversions, out-of-bounds accesses, bad indirect calls, {@code unreachable}).
 *
 * <p>Generation is type-directed: {@link #expression} emits code that leaves one value of the
 * type asked for, choosing among the instructions whose fixed signature ({@link Op#signature()})
 * yields it. Every run terminates: loops count a fresh local down from at most 8, a function
 * calls only functions defined before it (directly, or through the table at their own index),
 * so there is no recursion and the work is bounded by the depth budgets.
 *
 * <p>The same seed always gives the same module and the same {@link #arguments}.
 */
public final class RandomModules {

    private static final ValueType[] SCALARS = {ValueType.I32, ValueType.I64, ValueType.F32, ValueType.F64};
    private static final int MAX_DEPTH = 4;
    private static final int MAX_FUNCTIONS = 6;
    /** Call sites per function: with no recursion, a call tree of depth 6 stays small. */
    private static final int CALLS_PER_FUNCTION = 2;
    /** Memory is 1 page to start, at most 2; most addresses are masked into the first page. */
    private static final int ADDRESS_MASK = 0xFFF0;

    /** Pure numeric instructions by result type: no immediates, scalar operands, one result. */
    private static final Map<ValueType, List<Op>> NUMERIC = Arrays.stream(Op.values())
            .filter(op -> op.immediate() == Immediate.NONE && op.signature() != null
                    && op.signature().matches("[ilfd]*>[ilfd]"))
            .collect(Collectors.groupingBy(op -> type(op.signature().charAt(op.signature().length() - 1))));
    private static final Map<ValueType, List<Op>> LOADS = Arrays.stream(Op.values())
            .filter(op -> op.accessBytes() > 0 && !op.isSimd() && op.signature().startsWith("i>"))
            .collect(Collectors.groupingBy(op -> type(op.signature().charAt(2))));
    private static final List<Op> STORES = Arrays.stream(Op.values())
            .filter(op -> op.accessBytes() > 0 && !op.isSimd() && op.signature().endsWith(">"))
            .toList();

    private final SplittableRandom random;
    private final TestModule module = new TestModule();
    private final List<FunctionType> signatures = new ArrayList<>();
    private final List<ValueType> globals = new ArrayList<>();
    /** The current function: its index, locals (parameters first), declared locals. */
    private int current;
    private List<ValueType> locals;
    private List<ValueType> declared;
    /** Loop counters among the locals: never assigned but by their loop, so every loop ends. */
    private final List<Integer> counters = new ArrayList<>();
    private int loopDepth;
    private int callsLeft;

    private RandomModules(long seed) {
        this.random = new SplittableRandom(seed);
    }

    /** The module of {@code seed}; its functions are exported as {@code f0}, {@code f1}, ... */
    public static TestModule generate(long seed) {
        return new RandomModules(seed).build();
    }

    /** Arguments for a function of type {@code type}, the same for the same seed. */
    public static long[] arguments(FunctionType type, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        long[] args = new long[type.paramSlots()];
        for (int i = 0; i < args.length; i++) {
            args[i] = switch (type.params().get(i)) {
                case I32 -> interestingInt(random) & 0xFFFF_FFFFL;
                case I64 -> interestingLong(random);
                case F32 -> Float.floatToRawIntBits(interestingFloat(random)) & 0xFFFF_FFFFL;
                default -> Double.doubleToRawLongBits(interestingDouble(random));
            };
        }
        return args;
    }

    private TestModule build() {
        module.memory("memory", 1, 2);
        for (ValueType type : SCALARS) {
            globals.add(type);
            module.global(type, true, constant(type));
            module.export("g" + (globals.size() - 1), ExternalKind.GLOBAL, globals.size() - 1);
        }
        int count = 1 + random.nextInt(MAX_FUNCTIONS);
        for (int f = 0; f < count; f++) {
            signatures.add(signature());
        }
        int[] all = new int[count];
        Arrays.setAll(all, i -> i);
        module.table(ValueType.FUNCREF, count, Limits.NO_MAX).activeElements(0, all);
        for (current = 0; current < count; current++) {
            function();
        }
        return module;
    }

    private FunctionType signature() {
        List<ValueType> params = new ArrayList<>();
        for (int i = random.nextInt(4); i > 0; i--) {
            params.add(scalar());
        }
        List<ValueType> results = new ArrayList<>();
        for (int i = random.nextInt(3); i > 0; i--) {
            results.add(scalar());
        }
        return new FunctionType(params, results);
    }

    private void function() {
        FunctionType type = signatures.get(current);
        locals = new ArrayList<>(type.params());
        declared = new ArrayList<>();
        for (int i = random.nextInt(4); i > 0; i--) {
            declared.add(scalar());
        }
        locals.addAll(declared);
        counters.clear();
        callsLeft = CALLS_PER_FUNCTION;
        List<Instruction> body = new ArrayList<>();
        for (int i = random.nextInt(4); i > 0; i--) {
            statement(body, MAX_DEPTH);
        }
        for (ValueType result : type.results()) {
            expression(body, result, MAX_DEPTH);
        }
        int index = module.function(module.type(type), declared, body.toArray(Instruction[]::new));
        module.export("f" + index, ExternalKind.FUNCTION, index);
    }

    /** Code that leaves nothing on the stack. */
    private void statement(List<Instruction> out, int depth) {
        int choice = depth <= 0 ? random.nextInt(4) : random.nextInt(12);
        switch (choice) {
            case 0 -> {
                int local = random.nextInt(locals.size() + 1) - 1;
                if (local < 0 || counters.contains(local)) {
                    out.add(op(Op.NOP));
                    return;
                }
                expression(out, locals.get(local), depth - 1);
                out.add(op(Op.LOCAL_SET, local));
            }
            case 1 -> {
                int global = random.nextInt(globals.size());
                expression(out, globals.get(global), depth - 1);
                out.add(op(Op.GLOBAL_SET, global));
            }
            case 2 -> {
                Op store = STORES.get(random.nextInt(STORES.size()));
                address(out, depth - 1);
                ValueType value = type(store.signature().charAt(1));
                expression(out, value, depth - 1);
                canonicalizeNaN(out, value);
                out.add(mem(store, alignment(store), random.nextInt(4) == 0 ? random.nextInt(32) : 0));
            }
            case 3 -> {
                expression(out, scalar(), depth - 1);
                out.add(op(Op.DROP));
            }
            case 4 -> {
                if (loopDepth < 2) {
                    loop(out, depth);
                } else {
                    out.add(op(Op.NOP));
                }
            }
            case 5 -> {
                expression(out, ValueType.I32, depth - 1);
                out.add(block(Op.IF));
                statement(out, depth - 1);
                if (random.nextBoolean()) {
                    out.add(op(Op.ELSE));
                    statement(out, depth - 1);
                }
                out.add(end());
            }
            case 6 -> branchTable(out, depth);
            case 7 -> {
                // a block left early by br_if
                out.add(block(Op.BLOCK));
                statement(out, depth - 1);
                expression(out, ValueType.I32, depth - 1);
                out.add(op(Op.BR_IF, 0));
                statement(out, depth - 1);
                out.add(end());
            }
            case 8 -> bulkMemory(out, depth);
            case 9 -> {
                out.add(i32(random.nextInt(signatures.size() + 2)));
                if (random.nextBoolean()) {
                    out.add(refNull(ValueType.FUNCREF));
                    out.add(op(Op.TABLE_SET, 0)); // a later call through this slot traps
                } else {
                    out.add(op(Op.TABLE_GET, 0));
                    out.add(op(Op.REF_IS_NULL));
                    out.add(op(Op.DROP));
                }
            }
            case 10 -> {
                if (random.nextInt(8) == 0) {
                    out.add(op(Op.UNREACHABLE));
                } else {
                    out.add(op(Op.NOP));
                }
            }
            default -> callStatement(out, depth);
        }
    }

    /** A loop that runs at most 8 times, counting down a fresh local. */
    private void loop(List<Instruction> out, int depth) {
        int counter = locals.size();
        locals.add(ValueType.I32);
        declared.add(ValueType.I32);
        counters.add(counter);
        out.add(i32(random.nextInt(9)));
        out.add(op(Op.LOCAL_SET, counter));
        out.add(block(Op.BLOCK));
        out.add(block(Op.LOOP));
        loopDepth++;
        statement(out, depth - 1);
        statement(out, depth - 1);
        loopDepth--;
        out.add(op(Op.LOCAL_GET, counter));
        out.add(op(Op.I32_EQZ));
        out.add(op(Op.BR_IF, 1));
        out.add(op(Op.LOCAL_GET, counter));
        out.add(i32(1));
        out.add(op(Op.I32_SUB));
        out.add(op(Op.LOCAL_SET, counter));
        out.add(op(Op.BR, 0));
        out.add(end());
        out.add(end());
    }

    /** Three nested blocks left through {@code br_table} by a random index. */
    private void branchTable(List<Instruction> out, int depth) {
        for (int i = 0; i < 3; i++) {
            out.add(block(Op.BLOCK));
        }
        expression(out, ValueType.I32, depth - 1);
        out.add(brTable(0, 1, 2, random.nextInt(3)));
        for (int i = 0; i < 3; i++) {
            out.add(end());
            if (i < 2) {
                statement(out, depth - 1);
            }
        }
    }

    private void bulkMemory(List<Instruction> out, int depth) {
        switch (random.nextInt(3)) {
            case 0 -> {
                address(out, depth - 1);
                expression(out, ValueType.I32, depth - 1);
                out.add(i32(random.nextInt(64)));
                out.add(op(Op.MEMORY_FILL));
            }
            case 1 -> {
                address(out, depth - 1);
                address(out, depth - 1);
                out.add(i32(random.nextInt(64)));
                out.add(op(Op.MEMORY_COPY, 0, 0));
            }
            default -> {
                out.add(i32(random.nextInt(2)));
                out.add(op(Op.MEMORY_GROW));
                out.add(op(Op.DROP));
            }
        }
    }

    /** Whether a call may go here: not in a loop, and within the function's call budget. */
    private boolean mayCall() {
        if (current == 0 || loopDepth > 0 || callsLeft == 0) {
            return false;
        }
        callsLeft--;
        return true;
    }

    private void callStatement(List<Instruction> out, int depth) {
        if (!mayCall()) {
            out.add(op(Op.NOP));
            return;
        }
        int callee = random.nextInt(current);
        FunctionType type = signatures.get(callee);
        for (ValueType param : type.params()) {
            expression(out, param, depth - 1);
        }
        call(out, callee);
        for (int i = 0; i < type.results().size(); i++) {
            out.add(op(Op.DROP));
        }
    }

    /**
     * A call of {@code callee}: direct, or through the table at its own index (which a
     * {@code table.set} may have nulled), or, rarely, through a slot past the end or of the
     * wrong type (both trap).
     */
    private void call(List<Instruction> out, int callee) {
        int how = random.nextInt(8);
        if (how < 5) {
            out.add(op(Op.CALL, callee));
            return;
        }
        int slot = switch (how) {
            case 5 -> callee;
            case 6 -> random.nextInt(current); // an earlier function, perhaps of another type: a mismatch trap
            default -> signatures.size() + random.nextInt(3); // past the end
        };
        out.add(i32(slot));
        out.add(op(Op.CALL_INDIRECT, module.type(signatures.get(callee)), 0));
    }

    /** Code that leaves one value of {@code type}. */
    private void expression(List<Instruction> out, ValueType type, int depth) {
        int choice = depth <= 0 ? random.nextInt(3) : random.nextInt(12);
        switch (choice) {
            case 0 -> out.add(constant(type));
            case 1 -> {
                List<Integer> candidates = new ArrayList<>();
                for (int i = 0; i < locals.size(); i++) {
                    if (locals.get(i) == type) {
                        candidates.add(i);
                    }
                }
                if (candidates.isEmpty()) {
                    out.add(constant(type));
                } else {
                    out.add(op(Op.LOCAL_GET, candidates.get(random.nextInt(candidates.size()))));
                }
            }
            case 2 -> out.add(op(Op.GLOBAL_GET, globals.indexOf(type)));
            case 3, 4, 5, 6 -> numeric(out, type, depth);
            case 7 -> {
                List<Op> loads = LOADS.get(type);
                Op load = loads.get(random.nextInt(loads.size()));
                address(out, depth - 1);
                out.add(mem(load, alignment(load), random.nextInt(4) == 0 ? random.nextInt(32) : 0));
            }
            case 8 -> {
                expression(out, type, depth - 1);
                expression(out, type, depth - 1);
                expression(out, ValueType.I32, depth - 1);
                out.add(random.nextBoolean() ? op(Op.SELECT) : Instructions.selectTyped(type));
            }
            case 9 -> {
                expression(out, ValueType.I32, depth - 1);
                out.add(block(Op.IF, type));
                expression(out, type, depth - 1);
                out.add(op(Op.ELSE));
                expression(out, type, depth - 1);
                out.add(end());
            }
            case 10 -> {
                // a block whose value may leave early through br_if
                out.add(block(Op.BLOCK, type));
                statement(out, depth - 1);
                expression(out, type, depth - 1);
                expression(out, ValueType.I32, depth - 1);
                out.add(op(Op.BR_IF, 0));
                out.add(op(Op.DROP));
                expression(out, type, depth - 1);
                out.add(end());
            }
            default -> callExpression(out, type, depth);
        }
    }

    private void numeric(List<Instruction> out, ValueType type, int depth) {
        List<Op> ops = NUMERIC.get(type);
        Op chosen = ops.get(random.nextInt(ops.size()));
        String signature = chosen.signature();
        for (int i = 0; i < signature.indexOf('>'); i++) {
            expression(out, type(signature.charAt(i)), depth - 1);
        }
        if (chosen == Op.I32_REINTERPRET_F32 || chosen == Op.I64_REINTERPRET_F64) {
            canonicalizeNaN(out, type(signature.charAt(0)));
        }
        out.add(op(chosen));
    }

    /**
     * Replaces the float on the stack by one fixed NaN if it is a NaN, through a fresh local:
     * which NaN arithmetic gives is the implementation's choice, so before a float's bits become
     * visible (reinterpreted, or stored to memory) every NaN is made the same one, and engines
     * that choose differently still agree.
     */
    private void canonicalizeNaN(List<Instruction> out, ValueType type) {
        if (type != ValueType.F32 && type != ValueType.F64) {
            return;
        }
        int local = locals.size();
        locals.add(type);
        declared.add(type);
        counters.add(local); // never assigned by random statements: it holds the value just now
        out.add(op(Op.LOCAL_SET, local));
        out.add(op(Op.LOCAL_GET, local));
        out.add(type == ValueType.F32 ? f32(Float.NaN) : f64(Double.NaN));
        out.add(op(Op.LOCAL_GET, local));
        out.add(op(Op.LOCAL_GET, local));
        out.add(op(type == ValueType.F32 ? Op.F32_EQ : Op.F64_EQ));
        out.add(op(Op.SELECT));
    }

    /** A call of an earlier function returning {@code type} first, else a constant. */
    private void callExpression(List<Instruction> out, ValueType type, int depth) {
        if (!mayCall()) {
            out.add(constant(type));
            return;
        }
        List<Integer> candidates = new ArrayList<>();
        for (int f = 0; f < current; f++) {
            if (!signatures.get(f).results().isEmpty() && signatures.get(f).results().getFirst() == type) {
                candidates.add(f);
            }
        }
        if (candidates.isEmpty()) {
            out.add(constant(type));
            return;
        }
        int callee = candidates.get(random.nextInt(candidates.size()));
        FunctionType signature = signatures.get(callee);
        for (ValueType param : signature.params()) {
            expression(out, param, depth - 1);
        }
        call(out, callee);
        for (int i = 1; i < signature.results().size(); i++) {
            out.add(op(Op.DROP));
        }
    }

    /** An address: mostly inside the first page, sometimes anything (out of bounds traps). */
    private void address(List<Instruction> out, int depth) {
        if (random.nextInt(8) == 0) {
            expression(out, ValueType.I32, depth);
            return;
        }
        expression(out, ValueType.I32, depth);
        out.add(i32(ADDRESS_MASK));
        out.add(op(Op.I32_AND));
    }

    private int alignment(Op access) {
        return random.nextInt(Integer.numberOfTrailingZeros(access.accessBytes()) + 1);
    }

    private ValueType scalar() {
        return SCALARS[random.nextInt(SCALARS.length)];
    }

    private Instruction constant(ValueType type) {
        return switch (type) {
            case I32 -> i32(interestingInt(random));
            case I64 -> i64(interestingLong(random));
            case F32 -> f32(interestingFloat(random));
            default -> f64(interestingDouble(random));
        };
    }

    private static int interestingInt(SplittableRandom random) {
        int[] edges = {0, 1, -1, 2, 31, 32, Integer.MIN_VALUE, Integer.MAX_VALUE, 0xFFFF, 0x10000};
        return random.nextInt(3) == 0 ? edges[random.nextInt(edges.length)] : random.nextInt(-1000, 1000) * (random.nextBoolean() ? 1 : 65537);
    }

    private static long interestingLong(SplittableRandom random) {
        long[] edges = {0, 1, -1, 63, 64, Long.MIN_VALUE, Long.MAX_VALUE, Integer.MIN_VALUE, 0xFFFF_FFFFL};
        return random.nextInt(3) == 0 ? edges[random.nextInt(edges.length)] : random.nextLong();
    }

    private static float interestingFloat(SplittableRandom random) {
        float[] edges = {0f, -0f, 1f, -1f, 0.5f, Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY,
            Float.MIN_VALUE, Float.MAX_VALUE, 2147483648f, -2147483904f, 4294967296f, 9.223372E18f};
        return random.nextInt(2) == 0 ? edges[random.nextInt(edges.length)] : (float) random.nextDouble(-1e6, 1e6);
    }

    private static double interestingDouble(SplittableRandom random) {
        double[] edges = {0d, -0d, 1d, -1d, 0.5, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
            Double.MIN_VALUE, Double.MAX_VALUE, 2147483648d, -2147483649d, 4294967296d, 9.223372036854776E18};
        return random.nextInt(2) == 0 ? edges[random.nextInt(edges.length)] : random.nextDouble(-1e9, 1e9);
    }

    private static ValueType type(char letter) {
        return switch (letter) {
            case 'i' -> ValueType.I32;
            case 'l' -> ValueType.I64;
            case 'f' -> ValueType.F32;
            case 'd' -> ValueType.F64;
            default -> throw new IllegalArgumentException("no scalar type '" + letter + "'");
        };
    }
}
