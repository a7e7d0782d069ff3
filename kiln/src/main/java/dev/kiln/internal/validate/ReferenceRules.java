package dev.kiln.internal.validate;

import static dev.kiln.internal.validate.StackTypes.FUNCREF;
import static dev.kiln.internal.validate.StackTypes.I32;

import dev.kiln.ValueType;

/** {@code ref.null}, {@code ref.is_null} and {@code ref.func}. */
final class ReferenceRules {

    private final ModuleContext module;
    private final ValueStack values;

    ReferenceRules(ModuleContext module, ValueStack values) {
        this.module = module;
        this.values = values;
    }

    void refNull(Object annotation) {
        if (!(annotation instanceof ValueType type) || !type.isReference()) {
            throw RuleViolation.typeMismatch();
        }
        values.push(StackTypes.of(type));
    }

    void refIsNull() {
        if (!StackTypes.isReference(values.pop())) {
            throw RuleViolation.typeMismatch();
        }
        values.push(I32);
    }

    /**
     * The function must be declared outside function bodies (in an element segment, an export or
     * a global initializer), so an engine knows up front which functions can become references.
     */
    void refFunc(int function) {
        module.requireFunction(function);
        if (!module.isDeclared(function)) {
            throw new RuleViolation("undeclared function reference");
        }
        values.push(FUNCREF);
    }
}
