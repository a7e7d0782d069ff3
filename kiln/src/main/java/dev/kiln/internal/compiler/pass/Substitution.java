package dev.kiln.internal.compiler.pass;

import dev.kiln.internal.compiler.ssa.Block;
import dev.kiln.internal.compiler.ssa.Function;
import dev.kiln.internal.compiler.ssa.Instruction;
import java.util.Arrays;

/**
 * Values a pass has found equal to others: {@code replace(v, w)} says every use of {@code v} is
 * to read {@code w}. Passes record replacements as they go and read operands through
 * {@link #resolve}, then {@link #applyTo} rewrites every use in one sweep. That keeps each
 * replacement constant time without use lists (see "Passes" in {@code docs/compiler.md}).
 * Chains ({@code v → w → x}) resolve to their end and are shortened on the way.
 */
final class Substitution {

    private int[] replacement = new int[0]; // -1: not replaced
    private boolean empty = true;

    /** From now on {@code value} reads as {@code with}. */
    void replace(int value, int with) {
        if (value >= replacement.length) {
            int old = replacement.length;
            replacement = Arrays.copyOf(replacement, Math.max(value + 1, 2 * old));
            Arrays.fill(replacement, old, replacement.length, -1);
        }
        replacement[value] = with;
        empty = false;
    }

    /** What {@code value} reads as now. */
    int resolve(int value) {
        int end = value;
        while (end < replacement.length && replacement[end] >= 0) {
            end = replacement[end];
        }
        while (value != end) { // shorten the chain for the next lookup
            int next = replacement[value];
            replacement[value] = end;
            value = next;
        }
        return end;
    }

    /** Rewrites every operand and branch argument of {@code function} to what it reads as. */
    void applyTo(Function function) {
        if (empty) {
            return;
        }
        for (Block b : function.blocks()) {
            for (Instruction i = b.first(); i != null; i = i.next()) {
                resolveOperands(i);
                for (int t = 0; t < i.targetCount(); t++) {
                    for (int a = 0; a < i.argumentCount(t); a++) {
                        i.setArgument(t, a, resolve(i.argument(t, a)));
                    }
                }
            }
        }
    }

    /** Rewrites {@code instruction}'s operands (not its branch arguments) to what they read as. */
    void resolveOperands(Instruction instruction) {
        for (int o = 0; o < instruction.operandCount(); o++) {
            instruction.setOperand(o, resolve(instruction.operand(o)));
        }
    }
}
