package dev.kiln.internal.compiler.pass;

import dev.kiln.internal.compiler.pass.Algebra.Constant;
import dev.kiln.internal.compiler.pass.Algebra.Same;
import dev.kiln.internal.compiler.pass.Algebra.Shift;
import dev.kiln.internal.compiler.pass.Algebra.Simplified;
import dev.kiln.internal.compiler.ssa.Arithmetic;
import dev.kiln.internal.compiler.ssa.Block;
import dev.kiln.internal.compiler.ssa.ControlFlow;
import dev.kiln.internal.compiler.ssa.Function;
import dev.kiln.internal.compiler.ssa.Instruction;
import dev.kiln.internal.compiler.ssa.IntCondition;
import dev.kiln.internal.compiler.ssa.Opcode;
import dev.kiln.internal.compiler.ssa.Type;
import java.util.Arrays;
import java.util.OptionalLong;

/**
 * Constant folding and algebraic simplification, in one walk in reverse postorder (a value's
 * definition comes before its uses, but for block parameters):
 *
 * <ul>
 *   <li>an instruction on constants becomes a constant ({@link Arithmetic}), keeping its result
 *       value so that no use needs rewriting; integer identities ({@link Algebra}) make it an
 *       existing value, a constant, or a shift;
 *   <li>{@code select} on a constant, or of one value twice, is that value;
 *   <li>{@code trapif} on 0 goes; on anything else the block ends there in {@code trap}, and
 *       what followed goes with it;
 *   <li>{@code brif} and {@code br_table} on a constant become a {@code jump}. When branches
 *       changed, dead blocks are removed (their uses of what a {@code trap} cut off with them).
 * </ul>
 */
final class ConstantFolding implements Pass {

    private Function function;
    private Substitution substitution;
    private long[] values;
    private boolean[] known;
    /** The integer compare defining each value, where one does (and stayed a compare). */
    private Instruction[] compares;
    private boolean changed;
    private boolean branchesChanged;

    @Override
    public boolean run(Function function) {
        this.function = function;
        substitution = new Substitution();
        values = new long[function.valueIdLimit()];
        known = new boolean[function.valueIdLimit()];
        compares = new Instruction[function.valueIdLimit()];
        changed = false;
        branchesChanged = false;
        for (Block b : ControlFlow.of(function).reversePostorder()) {
            for (Instruction i = b.first(), next; i != null; i = next) {
                next = i.next();
                substitution.resolveOperands(i);
                visit(b, i);
                if (next != null && next.block() != b) {
                    break; // a trap cut the rest off
                }
            }
        }
        substitution.applyTo(function);
        if (branchesChanged) {
            new DeadBlocks().run(function);
        }
        return changed;
    }

    private void visit(Block b, Instruction i) {
        switch (i.opcode().form()) {
            case ICONST, FCONST -> remember(i.result(0), i.immediate());
            case UNARY -> foldUnary(b, i);
            case BINARY -> foldBinary(b, i);
            case ICMP -> foldCompare(b, i);
            case FCMP -> {
                if (known(i.operand(0)) && known(i.operand(1))) {
                    boolean holds = Arithmetic.compare(i.floatCondition(), type(i.operand(0)),
                            values[i.operand(0)], values[i.operand(1)]);
                    constant(b, i, holds ? 1 : 0);
                }
            }
            case SELECT -> {
                if (known(i.operand(0)) || i.operand(1) == i.operand(2)) {
                    same(b, i, !known(i.operand(0)) || values[i.operand(0)] != 0 ? i.operand(1) : i.operand(2));
                }
            }
            case TRAPIF -> foldTrap(b, i);
            case BRIF, BR_TABLE -> foldBranch(b, i);
            default -> { }
        }
    }

    private void foldUnary(Block b, Instruction i) {
        int x = i.operand(0);
        if (known(x)) {
            OptionalLong folded = Arithmetic.unary(i.opcode(), type(i.result(0)), type(x), values[x]);
            if (folded.isPresent()) {
                constant(b, i, folded.getAsLong());
            }
        }
    }

    private void foldBinary(Block b, Instruction i) {
        int x = i.operand(0);
        int y = i.operand(1);
        Type type = type(i.result(0));
        if (known(x) && known(y)) {
            OptionalLong folded = Arithmetic.binary(i.opcode(), type, values[x], values[y]);
            if (folded.isPresent()) {
                constant(b, i, folded.getAsLong());
            }
            return;
        }
        if (type != Type.I32 && type != Type.I64) {
            return;
        }
        Simplified s = Algebra.binary(i.opcode(), type, x, y, known(x) ? values[x] : null, known(y) ? values[y] : null);
        switch (s) {
            case Same same -> same(b, i, same.value());
            case Constant c -> constant(b, i, c.value());
            case Shift shift -> {
                int count = newConstant(b, i, type, shift.count());
                b.replace(i, Instruction.of(shift.op(), 0, new int[] {shift.x(), count}, i.result(0)));
                changed = true;
            }
            case null -> { }
        }
    }

