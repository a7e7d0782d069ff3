package dev.kiln.internal.validate;

import static dev.kiln.internal.validate.StackTypes.FUNCREF;
import static dev.kiln.internal.validate.StackTypes.I32;

/** {@code call} and {@code call_indirect}: the callee's type says what is popped and pushed. */
final class CallRules {

    private final ModuleContext module;
    private final ValueStack values;

    CallRules(ModuleContext module, ValueStack values) {
        this.module = module;
        this.values = values;
    }

    void call(int function) {
        int type = module.requireFunction(function);
        values.popThenPush(module.params(type), module.results(type));
    }

    /** The table must hold function references; the callee index is an i32 on top. */
    void callIndirect(int typeIndex, int table) {
        byte elementType = module.requireTable(table);
        int type = module.requireType(typeIndex);
        if (elementType != FUNCREF) {
            throw RuleViolation.typeMismatch();
        }
        values.pop(I32);
        values.popThenPush(module.params(type), module.results(type));
    }
}
