package dev.kiln.internal.binary;

import static dev.kiln.internal.binary.ByteReader.malformed;

import dev.kiln.ValueType;
import dev.kiln.internal.wasm.DataSegment;
import dev.kiln.internal.wasm.ElementSegment;
import dev.kiln.internal.wasm.Instruction;
import dev.kiln.internal.wasm.Op;
import dev.kiln.internal.wasm.SegmentMode;

/**
 * Decodes element and data segments.
 *
 * <p>An element segment's flags (0..7) combine three bits: bit 0 = passive or declarative,
 * bit 1 = explicit table index (active) or declarative (otherwise), bit 2 = items are
 * expressions rather than function indices. Function indices are normalized to
 * {@code [ref.func i, end]} so that later stages see one representation.
 */
final class SegmentReader {

    /** The only element kind byte of 2.0: funcref. */
    private static final int ELEMENT_KIND_FUNCREF = 0x00;

    private final InstructionReader instructions;

    SegmentReader(InstructionReader instructions) {
        this.instructions = instructions;
    }

    /** One element segment in any of the 8 encodings. */
    ElementSegment element(ByteReader in) {
        int offset = in.position();
        long flags = in.u32();
        if (flags > 7) {
            throw malformed(offset, "malformed elements segment kind " + flags + ", 0..7 expected");
        }
        boolean passiveOrDeclarative = (flags & 1) != 0;
        boolean explicitTableOrDeclarative = (flags & 2) != 0;
        boolean expressions = (flags & 4) != 0;

        SegmentMode mode = !passiveOrDeclarative ? SegmentMode.ACTIVE
                : explicitTableOrDeclarative ? SegmentMode.DECLARATIVE : SegmentMode.PASSIVE;
        int table = 0;
        Instruction[] tableOffset = null;
        if (mode == SegmentMode.ACTIVE) {
            table = explicitTableOrDeclarative ? in.index() : 0;
            tableOffset = instructions.expression(in);
        }
        // Flags 0 and 4 imply funcref; the others spell the type out.
        boolean typeImplied = mode == SegmentMode.ACTIVE && !explicitTableOrDeclarative;
        ValueType type = ValueType.FUNCREF;
        if (!typeImplied) {
            type = expressions ? TypeReader.referenceType(in) : elementKind(in);
        }
        Instruction[][] items = expressions ? expressionItems(in) : functionIndexItems(in);
        return new ElementSegment(mode, table, tableOffset, type, items);
    }

    /** The legacy "elemkind" byte; 2.0 knows only 0x00 = funcref. */
    private static ValueType elementKind(ByteReader in) {
        int offset = in.position();
        int kind = in.u8();
        if (kind != ELEMENT_KIND_FUNCREF) {
            throw malformed(offset, "malformed element kind 0x" + Integer.toHexString(kind) + ", 0x00 expected");
        }
        return ValueType.FUNCREF;
    }

    private Instruction[][] expressionItems(ByteReader in) {
        int n = in.length();
        Instruction[][] items = new Instruction[n][];
        for (int i = 0; i < n; i++) {
            items[i] = instructions.expression(in);
        }
        return items;
    }

    /** {@code vec(funcidx)} as {@code [ref.func i, end]} items, both at the index's offset. */
    private static Instruction[][] functionIndexItems(ByteReader in) {
        int n = in.length();
        Instruction[][] items = new Instruction[n][];
        for (int i = 0; i < n; i++) {
            int offset = in.position();
            int function = in.index();
            items[i] = new Instruction[] {
                new Instruction(Op.REF_FUNC, offset, function, 0, 0, null),
                Instruction.of(Op.END, offset)
            };
        }
        return items;
    }

    /** One data segment: flags 0 (active, memory 0), 1 (passive) or 2 (active, explicit memory). */
    DataSegment data(ByteReader in) {
        int offset = in.position();
        long flags = in.u32();
        if (flags > 2) {
            throw malformed(offset, "malformed data segment kind " + flags + ", 0..2 expected");
        }
        if (flags == 1) {
            return new DataSegment(SegmentMode.PASSIVE, 0, null, in.byteVector());
        }
        int memory = flags == 2 ? in.index() : 0;
        Instruction[] memoryOffset = instructions.expression(in);
        return new DataSegment(SegmentMode.ACTIVE, memory, memoryOffset, in.byteVector());
    }
}