    private void foldCompare(Block b, Instruction i) {
        int x = i.operand(0);
        int y = i.operand(1);
        if (known(x) && known(y)) {
            constant(b, i, Arithmetic.compare(i.intCondition(), type(x), values[x], values[y]) ? 1 : 0);
        } else if (x == y) {
            constant(b, i, switch (i.intCondition()) {
                case EQ, LE_S, GE_S, LE_U, GE_U -> 1;
                default -> 0;
            });
        } else if (!compareOfZero(b, i, x, y) && !compareOfZero(b, i, y, x)) {
            compares[i.result(0)] = i;
        }
    }

    /**
     * A compare's result (0 or 1) compared with 0, as {@code i32.eqz} of a comparison makes it:
     * {@code icmp.ne c, 0} is {@code c}, and {@code icmp.eq (icmp C a b), 0} is {@code icmp !C a b},
     * which the backend fuses with its branch where the double compare kept a {@code setcc}.
     * Integer conditions only: a float compare's negation is not one (NaN).
     */
    private boolean compareOfZero(Block b, Instruction i, int compared, int zero) {
        IntCondition condition = i.intCondition();
        Instruction inner = compared < compares.length ? compares[compared] : null;
        if (!known(zero) || values[zero] != 0 || inner == null || (condition != IntCondition.EQ && condition != IntCondition.NE)) {
            return false;
        }
        if (condition == IntCondition.NE) {
            same(b, i, compared);
        } else {
            Instruction negated = Instruction.of(Opcode.ICMP, inner.intCondition().negated().ordinal(),
                    new int[] {inner.operand(0), inner.operand(1)}, i.result(0));
            b.replace(i, negated);
            compares[negated.result(0)] = negated;
            changed = true;
        }
        return true;
    }

    private void foldTrap(Block b, Instruction i) {
        int condition = i.operand(0);
        if (!known(condition)) {
            return;
        }
        if (values[condition] == 0) {
            b.remove(i);
        } else {
            Instruction trap = Instruction.of(Opcode.TRAP, i.immediate(), new int[0]);
            trap.setSourceOffset(i.sourceOffset());
            b.truncate(i);
            b.append(trap);
            branchesChanged = true;
        }
        changed = true;
    }

    private void foldBranch(Block b, Instruction i) {
        for (int t = 0; t < i.targetCount(); t++) { // the walk resolves operands, not arguments
            for (int a = 0; a < i.argumentCount(t); a++) {
                i.setArgument(t, a, substitution.resolve(i.argument(t, a)));
            }
        }
        int selector = i.operand(0);
        if (!known(selector)) {
            return;
        }
        int taken;
        if (i.opcode() == Opcode.BRIF) {
            taken = values[selector] != 0 ? 0 : 1;
        } else {
            long index = values[selector] & 0xFFFF_FFFFL;
            taken = index < i.targetCount() - 1 ? 1 + (int) index : 0;
        }
        b.replace(i, Instruction.jump(i.target(taken), i.arguments(taken)));
        changed = true;
        branchesChanged = true;
    }

    /** Makes {@code i} the constant {@code value}, defining the same result. */
    private void constant(Block b, Instruction i, long value) {
        int result = i.result(0);
        Type type = type(result);
        Opcode op = type == Type.I32 || type == Type.I64 ? Opcode.ICONST : Opcode.FCONST;
        b.replace(i, Instruction.of(op, value, new int[0], result));
        remember(result, value);
        changed = true;
    }

    /** A new constant {@code value} of {@code type}, placed before {@code anchor}. */
    private int newConstant(Block b, Instruction anchor, Type type, long value) {
        int v = function.newValue(type);
        b.insertBefore(anchor, Instruction.of(Opcode.ICONST, value, new int[0], v));
        remember(v, value);
        return v;
    }

    /** Removes {@code i}, whose result reads as {@code value} from now on. */
    private void same(Block b, Instruction i, int value) {
        substitution.replace(i.result(0), value);
        b.remove(i);
        changed = true;
    }

    private void remember(int value, long bits) {
        if (value >= values.length) {
            values = Arrays.copyOf(values, Math.max(value + 1, 2 * values.length));
            known = Arrays.copyOf(known, values.length);
        }
        values[value] = bits;
        known[value] = true;
    }

    private boolean known(int value) {
        return value < known.length && known[value];
    }

    private Type type(int value) {
        return function.type(value);
    }
}
