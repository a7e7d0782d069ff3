package dev.kiln.internal.binary;

import dev.kiln.FunctionType;
import dev.kiln.ValueType;
import dev.kiln.internal.wasm.CustomSection;
import dev.kiln.internal.wasm.DataSegment;
import dev.kiln.internal.wasm.ElementSegment;
import dev.kiln.internal.wasm.Export;
import dev.kiln.internal.wasm.FunctionBody;
import dev.kiln.internal.wasm.GlobalDefinition;
import dev.kiln.internal.wasm.GlobalType;
import dev.kiln.internal.wasm.Import;
import dev.kiln.internal.wasm.Instruction;
import dev.kiln.internal.wasm.Limits;
import dev.kiln.internal.wasm.Module;
import dev.kiln.internal.wasm.NameSection;
import dev.kiln.internal.wasm.Op;
import dev.kiln.internal.wasm.SegmentMode;
import dev.kiln.internal.wasm.TableType;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Encodes a {@link Module} as a WebAssembly 2.0 binary: the inverse of {@link ModuleDecoder},
 * for tests and tools.
 *
 * <p>Integers are written in their shortest LEB128 form, element segments in the most compact of
 * their encodings, and custom sections (the {@code name} section first) after the data section.
 * So {@code decode(encode(m))} equals {@code m} in everything but byte offsets.
 */
public final class ModuleEncoder {

    private final ByteWriter out = new ByteWriter();

    private ModuleEncoder() {}

    /** The binary encoding of {@code module}. */
    public static byte[] encode(Module module) {
        ModuleEncoder encoder = new ModuleEncoder();
        encoder.module(module);
        return encoder.out.toByteArray();
    }

    private void module(Module m) {
        out.fixed32(ModuleDecoder.MAGIC);
        out.fixed32(ModuleDecoder.VERSION);
        vectorSection(SectionId.TYPE, m.types(), ModuleEncoder::functionType);
        vectorSection(SectionId.IMPORT, m.imports(), ModuleEncoder::importEntry);
        int[] functions = m.functionTypeIndices();
        if (functions.length > 0) {
            section(SectionId.FUNCTION, s -> {
                s.u32(functions.length);
                for (int typeIndex : functions) {
                    s.u32(typeIndex);
                }
            });
        }
        vectorSection(SectionId.TABLE, m.tables(), ModuleEncoder::tableType);
        vectorSection(SectionId.MEMORY, m.memories(), (s, memory) -> limits(s, memory.limits()));
        vectorSection(SectionId.GLOBAL, m.globals(), ModuleEncoder::global);
        vectorSection(SectionId.EXPORT, m.exports(), ModuleEncoder::export);
        if (m.startFunction() != Module.ABSENT) {
            section(SectionId.START, s -> s.u32(m.startFunction()));
        }
        vectorSection(SectionId.ELEMENT, m.elements(), ModuleEncoder::element);
        if (m.dataCount() != Module.ABSENT) {
            section(SectionId.DATA_COUNT, s -> s.u32(m.dataCount()));
        }
        vectorSection(SectionId.CODE, m.code(), ModuleEncoder::body);
        vectorSection(SectionId.DATA, m.data(), ModuleEncoder::data);
        names(m.names());
        for (CustomSection custom : m.customSections()) {
            customSection(custom.name(), s -> s.bytes(custom.contents()));
        }
    }

    // ---- framing -------------------------------------------------------------------------

    /** {@code id size contents}: the contents are written first to learn their size. */
    private void section(int id, Consumer<ByteWriter> contents) {
        ByteWriter s = new ByteWriter();
        contents.accept(s);
        out.u8(id);
        out.u32(s.size());
        out.append(s);
    }

    /** A section that is a vector of entries; omitted when empty. */
    private <T> void vectorSection(int id, List<T> entries, BiConsumer<ByteWriter, T> entry) {
        if (!entries.isEmpty()) {
            section(id, s -> vector(s, entries, entry));
        }
    }

    private static <T> void vector(ByteWriter s, List<T> entries, BiConsumer<ByteWriter, T> entry) {
        s.u32(entries.size());
        for (T e : entries) {
            entry.accept(s, e);
        }
    }

    private void customSection(String name, Consumer<ByteWriter> contents) {
        section(SectionId.CUSTOM, s -> {
            s.name(name);
            contents.accept(s);
        });
    }

    // ---- types ---------------------------------------------------------------------------

    private static void functionType(ByteWriter s, FunctionType type) {
        s.u8(TypeReader.FUNCTION_TYPE_FORM);
        InstructionWriter.valueTypes(s, type.params().toArray(new ValueType[0]));
        InstructionWriter.valueTypes(s, type.results().toArray(new ValueType[0]));
    }

    private static void limits(ByteWriter s, Limits limits) {
        s.u8(limits.hasMax() ? 1 : 0);
        s.u32(limits.min());
        if (limits.hasMax()) {
            s.u32(limits.max());
        }
    }

    private static void tableType(ByteWriter s, TableType type) {
        s.u8(type.elementType().code());
        limits(s, type.limits());
    }

