package dev.kiln.internal.validate;

import dev.kiln.ValueType;

/** {@code local.get/set/tee} and {@code global.get/set}. */
final class VariableRules {

    private final ModuleContext module;
    private final ValueStack values;
    private byte[] locals = new byte[16];
    private int localCount;

    VariableRules(ModuleContext module, ValueStack values) {
        this.module = module;
        this.values = values;
    }

    /** Sets up the locals of the next function: its parameters, then its declared locals. */
    void begin(byte[] params, ValueType[] declared) {
        int count = params.length + declared.length;
        if (count > locals.length) {
            locals = new byte[count];
        }
        System.arraycopy(params, 0, locals, 0, params.length);
        for (int i = 0; i < declared.length; i++) {
            locals[params.length + i] = StackTypes.of(declared[i]);
        }
        localCount = count;
    }

    void localGet(int index) {
        values.push(local(index));
    }

    void localSet(int index) {
        values.pop(local(index));
    }

    void localTee(int index) {
        byte type = local(index);
        values.pop(type);
        values.push(type);
    }

    void globalGet(int index) {
        values.push(module.requireGlobal(index));
    }

    void globalSet(int index) {
        byte type = module.requireGlobal(index);
        if (!module.isMutable(index)) {
            throw new RuleViolation("global is immutable");
        }
        values.pop(type);
    }

    private byte local(int index) {
        if (index < 0 || index >= localCount) {
            throw RuleViolation.unknown("local", index);
        }
        return locals[index];
    }
}
