package dev.kiln.internal.compiler.ssa;

/**
 * One thing the {@link Verifier} found wrong.
 *
 * @param kind which rule is broken
 * @param block the block where, or {@code null} for the function as a whole
 * @param message what is wrong, naming the block, the instruction and the values
 */
public record VerifierError(Kind kind, Block block, String message) {

    /** The rules, one kind per rule, so tests can say which one a function breaks. */
    public enum Kind {
        /** The function has no blocks. */
        EMPTY_FUNCTION,
        /** The entry block's parameters are not the signature's parameters. */
        ENTRY_PARAMS,
        /** A branch targets the entry block, whose parameters are the function's arguments. */
        ENTRY_TARGETED,
        /** A block does not end with a terminator (or is empty). */
        MISSING_TERMINATOR,
        /** A terminator is followed by more instructions. */
        TERMINATOR_IN_MIDDLE,
        /** A branch targets a block that is not in this function's layout. */
        UNKNOWN_BLOCK,
        /** A branch passes a different number of arguments than its target has parameters. */
        ARGUMENT_COUNT,
        /** A branch argument's type is not its parameter's. */
        ARGUMENT_TYPE,
        /** A value is defined twice (by parameters or results). */
        MULTIPLE_DEFINITION,
        /** A value is used but nothing in the function's blocks defines it. */
        UNDEFINED_VALUE,
        /** Reachable code uses a value defined in a block the entry does not reach. */
        UNREACHABLE_DEFINITION,
        /** A value is used where its definition does not dominate the use. */
        NOT_DOMINATED,
        /** An instruction has the wrong number of operands for its opcode. */
        OPERAND_COUNT,
        /** An operand's type is wrong for the opcode. */
        OPERAND_TYPE,
        /** An instruction has the wrong number or types of results for its opcode. */
        RESULTS,
        /** An immediate is out of range for the opcode. */
        IMMEDIATE,
        /** A {@code return} does not pass the signature's results. */
        RETURN_VALUES,
        /**
         * The graph {@link ControlFlow#of} would reuse is not the function's graph now: a change
         * to the control flow left it in place ({@code Function.shapeChanged} was not called).
         */
        STALE_CONTROL_FLOW
    }

    /** The message. */
    @Override
    public String toString() {
        return message;
    }
}