    private static void globalType(ByteWriter s, GlobalType type) {
        s.u8(type.type().code());
        s.u8(type.mutable() ? 1 : 0);
    }

    // ---- entries -------------------------------------------------------------------------

    private static void importEntry(ByteWriter s, Import i) {
        s.name(i.module());
        s.name(i.name());
        s.u8(i.kind().ordinal());
        switch (i.kind()) {
            case FUNCTION -> s.u32(i.functionTypeIndex());
            case TABLE -> tableType(s, i.table());
            case MEMORY -> limits(s, i.memory().limits());
            case GLOBAL -> globalType(s, i.global());
        }
    }

    private static void global(ByteWriter s, GlobalDefinition g) {
        globalType(s, g.type());
        InstructionWriter.write(s, g.init());
    }

    private static void export(ByteWriter s, Export e) {
        s.name(e.name());
        s.u8(e.kind().ordinal());
        s.u32(e.index());
    }

    /**
     * Chooses the flags: function indices (0..3) when every item is {@code ref.func i; end} of
     * type funcref, else expressions (4..7); an explicit table index only when needed.
     */
    private static void element(ByteWriter s, ElementSegment e) {
        boolean indices = e.type() == ValueType.FUNCREF && allFunctionReferences(e.items());
        int flags = indices ? 0 : 4;
        switch (e.mode()) {
            case ACTIVE -> flags |= e.tableIndex() != 0 || e.type() != ValueType.FUNCREF ? 2 : 0;
            case PASSIVE -> flags |= 1;
            case DECLARATIVE -> flags |= 3;
        }
        s.u32(flags);
        if (e.mode() == SegmentMode.ACTIVE) {
            if ((flags & 2) != 0) {
                s.u32(e.tableIndex());
            }
            InstructionWriter.write(s, e.offset());
        }
        if ((flags & 3) != 0) { // flags 0 and 4 imply funcref
            s.u8(indices ? 0x00 : e.type().code());
        }
        s.u32(e.items().length);
        for (Instruction[] item : e.items()) {
            if (indices) {
                s.u32(item[0].a());
            } else {
                InstructionWriter.write(s, item);
            }
        }
    }

    private static boolean allFunctionReferences(Instruction[][] items) {
        for (Instruction[] item : items) {
            if (item.length != 2 || item[0].op() != Op.REF_FUNC || item[1].op() != Op.END) {
                return false;
            }
        }
        return true;
    }

    /** {@code size vec(count type) expr}, with runs of equal local types as one group each. */
    private static void body(ByteWriter s, FunctionBody body) {
        ByteWriter b = new ByteWriter();
        ValueType[] locals = body.locals();
        int groups = 0;
        for (int i = 0; i < locals.length; i++) {
            if (i == 0 || locals[i] != locals[i - 1]) {
                groups++;
            }
        }
        b.u32(groups);
        for (int i = 0; i < locals.length; ) {
            int j = i;
            while (j < locals.length && locals[j] == locals[i]) {
                j++;
            }
            b.u32(j - i);
            b.u8(locals[i].code());
            i = j;
        }
        InstructionWriter.write(b, body.code());
        s.u32(b.size());
        s.append(b);
    }

    private static void data(ByteWriter s, DataSegment d) {
        if (d.mode() == SegmentMode.PASSIVE) {
            s.u8(1);
        } else if (d.memoryIndex() == 0) {
            s.u8(0);
            InstructionWriter.write(s, d.offset());
        } else {
            s.u8(2);
            s.u32(d.memoryIndex());
            InstructionWriter.write(s, d.offset());
        }
        s.byteVector(d.bytes());
    }

    // ---- names ---------------------------------------------------------------------------

    /** The {@code name} section's subsections 0, 1 and 2, each only when it has content. */
    private void names(NameSection names) {
        if (names.moduleName() == null && names.functionNames().isEmpty() && names.localNames().isEmpty()) {
            return;
        }
        customSection("name", s -> {
            if (names.moduleName() != null) {
                subsection(s, 0, sub -> sub.name(names.moduleName()));
            }
            if (!names.functionNames().isEmpty()) {
                subsection(s, 1, sub -> nameMap(sub, names.functionNames()));
            }
            if (!names.localNames().isEmpty()) {
                subsection(s, 2, sub -> {
                    Map<Integer, Map<Integer, String>> sorted = new TreeMap<>(names.localNames());
                    sub.u32(sorted.size());
                    sorted.forEach((function, locals) -> {
                        sub.u32(function);
                        nameMap(sub, locals);
                    });
                });
            }
        });
    }

    private static void subsection(ByteWriter s, int id, Consumer<ByteWriter> contents) {
        ByteWriter sub = new ByteWriter();
        contents.accept(sub);
        s.u8(id);
        s.u32(sub.size());
        s.append(sub);
    }

    /** {@code vec(idx name)} in increasing index order, as the format requires. */
    private static void nameMap(ByteWriter s, Map<Integer, String> names) {
        Map<Integer, String> sorted = new TreeMap<>(names);
        s.u32(sorted.size());
        sorted.forEach((index, name) -> {
            s.u32(index);
            s.name(name);
        });
    }
}
