package dev.kiln.internal.validate;

import dev.kiln.internal.wasm.DataSegment;
import dev.kiln.internal.wasm.ElementSegment;
import dev.kiln.internal.wasm.Export;
import dev.kiln.internal.wasm.ExternalKind;
import dev.kiln.internal.wasm.GlobalDefinition;
import dev.kiln.internal.wasm.Instruction;
import dev.kiln.internal.wasm.Module;
import dev.kiln.internal.wasm.Op;
import java.util.BitSet;

/**
 * The spec's {@code C.refs}: the functions a {@code ref.func} inside a function body may name.
 * They are the functions the module mentions outside its function bodies and start function:
 * in element segments, exports and constant expressions (global initializers, offsets).
 */
final class DeclaredFunctions {

    private DeclaredFunctions() {}

    static BitSet of(Module module) {
        int count = module.functionCount();
        BitSet declared = new BitSet(count);
        for (GlobalDefinition global : module.globals()) {
            mark(global.init(), declared, count);
        }
        for (ElementSegment segment : module.elements()) {
            mark(segment.offset(), declared, count);
            for (Instruction[] item : segment.items()) {
                mark(item, declared, count);
            }
        }
        for (DataSegment segment : module.data()) {
            mark(segment.offset(), declared, count);
        }
        for (Export export : module.exports()) {
            if (export.kind() == ExternalKind.FUNCTION) {
                set(export.index(), declared, count);
            }
        }
        return declared;
    }

    private static void mark(Instruction[] expression, BitSet declared, int count) {
        if (expression == null) {
            return;
        }
        for (Instruction instruction : expression) {
            if (instruction.op() == Op.REF_FUNC) {
                set(instruction.a(), declared, count);
            }
        }
    }

    /** Out-of-range indices are left out: they are reported as unknown functions elsewhere. */
    private static void set(int function, BitSet declared, int count) {
        if (function >= 0 && function < count) {
            declared.set(function);
        }
    }
}
