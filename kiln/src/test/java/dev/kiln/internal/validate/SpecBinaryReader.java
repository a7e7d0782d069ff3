package dev.kiln.internal.validate;

import dev.kiln.FunctionType;
import dev.kiln.ValueType;
import dev.kiln.internal.wasm.BlockType;
import dev.kiln.internal.wasm.DataSegment;
import dev.kiln.internal.wasm.ElementSegment;
import dev.kiln.internal.wasm.Export;
import dev.kiln.internal.wasm.ExternalKind;
import dev.kiln.internal.wasm.FunctionBody;
import dev.kiln.internal.wasm.GlobalDefinition;
import dev.kiln.internal.wasm.GlobalType;
import dev.kiln.internal.wasm.Import;
import dev.kiln.internal.wasm.Instruction;
import dev.kiln.internal.wasm.Limits;
import dev.kiln.internal.wasm.MemoryType;
import dev.kiln.internal.wasm.Module;
import dev.kiln.internal.wasm.NameSection;
import dev.kiln.internal.wasm.Op;
import dev.kiln.internal.wasm.SegmentMode;
import dev.kiln.internal.wasm.TableType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A minimal, test-only reader of the binary format, so that the validator can be run against
 * the official test suite's {@code .wasm} files before the real decoder is available. It
 * trusts its input more than a decoder may (it is only fed the suite's files) and throws
 * {@link IllegalArgumentException} for anything it does not understand; the conformance test
 * skips such files. Replace it with the real decoder once that lands.
 */
final class SpecBinaryReader {

    private final byte[] bytes;
    private int position;

    private final List<FunctionType> types = new ArrayList<>();
    private final List<Import> imports = new ArrayList<>();
    private int[] functions = new int[0];
    private final List<TableType> tables = new ArrayList<>();
    private final List<MemoryType> memories = new ArrayList<>();
    private final List<GlobalDefinition> globals = new ArrayList<>();
    private final List<Export> exports = new ArrayList<>();
    private int start = Module.ABSENT;
    private final List<ElementSegment> elements = new ArrayList<>();
    private int dataCount = Module.ABSENT;
    private final List<FunctionBody> code = new ArrayList<>();
    private final List<DataSegment> data = new ArrayList<>();

    private SpecBinaryReader(byte[] bytes) {
        this.bytes = bytes;
    }

    static Module read(byte[] bytes) {
        return new SpecBinaryReader(bytes).module();
    }

    private Module module() {
        if (bytes.length < 8 || bytes[0] != 0 || bytes[1] != 'a' || bytes[2] != 's' || bytes[3] != 'm') {
            throw new IllegalArgumentException("magic header not detected");
        }
        position = 8;
        while (position < bytes.length) {
            int id = u8();
            int size = u32();
            int end = position + size;
            section(id, end);
            if (position != end) {
                throw new IllegalArgumentException("section size mismatch");
            }
        }
        return new Module(types, imports, functions, tables, memories, globals, exports, start, elements,
                dataCount, code, data, NameSection.EMPTY, List.of());
    }

    private void section(int id, int end) {
        switch (id) {
            case 0 -> position = end;
            case 1 -> repeat(this::functionType);
            case 2 -> repeat(this::importEntry);
            case 3 -> {
                functions = new int[u32()];
                for (int i = 0; i < functions.length; i++) {
                    functions[i] = index();
                }
            }
            case 4 -> repeat(() -> tables.add(tableType()));
            case 5 -> repeat(() -> memories.add(new MemoryType(limits())));
            case 6 -> repeat(() -> globals.add(new GlobalDefinition(globalType(), expression())));
            case 7 -> repeat(() -> exports.add(new Export(name(), kind(), index())));
            case 8 -> start = index();
            case 9 -> repeat(this::element);
            case 10 -> repeat(this::body);
            case 11 -> repeat(this::dataSegment);
            case 12 -> dataCount = index();
            default -> throw new IllegalArgumentException("malformed section id");
        }
    }

    private void repeat(Runnable entry) {
        int count = u32();
        for (int i = 0; i < count; i++) {
            entry.run();
        }
    }

    private void functionType() {
        if (u8() != 0x60) {
            throw new IllegalArgumentException("malformed function type");
        }
        List<ValueType> params = valueTypes();
        types.add(new FunctionType(params, valueTypes()));
    }

    private List<ValueType> valueTypes() {
        int count = u32();
        List<ValueType> list = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            list.add(valueType());
        }
        return list;
    }

    private void importEntry() {
        String module = name();
        String field = name();
        switch (kind()) {
            case FUNCTION -> imports.add(Import.function(module, field, index()));
            case TABLE -> imports.add(Import.table(module, field, tableType()));
            case MEMORY -> imports.add(Import.memory(module, field, new MemoryType(limits())));
            case GLOBAL -> imports.add(Import.global(module, field, globalType()));
        }
    }

    private TableType tableType() {
        ValueType type = valueType();
        return new TableType(type, limits());
    }

    private Limits limits() {
        int flag = u8();
        long min = u32() & 0xFFFFFFFFL;
        return switch (flag) {
            case 0 -> new Limits(min, Limits.NO_MAX);
            case 1 -> new Limits(min, u32() & 0xFFFFFFFFL);
            default -> throw new IllegalArgumentException("integer too large");
        };
    }

    private GlobalType globalType() {
        ValueType type = valueType();
        int mutability = u8();
        if (mutability > 1) {
            throw new IllegalArgumentException("malformed mutability");
        }
        return new GlobalType(type, mutability == 1);
    }

    private ExternalKind kind() {
        ExternalKind kind = ExternalKind.fromCode(u8());
        if (kind == null) {
            throw new IllegalArgumentException("malformed import kind");
        }
        return kind;
    }

    private void element() {
        int flags = u32();
        boolean passiveOrDeclarative = (flags & 1) != 0;
        boolean explicitTable = (flags & 2) != 0;
        boolean expressions = (flags & 4) != 0;
        if (flags > 7) {
            throw new IllegalArgumentException("malformed elements segment kind");
        }
        SegmentMode mode = !passiveOrDeclarative ? SegmentMode.ACTIVE
                : explicitTable ? SegmentMode.DECLARATIVE : SegmentMode.PASSIVE;
        int table = mode == SegmentMode.ACTIVE && explicitTable ? index() : 0;
        Instruction[] offset = mode == SegmentMode.ACTIVE ? expression() : null;
        ValueType type = ValueType.FUNCREF;
        if (passiveOrDeclarative || explicitTable) {
            if (expressions) {
                type = valueType();
            } else if (u8() != 0) {
                throw new IllegalArgumentException("malformed element kind");
            }
        }
        int count = u32();
        Instruction[][] items = new Instruction[count][];
        for (int i = 0; i < count; i++) {
            if (expressions) {
                items[i] = expression();
            } else {
                int at = position;
                int function = index();
                items[i] = new Instruction[] {new Instruction(Op.REF_FUNC, at, function, 0, 0, null),
                    Instruction.of(Op.END, position)};
            }
        }
        elements.add(new ElementSegment(mode, table, offset, type, items));
    }

    private void dataSegment() {
        int flags = u32();
        switch (flags) {
            case 0 -> {
                Instruction[] offset = expression();
                data.add(new DataSegment(SegmentMode.ACTIVE, 0, offset, byteVector()));
            }
            case 1 -> data.add(new DataSegment(SegmentMode.PASSIVE, 0, null, byteVector()));
            case 2 -> {
                int memory = index();
                Instruction[] offset = expression();
                data.add(new DataSegment(SegmentMode.ACTIVE, memory, offset, byteVector()));
            }
            default -> throw new IllegalArgumentException("malformed data segment kind");
        }
    }

    private byte[] byteVector() {
        int length = u32();
        byte[] contents = Arrays.copyOfRange(bytes, position, position + length);
        position += length;
        return contents;
    }

    private void body() {
        int offset = position;
        int size = u32();
        int end = position + size;
        List<ValueType> locals = new ArrayList<>();
        int groups = u32();
        long total = 0;
        for (int g = 0; g < groups; g++) {
            long count = u32() & 0xFFFFFFFFL;
            total += count;
            if (total > 50_000) {
                throw new IllegalArgumentException("too many locals");
            }
            ValueType type = valueType();
            for (long i = 0; i < count; i++) {
                locals.add(type);
            }
        }
        List<Instruction> instructions = new ArrayList<>();
        while (position < end) {
            instructions.add(instruction());
        }
        if (position != end) {
            throw new IllegalArgumentException("section size mismatch");
        }
        code.add(new FunctionBody(offset, locals.toArray(ValueType[]::new), instructions.toArray(Instruction[]::new)));
    }

    /** A constant expression: instructions up to and including the first {@code end}. */
    private Instruction[] expression() {
        List<Instruction> instructions = new ArrayList<>();
        Instruction instruction;
        do {
            instruction = instruction();
            instructions.add(instruction);
        } while (instruction.op() != Op.END);
        return instructions.toArray(Instruction[]::new);
    }

    private Instruction instruction() {
        int offset = position;
        int opcode = u8();
        Op op = switch (opcode) {
            case Op.PREFIX_MISC -> Op.misc(u32() & 0xFFFFFFFFL);
            case Op.PREFIX_SIMD -> Op.simd(u32() & 0xFFFFFFFFL);
            default -> Op.single(opcode);
        };
        if (op == null) {
            throw new IllegalArgumentException("illegal opcode");
        }
        return switch (op.immediate()) {
            case NONE -> Instruction.of(op, offset);
            case BLOCK_TYPE -> new Instruction(op, offset, 0, 0, 0, blockType());
            case LABEL, FUNCTION, LOCAL, GLOBAL, TABLE, MEMORY, DATA, ELEMENT ->
                new Instruction(op, offset, index(), 0, 0, null);
            case BR_TABLE -> {
                int count = u32();
                int[] labels = new int[count + 1];
                for (int i = 0; i <= count; i++) {
                    labels[i] = index();
                }
                yield new Instruction(op, offset, 0, 0, 0, labels);
            }
            case CALL_INDIRECT, MEMORY_INIT, MEMORY_COPY, TABLE_INIT, TABLE_COPY -> {
                int a = index();
                yield new Instruction(op, offset, a, index(), 0, null);
            }
            case SELECT_TYPES -> new Instruction(op, offset, 0, 0, 0, valueTypes().toArray(ValueType[]::new));
            case MEMARG -> {
                int align = index();
                yield new Instruction(op, offset, align, 0, u32() & 0xFFFFFFFFL, null);
            }
            case MEMARG_LANE -> {
                int align = index();
                long memoryOffset = u32() & 0xFFFFFFFFL;
                yield new Instruction(op, offset, align, u8(), memoryOffset, null);
            }
            case I32 -> new Instruction(op, offset, 0, 0, signed(32), null);
            case I64 -> new Instruction(op, offset, 0, 0, signed(64), null);
            case F32 -> new Instruction(op, offset, 0, 0, fixed(4), null);
            case F64 -> new Instruction(op, offset, 0, 0, fixed(8), null);
            case V128, SHUFFLE -> new Instruction(op, offset, 0, 0, 0, byteArray(16));
            case LANE -> new Instruction(op, offset, u8(), 0, 0, null);
            case REF_TYPE -> new Instruction(op, offset, 0, 0, 0, valueType());
        };
    }

    private BlockType blockType() {
        int first = bytes[position] & 0xFF;
        if (first == 0x40) {
            position++;
            return BlockType.EMPTY;
        }
        ValueType type = ValueType.fromCode(first);
        if (type != null) {
            position++;
            return BlockType.of(type);
        }
        long index = signed(33);
        if (index < 0) {
            throw new IllegalArgumentException("malformed block type");
        }
        return BlockType.ofIndex((int) Math.min(index, Integer.MAX_VALUE));
    }

    private ValueType valueType() {
        ValueType type = ValueType.fromCode(u8());
        if (type == null) {
            throw new IllegalArgumentException("malformed value type");
        }
        return type;
    }

    private String name() {
        return new String(byteVector(), java.nio.charset.StandardCharsets.UTF_8);
    }

    private byte[] byteArray(int length) {
        byte[] array = Arrays.copyOfRange(bytes, position, position + length);
        position += length;
        return array;
    }

    private long fixed(int length) {
        long value = 0;
        for (int i = 0; i < length; i++) {
            value |= (long) u8() << (8 * i);
        }
        return value;
    }

    private int u8() {
        if (position >= bytes.length) {
            throw new IllegalArgumentException("unexpected end");
        }
        return bytes[position++] & 0xFF;
    }

    /** An unsigned 32-bit index, clamped to {@link Integer#MAX_VALUE} as the model stores it. */
    private int index() {
        long value = u32() & 0xFFFFFFFFL;
        return (int) Math.min(value, Integer.MAX_VALUE);
    }

    private int u32() {
        long result = 0;
        for (int shift = 0; shift < 35; shift += 7) {
            int b = u8();
            result |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                if (result > 0xFFFFFFFFL) {
                    throw new IllegalArgumentException("integer too large");
                }
                return (int) result;
            }
        }
        throw new IllegalArgumentException("integer representation too long");
    }

    private long signed(int bits) {
        long result = 0;
        int shift = 0;
        int b;
        do {
            b = u8();
            result |= (long) (b & 0x7F) << shift;
            shift += 7;
        } while ((b & 0x80) != 0 && shift < 70);
        if (shift < 64 && (b & 0x40) != 0) {
            result |= -1L << shift;
        }
        if (bits == 32) {
            return (int) result;
        }
        return result;
    }
}
