package dev.kiln.internal.validate;

import dev.kiln.internal.wasm.Immediate;
import dev.kiln.internal.wasm.Op;

/**
 * Every instruction whose operand and result types are fixed ({@link Op#signature()}): numeric,
 * vector and memory instructions. Their immediates are checked first: memory and data segment
 * indices, the alignment of loads and stores, and SIMD lane indices.
 */
final class FixedRules {

    private static final int SHUFFLE_LANES = 32;

    private final ModuleContext module;
    private final ValueStack values;

    FixedRules(ModuleContext module, ValueStack values) {
        this.module = module;
        this.values = values;
    }

    /** Checks {@code op}, whose operand types {@code params} are {@link FixedSignatures#params}. */
    void apply(Op op, byte[] params, int a, int b, Object data) {
        Immediate immediate = op.immediate();
        if (immediate == Immediate.MEMARG) { // loads and stores, a quarter of these
            memoryAccess(op, a);
        } else if (immediate != Immediate.NONE) {
            checkImmediates(op, a, b, data); // the rare kinds, out of the hot path
        }
        values.popThenPush(params, FixedSignatures.results(op));
    }

    private void checkImmediates(Op op, int a, int b, Object data) {
        switch (op.immediate()) {
            case MEMARG -> memoryAccess(op, a);
            case MEMARG_LANE -> {
                memoryAccess(op, a);
                lane(b, 16 / op.accessBytes());
            }
            case LANE -> lane(a, op.laneCount());
            case SHUFFLE -> shuffle((byte[]) data);
            case MEMORY -> module.requireMemory(a);
            case MEMORY_COPY -> {
                module.requireMemory(a);
                module.requireMemory(b);
            }
            case MEMORY_INIT -> {
                module.requireMemory(b);
                module.requireData(a);
            }
            case DATA -> module.requireData(a);
            case ELEMENT -> module.requireElement(a); // elem.drop
            default -> {
            }
        }
    }

    /** Loads and stores use memory 0; the alignment hint may not exceed the access width. */
    private void memoryAccess(Op op, int alignExponent) {
        module.requireMemory(0);
        if (alignExponent < 0 || alignExponent > 30 || (1 << alignExponent) > op.accessBytes()) {
            throw new RuleViolation("alignment must not be larger than natural");
        }
    }

    private static void lane(int lane, int lanes) {
        if (lane < 0 || lane >= lanes) {
            throw new RuleViolation("invalid lane index");
        }
    }

    /** Shuffle lanes index the 32 bytes of both operands. */
    private static void shuffle(byte[] lanes) {
        for (byte lane : lanes) {
            if ((lane & 0xFF) >= SHUFFLE_LANES) {
                throw new RuleViolation("invalid lane index");
            }
        }
    }
}
