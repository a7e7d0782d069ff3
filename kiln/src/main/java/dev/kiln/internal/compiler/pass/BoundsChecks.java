package dev.kiln.internal.compiler.pass;

import dev.kiln.TrapKind;
import dev.kiln.internal.compiler.ssa.Function;
import dev.kiln.internal.compiler.ssa.Instruction;
import dev.kiln.internal.compiler.ssa.IntCondition;
import dev.kiln.internal.compiler.ssa.Opcode;

/**
 * Removes memory bounds checks that an earlier check already implies. The frontend checks an
 * access of {@code size} bytes at {@code offset} from the i32 address {@code a} as
 *
 * <pre>
 *   end = iadd (uextend a), (offset + size)      ; 64 bits: at most 2^32 - 1 + 2^32 + 8, no wrap
 *   trapif memory_out_of_bounds, icmp.gt_u end, (memory_length memN)
 * </pre>
 *
 * <p><b>Why a check can go.</b> Say a check of {@code uextend a + k1} against memory N passed,
 * and a later one checks {@code uextend a + k2}, {@code k2 <= k1}, against memory N's length
 * then. Passing means {@code a + k1 <= length1}. A memory's length never decreases: it changes
 * only by {@code memory.grow} (a {@code call_exit}, or any call, which may grow it through an
 * export or a host), and growing adds pages. So {@code a + k2 <= a + k1 <= length1 <= length2}
 * and the later check cannot fire, however many calls came between. "Earlier" must mean "on
 * every path": the passed check is in a block that dominates the later one's (or earlier in the
 * same block), so the walk goes down the dominator tree with a scoped table from
 * (address, memory) to the largest end checked so far; leaving a block forgets its checks. A
 * check whose end is larger stays, and from then on its end is the one known.
 *
 * <p>Precision: only {@code uextend a + constant} ends are compared by their constants, because
 * only there the sum cannot wrap (both under 2^34, which the constants are checked to be); a
 * constant end (a constant address folded), also under 2^34, is keyed as "no address"; any other end only matches
 * itself. {@link ValueNumbering} runs first, so one address read twice is one value; the key
 * also looks through {@code uextend}, so two {@code uextend}s of one {@code a} still match.
 */
final class BoundsChecks implements Pass {

    /** Ends are compared by constant only below this, where {@code uextend a + end} cannot wrap. */
    private static final long LARGEST_END = 1L << 34;

    /** What a check compares: an address (-1 for none), a memory, and the context it reads it through. */
    private record Key(int address, int memory, int context) {
        // equals and hashCode by hand, for the reason FunctionType gives
        @Override
        public boolean equals(Object other) {
            return other instanceof Key o && address == o.address && memory == o.memory && context == o.context;
        }

        @Override
        public int hashCode() {
            return (address * 31 + memory) * 31 + context;
        }
    }

    /** A recognized check: its key and the constant end. */
    private record Check(Key key, long end) {}

    @Override
    public boolean run(Function function) {
        Definitions definitions = new Definitions(function);
        ScopedTable<Key, Long> checked = new ScopedTable<>();
        boolean[] changed = {false};
        new DominatorTree(function).walk(checked, block -> {
            for (Instruction i = block.first(), next; i != null; i = next) {
                next = i.next();
                Check check = recognize(definitions, i);
                if (check == null) {
                    continue;
                }
                Long known = checked.get(check.key());
                if (known != null && check.end() <= known) {
                    block.remove(i);
                    changed[0] = true;
                } else {
                    checked.put(check.key(), check.end());
                }
            }
        });
        return changed[0];
    }

    /** The bounds check {@code i} is, or null if it is not one of the shape above. */
    private static Check recognize(Definitions definitions, Instruction i) {
        if (i.opcode() != Opcode.TRAPIF || i.trapKind() != TrapKind.MEMORY_OUT_OF_BOUNDS) {
            return null;
        }
        Instruction compare = definitions.of(i.operand(0));
        if (compare == null || compare.opcode() != Opcode.ICMP || compare.intCondition() != IntCondition.GT_U) {
            return null;
        }
        Instruction length = definitions.of(compare.operand(1));
        if (length == null || length.opcode() != Opcode.MEMORY_LENGTH) {
            return null;
        }
        int memory = (int) length.immediate();
        int context = length.operand(0);
        int end = compare.operand(0);
        Instruction sum = definitions.of(end);
        if (isSmallConstant(sum)) {
            return new Check(new Key(-1, memory, context), sum.immediate());
        }
        if (sum != null && sum.opcode() == Opcode.IADD) {
            Instruction extended = definitions.of(sum.operand(0));
            Instruction constant = definitions.of(sum.operand(1));
            if (extended != null && extended.opcode() == Opcode.UEXTEND && isSmallConstant(constant)) {
                return new Check(new Key(extended.operand(0), memory, context), constant.immediate());
            }
        }
        return new Check(new Key(end, memory, context), 0);
    }

    private static boolean isSmallConstant(Instruction i) {
        return i != null && i.opcode() == Opcode.ICONST && i.immediate() >= 0 && i.immediate() < LARGEST_END;
    }
}
