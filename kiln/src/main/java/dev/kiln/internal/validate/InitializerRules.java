package dev.kiln.internal.validate;

import dev.kiln.internal.wasm.DataSegment;
import dev.kiln.internal.wasm.ElementSegment;
import dev.kiln.internal.wasm.GlobalDefinition;
import dev.kiln.internal.wasm.Instruction;
import dev.kiln.internal.wasm.SegmentMode;

/**
 * The parts of a module that are initialized from constant expressions: globals, element
 * segments and data segments.
 */
final class InitializerRules {

    private final ModuleContext module;
    private final ConstantExpressions constants;

    InitializerRules(ModuleContext module) {
        this.module = module;
        this.constants = new ConstantExpressions(module);
    }

    void checkGlobal(GlobalDefinition global) {
        constants.check(global.init(), StackTypes.of(global.type().type()));
    }

    /**
     * Every item must produce the segment's reference type; an active segment needs an existing
     * table of that same type and an i32 offset.
     */
    void checkElement(ElementSegment segment) {
        byte type = StackTypes.of(segment.type());
        if (!StackTypes.isReference(type)) {
            throw RuleViolation.typeMismatch();
        }
        for (Instruction[] item : segment.items()) {
            constants.check(item, type);
        }
        if (segment.mode() == SegmentMode.ACTIVE) {
            byte tableType = module.requireTable(segment.tableIndex());
            constants.check(segment.offset(), StackTypes.I32);
            if (tableType != type) {
                throw RuleViolation.typeMismatch();
            }
        }
    }

    /** An active data segment needs an existing memory and an i32 offset. */
    void checkData(DataSegment segment) {
        if (segment.mode() == SegmentMode.ACTIVE) {
            module.requireMemory(segment.memoryIndex());
            constants.check(segment.offset(), StackTypes.I32);
        }
    }
}
