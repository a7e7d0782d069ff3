package dev.kiln.internal.validate;

import static dev.kiln.internal.validate.StackTypes.I32;
import static dev.kiln.internal.validate.StackTypes.UNKNOWN;

import dev.kiln.ValueType;

/** {@code drop}, {@code select} and {@code select} with a type annotation. */
final class ParametricRules {

    private final ValueStack values;

    ParametricRules(ValueStack values) {
        this.values = values;
    }

    void drop() {
        values.pop();
    }

    /**
     * Untyped {@code select} works only on numeric or vector operands (an engine must know the
     * representation without an annotation); both must have the same type, unknown matching any.
     */
    void select() {
        values.pop(I32);
        byte first = values.pop();
        byte second = values.pop();
        boolean numeric = StackTypes.isNumeric(first) && StackTypes.isNumeric(second);
        boolean vector = StackTypes.isVector(first) && StackTypes.isVector(second);
        if (!(numeric || vector) || !StackTypes.matches(first, second)) {
            throw RuleViolation.typeMismatch();
        }
        values.push(first == UNKNOWN ? second : first);
    }

    /** {@code select (result t)}: exactly one type in WebAssembly 2.0, which may be a reference. */
    void selectTyped(Object annotation) {
        if (!(annotation instanceof ValueType[] types) || types.length != 1) {
            throw new RuleViolation("invalid result arity");
        }
        byte type = StackTypes.of(types[0]);
        values.pop(I32);
        values.pop(type);
        values.pop(type);
        values.push(type);
    }
}
