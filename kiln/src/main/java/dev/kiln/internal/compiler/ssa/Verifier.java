package dev.kiln.internal.compiler.ssa;

import dev.kiln.internal.compiler.ssa.VerifierError.Kind;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks that a {@link Function} is well-formed SSA; tests run it after the frontend and after
 * every pass. The rules, one {@link Kind} each:
 *
 * <ul>
 *   <li>the function has blocks, and the entry block's parameters have the signature's types;
 *       no branch targets the entry (its parameters are the arguments);
 *   <li>every block ends in a terminator and has no other; every target is a block of this
 *       function's layout, passed as many arguments as it has parameters, each of its type;
 *   <li>every value is defined once, by a block parameter or an instruction result;
 *   <li>every value used is defined in the function, and in reachable code the definition
 *       dominates the use: earlier in the same block (a block's parameters come before its
 *       instructions; a branch's arguments are used at the branch), or in a block that
 *       dominates the user's. A use in reachable code of a value defined in an unreachable
 *       block is reported as such;
 *   <li>operand and result counts, types and immediates fit the opcode ({@link TypeRules}), and
 *       a {@code return} passes the signature's results.
 * </ul>
 *
 * <p>Unreachable blocks are allowed (dead-block elimination removes them) and are checked for
 * everything but dominance, which means nothing there. When blocks are malformed (a terminator
 * missing or misplaced, a foreign target) the control-flow graph is not the one intended, so
 * dominance is not checked either: it would only repeat the same mistake as noise.
 */
public final class Verifier {

    private final Function function;
    private final List<VerifierError> errors = new ArrayList<>();
    private final Block[] definingBlock;
    private final int[] definingPosition; // -1 for a block parameter

    private Verifier(Function function) {
        this.function = function;
        this.definingBlock = new Block[function.valueIdLimit()];
        this.definingPosition = new int[function.valueIdLimit()];
    }

    /** What is wrong with {@code function}, in layout order; empty if nothing is. */
    public static List<VerifierError> verify(Function function) {
        Verifier v = new Verifier(function);
        v.run();
        return List.copyOf(v.errors);
    }

    private void run() {
        Block entry = function.entry();
        if (entry == null) {
            errors.add(new VerifierError(Kind.EMPTY_FUNCTION, null, "$" + function.name() + " has no blocks"));
            return;
        }
        entryParams(entry);
        boolean wellFormed = structure();
        definitions();
        for (Block b : function.blocks()) {
            for (Instruction i = b.first(); i != null; i = i.next()) {
                TypeRules.check(function, b, i, errors);
            }
        }
        uses(wellFormed);
    }

    private void entryParams(Block entry) {
        List<Type> params = function.signature().params();
        List<Type> actual = new ArrayList<>();
        for (int i = 0; i < entry.paramCount(); i++) {
            actual.add(function.type(entry.param(i)));
        }
        if (!actual.equals(params)) {
            errors.add(new VerifierError(Kind.ENTRY_PARAMS, entry, entry + ": the entry block's parameters "
                    + actual + " are not the signature's " + params));
        }
    }

    /** Terminators and targets; returns whether the blocks are shaped as a graph. */
    private boolean structure() {
        boolean[] laidOut = new boolean[function.blockIdLimit()];
        for (Block b : function.blocks()) {
            laidOut[b.id()] = true;
        }
        boolean wellFormed = true;
        for (Block b : function.blocks()) {
            if (b.terminator() == null) {
                error(Kind.MISSING_TERMINATOR, b, b.last() == null ? "the block is empty"
                        : "the block ends with `" + text(b.last()) + "`, which is not a terminator");
                wellFormed = false;
            }
            for (Instruction i = b.first(); i != null; i = i.next()) {
                if (i.opcode().isTerminator() && i.next() != null) {
                    error(Kind.TERMINATOR_IN_MIDDLE, b, "`" + text(i) + "` is followed by `" + text(i.next()) + "`");
                    wellFormed = false;
                }
                for (int t = 0; t < i.targetCount(); t++) {
                    Block target = i.target(t);
                    if (target.function() != function || target.id() >= laidOut.length || !laidOut[target.id()]) {
                        error(Kind.UNKNOWN_BLOCK, b, "`" + text(i) + "` targets " + target
                                + ", which is not a block of $" + function.name());
                        wellFormed = false;
                    } else if (target == function.entry()) {
                        error(Kind.ENTRY_TARGETED, b, "`" + text(i) + "` targets the entry block " + target);
                    } else {
                        arguments(b, i, t);
                    }
                }
            }
        }
        return wellFormed;
    }

    private void arguments(Block b, Instruction branch, int t) {
        Block target = branch.target(t);
        if (branch.argumentCount(t) != target.paramCount()) {
            error(Kind.ARGUMENT_COUNT, b, "`" + text(branch) + "` passes " + TypeRules.count(branch.argumentCount(t), "argument")
                    + " to " + target + ", which has " + TypeRules.count(target.paramCount(), "parameter"));
            return;
        }
        for (int a = 0; a < target.paramCount(); a++) {
            Type param = function.type(target.param(a));
            Type arg = function.type(branch.argument(t, a));
            if (arg != null && arg != param) {
                error(Kind.ARGUMENT_TYPE, b, "`" + text(branch) + "` passes v" + branch.argument(t, a) + ":" + arg
                        + " to " + target + "'s parameter v" + target.param(a) + ":" + param);
            }
        }
    }

    private void definitions() {
        for (Block b : function.blocks()) {
            for (int p = 0; p < b.paramCount(); p++) {
                define(b, b.param(p), -1);
            }
            int position = 0;
            for (Instruction i = b.first(); i != null; i = i.next(), position++) {
                for (int r = 0; r < i.resultCount(); r++) {
                    define(b, i.result(r), position);
                }
            }
        }
    }

    private void define(Block b, int value, int position) {
        if (value < 0 || value >= definingBlock.length) {
            error(Kind.UNDEFINED_VALUE, b, "v" + value + " is defined but the function never made it");
        } else if (definingBlock[value] != null) {
            error(Kind.MULTIPLE_DEFINITION, b, "v" + value + " is defined again; it is already defined in "
                    + definingBlock[value]);
        } else {
            definingBlock[value] = b;
            definingPosition[value] = position;
        }
    }

    private void uses(boolean checkDominance) {
        ControlFlow cfg = checkDominance ? new ControlFlow(function) : null;
        ControlFlow kept = function.currentFlow();
        if (cfg != null && kept != null && !kept.sameAs(cfg)) {
            error(Kind.STALE_CONTROL_FLOW, function.entry(), "the control-flow graph kept for reuse is not the function's graph now");
        }
        Dominators dominators = checkDominance ? new Dominators(cfg) : null;
        for (Block b : function.blocks()) {
            boolean reachable = cfg != null && cfg.reachable(b);
            int position = 0;
            for (Instruction i = b.first(); i != null; i = i.next(), position++) {
                for (int o = 0; o < i.operandCount(); o++) {
                    use(b, i, position, i.operand(o), reachable ? cfg : null, dominators);
                }
                for (int t = 0; t < i.targetCount(); t++) {
                    for (int a = 0; a < i.argumentCount(t); a++) {
                        use(b, i, position, i.argument(t, a), reachable ? cfg : null, dominators);
                    }
                }
            }
        }
    }

    /** With {@code cfg} null, only whether the value is defined at all is checked. */
    private void use(Block b, Instruction user, int position, int value, ControlFlow cfg, Dominators dominators) {
        Block def = value >= 0 && value < definingBlock.length ? definingBlock[value] : null;
        if (def == null) {
            error(Kind.UNDEFINED_VALUE, b, "`" + text(user) + "` uses v" + value
                    + ", which no block parameter or instruction of $" + function.name() + " defines");
        } else if (cfg == null) {
            return;
        } else if (!cfg.reachable(def)) {
            error(Kind.UNREACHABLE_DEFINITION, b, "`" + text(user) + "` uses v" + value + ", defined in " + def
                    + ", which the entry does not reach");
        } else if (def == b ? definingPosition[value] >= position : !dominators.dominates(def, b)) {
            error(Kind.NOT_DOMINATED, b, "`" + text(user) + "` uses v" + value + ", whose definition in " + def
                    + (def == b ? " comes later" : " does not dominate " + b));
        }
    }

    private String text(Instruction i) {
        return Printer.instruction(function, i);
    }

    private void error(Kind kind, Block b, String what) {
        errors.add(new VerifierError(kind, b, b + ": " + what));
    }
}
