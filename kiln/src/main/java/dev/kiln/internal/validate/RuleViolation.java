package dev.kiln.internal.validate;

import dev.kiln.CompileException;
import dev.kiln.internal.wasm.Instruction;

/**
 * A broken rule, carrying only the spec's phrase ("type mismatch", "unknown local 3").
 *
 * <p>The code that finds a violation does not know where it is (which function, which global);
 * the code that walks the module does, and turns this into a {@link CompileException} with the
 * location. No stack trace is captured: it is never printed, and validation fails fast.
 */
final class RuleViolation extends RuntimeException {

    private final CompileException.Reason reason;
    private final Instruction instruction;

    /** An invalid module: it decodes but breaks a validation rule. */
    RuleViolation(String phrase) {
        this(CompileException.Reason.INVALID, phrase);
    }

    /** A violation of the given kind (a few binary-format rules are only checkable here). */
    RuleViolation(CompileException.Reason reason, String phrase) {
        this(reason, phrase, null);
    }

    private RuleViolation(CompileException.Reason reason, String phrase, Instruction instruction) {
        super(phrase, null, false, false);
        this.reason = reason;
        this.instruction = instruction;
    }

    /** The same violation, found at {@code instruction} (kept if one was already recorded). */
    RuleViolation at(Instruction instruction) {
        return this.instruction != null ? this : new RuleViolation(reason, phrase(), instruction);
    }

    /** The instruction the violation was found at, or {@code null}. */
    Instruction instruction() {
        return instruction;
    }

    /** The spec's phrase for the broken rule. */
    String phrase() {
        return getMessage();
    }

    /** Whether the module is invalid or malformed. */
    CompileException.Reason reason() {
        return reason;
    }

    /** The usual failure: an operand or result of the wrong type. */
    static RuleViolation typeMismatch() {
        return new RuleViolation("type mismatch");
    }

    /** An index outside its index space, e.g. {@code unknown global 7}. */
    static RuleViolation unknown(String space, int index) {
        return new RuleViolation("unknown " + space + " " + Integer.toUnsignedString(index));
    }
}
