package dev.kiln.internal.compiler.pass;

import dev.kiln.internal.compiler.ssa.Function;
import dev.kiln.internal.compiler.ssa.Instruction;
import dev.kiln.internal.compiler.ssa.Opcode;
import dev.kiln.internal.compiler.ssa.Type;

/**
 * Global value numbering over pure instructions ({@link Opcode#isPure}), scoped by the dominator
 * tree: an instruction computing what a dominating one already computed (same opcode,
 * immediate, type and operands, commutative operands in either order) is removed and its result
 * reads as the earlier one's. The earlier one ran on every path here, so even an instruction
 * that is only defined on checked input ({@code sdiv}) is safe to reuse. This also merges the
 * frontend's per-block {@code memory_base} reads, its repeated {@code uextend}s of one address
 * and its repeated constants, which is what lets {@link BoundsChecks} see one address.
 */
final class ValueNumbering implements Pass {

    /** An instruction's value, as far as equality goes; absent operands are -1. */
    private record Key(Opcode op, long immediate, Type type, int x, int y, int z) {
        // equals and hashCode by hand, for the reason FunctionType gives
        @Override
        public boolean equals(Object other) {
            return other instanceof Key o && op == o.op && immediate == o.immediate && type == o.type
                    && x == o.x && y == o.y && z == o.z;
        }

        @Override
        public int hashCode() {
            return ((((op.hashCode() * 31 + Long.hashCode(immediate)) * 31 + type.hashCode()) * 31 + x) * 31 + y) * 31 + z;
        }
    }

    @Override
    public boolean run(Function function) {
        Substitution substitution = new Substitution();
        ScopedTable<Key, Integer> table = new ScopedTable<>();
        boolean[] changed = {false};
        new DominatorTree(function).walk(table, block -> {
            for (Instruction i = block.first(), next; i != null; i = next) {
                next = i.next();
                substitution.resolveOperands(i);
                if (!i.opcode().isPure()) {
                    continue;
                }
                Key key = key(function, i);
                Integer earlier = table.get(key);
                if (earlier == null) {
                    table.put(key, i.result(0));
                } else {
                    substitution.replace(i.result(0), earlier);
                    block.remove(i);
                    changed[0] = true;
                }
            }
        });
        substitution.applyTo(function);
        return changed[0];
    }

    private static Key key(Function function, Instruction i) {
        int x = i.operandCount() > 0 ? i.operand(0) : -1;
        int y = i.operandCount() > 1 ? i.operand(1) : -1;
        int z = i.operandCount() > 2 ? i.operand(2) : -1;
        if (isCommutative(i) && x > y) {
            int t = x;
            x = y;
            y = t;
        }
        return new Key(i.opcode(), i.immediate(), function.type(i.result(0)), x, y, z);
    }

    /** Integer operations whose operands may swap; float ones may not (which NaN comes out differs). */
    private static boolean isCommutative(Instruction i) {
        return switch (i.opcode()) {
            case IADD, IMUL, BAND, BOR, BXOR -> true;
            case ICMP -> switch (i.intCondition()) {
                case EQ, NE -> true;
                default -> false;
            };
            default -> false;
        };
    }
}
