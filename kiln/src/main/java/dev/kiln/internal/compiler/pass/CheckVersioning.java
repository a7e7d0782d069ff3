package dev.kiln.internal.compiler.pass;

import dev.kiln.TrapKind;
import dev.kiln.internal.compiler.ssa.Block;
import dev.kiln.internal.compiler.ssa.Form;
import dev.kiln.internal.compiler.ssa.Function;
import dev.kiln.internal.compiler.ssa.Instruction;
import dev.kiln.internal.compiler.ssa.IntCondition;
import dev.kiln.internal.compiler.ssa.Opcode;
import dev.kiln.internal.compiler.ssa.Type;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Gives a block with many bounds checks on addresses a few bytes apart a second version without
 * them, entered when one check up front covers them all. An unrolled byte loop ({@code d[i+k] =
 * s[i+k]} for k = 0..7) checks each {@code i + k} on its own: the i32 add may wrap, so no check
 * implies the next ({@link BoundsChecks}), and moving a larger check forward would trap before
 * the stores in between. Versioning does it without moving a trap:
 *
 * <pre>
 *   before:  B(p..): checks of uextend(a + k) + c, k + c <= E, ...  → succ
 *   after:   H(p..): end = uextend a + E; brif end >u memory_length, B(p..), F(p..)
 *                    (one such head per address checked, in a chain: H1 → H2 → F)
 *            B(p..): unchanged, the slow version: exact traps, reached only near the end of memory
 *            F(p..): B without those checks                             → succ
 * </pre>
 *
 * Every branch to B now goes to H. Why F may drop them: H's check passed, so {@code a + E <=
 * length <= 2^32}. For a check of {@code uextend(iadd32 a k) + c} with {@code k + c <= E} and
 * {@code c >= 1}: {@code a + k < 2^32}, so the i32 add did not wrap and the checked end is
 * {@code a + k + c <= a + E <= length}; and lengths only grow, so the length B reads later is
 * at least H's. {@code a} (a parameter of B, or a value from a dominating block) and the
 * memory's context are available at H, which takes B's place in the dominator tree.
 *
 * <p>Only blocks whose values are used in no other block are versioned (both versions define
 * them, so no other block could name one), and only for a group of at least
 * {@value #MIN_CHECKS} checks on one address; blocks bigger than {@value #MAX_BLOCK} instructions
 * are left alone, to bound the code added. Runs once, after the simplifying rounds (F has no
 * group left; B, behind its head, is recognized and left alone).
 */
final class CheckVersioning implements Pass {

    static final int MIN_CHECKS = 4;
    static final int MAX_BLOCK = 2000;
    /** Constants are taken only below this, so that {@code uextend a + k + c} cannot wrap in 64 bits. */
    private static final long LARGEST = 1L << 31;

    /** What a group's checks compare: one address, against one memory read through one context. */
    private record Key(int address, int memory, int context) {}

    @Override
    public boolean run(Function function) {
        if (!anyBlockHasEnoughChecks(function)) {
            return false; // most functions: not worth the analysis below
        }
        Definitions definitions = new Definitions(function);
        boolean[] escaping = blocksWithValuesUsedElsewhere(function, definitions);
        List<Block>[] predecessors = predecessors(function);
        boolean changed = false;
        for (Block block : List.copyOf(function.blocks())) {
            if (block == function.entry() || escaping[block.id()] || size(block) > MAX_BLOCK
                    || isSlowVersion(block, predecessors[block.id()])) {
                continue;
            }
            Map<Key, Long> ends = new LinkedHashMap<>();
            Map<Key, List<Instruction>> groups = new LinkedHashMap<>();
            for (Instruction i = block.first(); i != null; i = i.next()) {
                recognize(definitions, block, i, ends, groups);
            }
            groups.values().removeIf(checks -> checks.size() < MIN_CHECKS);
            if (!groups.isEmpty()) {
                version(function, definitions, block, ends, groups, hoistedLengths(definitions, block, groups));
                changed = true;
            }
        }
        return changed;
    }

    /** Whether some block has at least {@value #MIN_CHECKS} bounds checks of any shape. */
    private static boolean anyBlockHasEnoughChecks(Function function) {
        for (Block b : function.blocks()) {
            int checks = 0;
            for (Instruction i = b.first(); i != null; i = i.next()) {
                if (i.opcode() == Opcode.TRAPIF && i.trapKind() == TrapKind.MEMORY_OUT_OF_BOUNDS && ++checks == MIN_CHECKS) {
                    return true;
                }
            }
        }
        return false;
    }

    private static int size(Block block) {
        int n = 0;
        for (Instruction i = block.first(); i != null; i = i.next()) {
            n++;
        }
        return n;
    }

    /** Each block's predecessors by block id; null for a block no branch names. */
    @SuppressWarnings("unchecked")
    private static List<Block>[] predecessors(Function function) {
        List<Block>[] predecessors = new List[function.blockIdLimit()];
        for (Block b : function.blocks()) {
            Instruction branch = b.terminator();
            for (int t = 0; branch != null && t < branch.targetCount(); t++) {
                int target = branch.target(t).id();
                if (predecessors[target] == null) {
                    predecessors[target] = new ArrayList<>(2);
                }
                predecessors[target].add(b);
            }
        }
        return predecessors;
    }

    /**
     * Whether {@code block} is already the slow version of a versioned block: every predecessor
     * is a head this pass made (only a check's instructions, then {@code brif} to {@code block}
     * or another block). So the pass runs to a fixed point.
     */
    private static boolean isSlowVersion(Block block, List<Block> predecessors) {
        if (predecessors == null) {
            return false;
        }
        for (Block head : predecessors) {
            Instruction branch = head.terminator();
            if (branch.opcode() != Opcode.BRIF || branch.target(0) != block || branch.target(1) == block) {
                return false;
            }
            for (Instruction i = head.first(); i != branch; i = i.next()) {
                if (!HEAD_OPCODES.contains(i.opcode())) {
                    return false;
                }
            }
        }
        return true;
    }

    private static final Set<Opcode> HEAD_OPCODES =
            EnumSet.of(Opcode.UEXTEND, Opcode.IADD, Opcode.ICONST, Opcode.MEMORY_LENGTH, Opcode.ICMP);

    /** By block id, whether the block defines a value some other block uses. */
    private static boolean[] blocksWithValuesUsedElsewhere(Function function, Definitions definitions) {
        boolean[] escaping = new boolean[function.blockIdLimit()];
        for (Block b : function.blocks()) {
            for (Instruction i = b.first(); i != null; i = i.next()) {
                for (int o = 0; o < i.operandCount(); o++) {
                    markIfElsewhere(definitions, b, i.operand(o), escaping);
                }
                for (int t = 0; t < i.targetCount(); t++) {
                    for (int a = 0; a < i.argumentCount(t); a++) {
                        markIfElsewhere(definitions, b, i.argument(t, a), escaping);
                    }
                }
            }
        }
        return escaping;
    }

    private static void markIfElsewhere(Definitions definitions, Block user, int value, boolean[] escaping) {
        Instruction definition = definitions.of(value);
        Block defining = definition != null ? definition.block() : definitions.paramBlock(value);
        if (defining != null && defining != user) {
            escaping[defining.id()] = true;
        }
    }

    /**
     * Adds {@code i} to its group if it is a bounds check {@code trapif oob, icmp.gt_u
     * (iadd (uextend X) c), (memory_length memN, ctx)} with {@code X} either {@code a} or
     * {@code iadd32 a k}, and {@code a} and {@code ctx} available at the block's start.
     */
    private static void recognize(Definitions definitions, Block block, Instruction i, Map<Key, Long> ends,
            Map<Key, List<Instruction>> groups) {
        if (i.opcode() != Opcode.TRAPIF || i.trapKind() != TrapKind.MEMORY_OUT_OF_BOUNDS) {
            return;
        }
        Instruction compare = definitions.of(i.operand(0));
        if (compare == null || compare.opcode() != Opcode.ICMP || compare.intCondition() != IntCondition.GT_U) {
            return;
        }
        Instruction length = definitions.of(compare.operand(1));
        Instruction sum = definitions.of(compare.operand(0));
        if (length == null || length.opcode() != Opcode.MEMORY_LENGTH || sum == null || sum.opcode() != Opcode.IADD) {
            return;
        }
        Instruction extended = definitions.of(sum.operand(0));
        long c = smallConstant(definitions, sum.operand(1));
        if (extended == null || extended.opcode() != Opcode.UEXTEND || c < 1) {
            return;
        }
        int address = extended.operand(0);
        long k = 0;
        Instruction added = definitions.of(address);
        if (added != null && added.opcode() == Opcode.IADD && block.function().type(address) == Type.I32) {
            long constant = smallConstant(definitions, added.operand(1));
            if (constant >= 0) {
                address = added.operand(0);
                k = constant;
            }
        }
        int context = length.operand(0);
        if (!computableAtStart(definitions, block, address) || !availableAtStart(definitions, block, context)) {
            return;
        }
        Key key = new Key(address, (int) length.immediate(), context);
        ends.merge(key, k + c, Math::max);
        groups.computeIfAbsent(key, x -> new ArrayList<>()).add(i);
    }

    /**
     * For each group whose checks all compare with one length read outside the block (a loop's,
     * hoisted to its preheader): that read, which the head then uses instead of reading again.
     */
    private static Map<Key, Integer> hoistedLengths(Definitions definitions, Block block, Map<Key, List<Instruction>> groups) {
        Map<Key, Integer> hoisted = new HashMap<>();
        groups.forEach((key, checks) -> {
            Set<Integer> lengths = new HashSet<>();
            for (Instruction trap : checks) {
                lengths.add(definitions.of(trap.operand(0)).operand(1));
            }
            int length = lengths.iterator().next();
            if (lengths.size() == 1 && definitions.of(length).block() != block) {
                hoisted.put(key, length);
            }
        });
        return hoisted;
    }

    /** The value of an {@code iconst} in [0, 2^31), or -1. */
    private static long smallConstant(Definitions definitions, int value) {
        Instruction constant = definitions.of(value);
        if (constant == null || constant.opcode() != Opcode.ICONST) {
            return -1;
        }
        long v = constant.immediate();
        return v >= 0 && v < LARGEST ? v : -1;
    }

    /**
     * {@link #availableAtStart}, or an i32 {@code iadd} in the block of two such values (the
     * head computes it again: {@code d + n - 1} style addresses of a backward loop).
     */
    private static boolean computableAtStart(Definitions definitions, Block block, int value) {
        if (availableAtStart(definitions, block, value)) {
            return true;
        }
        Instruction sum = definitions.of(value);
        return sum != null && sum.opcode() == Opcode.IADD && block.function().type(value) == Type.I32
                && availableAtStart(definitions, block, sum.operand(0)) && availableAtStart(definitions, block, sum.operand(1));
    }

    /** A parameter of {@code block}, or a value defined in another block (which then dominates it). */
    private static boolean availableAtStart(Definitions definitions, Block block, int value) {
        Instruction definition = definitions.of(value);
        return definition != null ? definition.block() != block : definitions.paramBlock(value) != null;
    }

    private static void version(Function function, Definitions definitions, Block slow, Map<Key, Long> ends,
            Map<Key, List<Instruction>> groups, Map<Key, Integer> hoistedLengths) {
        Block head = function.newBlock();
        Block fast = function.newBlock();
        int[] headParams = new int[slow.paramCount()];
        Map<Integer, Integer> fastValues = new HashMap<>();
        for (int p = 0; p < slow.paramCount(); p++) {
            Type type = function.type(slow.param(p));
            headParams[p] = head.appendParam(type);
            fastValues.put(slow.param(p), fast.appendParam(type));
        }
        retarget(function, slow, head);

        Map<Integer, Integer> atHead = new HashMap<>();
        for (int p = 0; p < slow.paramCount(); p++) {
            atHead.put(slow.param(p), headParams[p]);
        }
        // One head block per group, each "brif end >u length, slow, next": a compare and a jump
        // each. The first head has the parameters; the others use them, as it dominates them.
        Block check = head;
        Map<List<Integer>, Integer> lengths = new HashMap<>(); // one read per memory and context
        List<Key> keys = List.copyOf(groups.keySet());
        for (int g = 0; g < keys.size(); g++) {
            Key key = keys.get(g);
            int address = atHead(check, definitions, slow, atHead, key.address());
            int context = atHead.getOrDefault(key.context(), key.context());
            int extended = append(check, Opcode.UEXTEND, 0, Type.I64, address);
            int end = append(check, Opcode.IADD, 0, Type.I64, extended, append(check, Opcode.ICONST, ends.get(key), Type.I64));
            Block at = check;
            int length = hoistedLengths.containsKey(key) ? hoistedLengths.get(key)
                    : lengths.computeIfAbsent(List.of(key.memory(), context),
                            x -> append(at, Opcode.MEMORY_LENGTH, key.memory(), Type.I64, context));
            int beyond = append(check, Opcode.ICMP, IntCondition.GT_U.ordinal(), Type.I32, end, length);
            if (g == keys.size() - 1) {
                check.append(Instruction.brif(beyond, slow, headParams, fast, headParams));
            } else {
                Block next = function.newBlock();
                check.append(Instruction.brif(beyond, slow, headParams, next, new int[0]));
                check = next;
            }
        }

        Set<Instruction> dropped = new HashSet<>();
        groups.values().forEach(dropped::addAll);
        for (Instruction i = slow.first(); i != null; i = i.next()) {
            for (int r = 0; r < i.resultCount(); r++) {
                fastValues.put(i.result(r), function.newValue(function.type(i.result(r))));
            }
        }
        // address -> the largest end a head checked for it: only those groups got one (a group
        // too small to version still has an end in ends, and its adds may wrap)
        Map<Integer, Long> unwrapped = new HashMap<>();
        groups.keySet().forEach(key -> unwrapped.merge(key.address(), ends.get(key), Math::max));
        for (Instruction i = slow.first(); i != null; i = i.next()) {
            if (!dropped.contains(i)) {
                Instruction copy = i.copy(v -> fastValues.getOrDefault(v, v));
                fast.append(copy);
                foldOffset(definitions, fast, copy, i, unwrapped, fastValues);
            }
        }
    }

    /**
     * The value {@code value} of the slow block, at the head: a parameter's or an outside value
     * as it is, an {@code iadd} of the block computed again there.
     */
    private static int atHead(Block head, Definitions definitions, Block slow, Map<Integer, Integer> params, int value) {
        if (params.containsKey(value) || availableAtStart(definitions, slow, value)) {
            return params.getOrDefault(value, value);
        }
        Instruction sum = definitions.of(value);
        return append(head, Opcode.IADD, 0, Type.I32, params.getOrDefault(sum.operand(0), sum.operand(0)),
                params.getOrDefault(sum.operand(1), sum.operand(1)));
    }

    /**
     * In the fast version, an access at {@code base + uextend(iadd32 a k)} with {@code k} below
     * what the head checked for {@code a} is at {@code base + uextend a} and {@code k} more
     * offset (the add did not wrap), which the backend folds into one addressing mode instead of
     * an add and a zero extension per access.
     */
    private static void foldOffset(Definitions definitions, Block fast, Instruction copy, Instruction original,
            Map<Integer, Long> unwrapped, Map<Integer, Integer> fastValues) {
        boolean load = original.opcode().form() == Form.LOAD;
        if (!load && original.opcode().form() != Form.STORE) {
            return;
        }
        Instruction place = definitions.of(original.operand(0));
        if (place == null || place.opcode() != Opcode.IADD) {
            return;
        }
        Instruction extended = definitions.of(place.operand(1));
        Instruction added = extended == null || extended.opcode() != Opcode.UEXTEND ? null : definitions.of(extended.operand(0));
        if (added == null || added.opcode() != Opcode.IADD || fast.function().type(added.result(0)) != Type.I32) {
            return;
        }
        long k = smallConstant(definitions, added.operand(1));
        Long covered = unwrapped.get(added.operand(0));
        long offset = original.immediate() + k;
        if (k < 0 || covered == null || k >= covered || offset != (int) offset) {
            return;
        }
        Function function = fast.function();
        int a = fastValues.getOrDefault(added.operand(0), added.operand(0));
        int base = fastValues.getOrDefault(place.operand(0), place.operand(0));
        int extendedA = function.newValue(Type.I64);
        fast.insertBefore(copy, Instruction.of(Opcode.UEXTEND, 0, new int[] {a}, extendedA));
        int address = function.newValue(Type.I64);
        fast.insertBefore(copy, Instruction.of(Opcode.IADD, 0, new int[] {base, extendedA}, address));
        int[] operands = new int[copy.operandCount()];
        for (int o = 0; o < operands.length; o++) {
            operands[o] = o == 0 ? address : copy.operand(o);
        }
        int[] results = new int[copy.resultCount()];
        for (int r = 0; r < results.length; r++) {
            results[r] = copy.result(r);
        }
        Instruction folded = Instruction.of(copy.opcode(), offset, operands, results);
        folded.setSourceOffset(copy.sourceOffset());
        fast.replace(copy, folded);
    }

    /** Appends {@code opcode} with one new result of {@code type} to {@code block}; returns the result. */
    private static int append(Block block, Opcode opcode, long immediate, Type type, int... operands) {
        int result = block.function().newValue(type);
        block.append(Instruction.of(opcode, immediate, operands, result));
        return result;
    }

    /** Makes every branch to {@code from}, in any block, go to {@code to} with the same arguments. */
    private static void retarget(Function function, Block from, Block to) {
        for (Block b : function.blocks()) {
            Instruction branch = b.terminator();
            for (int t = 0; branch != null && t < branch.targetCount(); t++) {
                if (branch.target(t) == from) {
                    branch.setTarget(t, to, branch.arguments(t));
                }
            }
        }
    }
}
