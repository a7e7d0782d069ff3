package dev.kiln.internal.binary;

import dev.kiln.internal.wasm.CustomSection;
import dev.kiln.internal.wasm.DataSegment;
import dev.kiln.internal.wasm.ElementSegment;
import dev.kiln.internal.wasm.FunctionBody;
import dev.kiln.internal.wasm.GlobalDefinition;
import dev.kiln.internal.wasm.Instruction;
import dev.kiln.internal.wasm.Module;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeMap;

/**
 * A module's contents as lines of text, leaving out byte offsets. Two modules with the same lines
 * have the same contents, which is what a round trip through the encoder must preserve (offsets
 * change because the encoder writes the shortest LEB128 forms).
 */
final class ModuleText {

    private final List<String> lines = new ArrayList<>();

    private ModuleText() {}

    static List<String> of(Module m) {
        ModuleText t = new ModuleText();
        t.module(m);
        return t.lines;
    }

    private void module(Module m) {
        m.types().forEach(x -> add("type " + x));
        m.imports().forEach(x -> add("import " + x));
        add("functions " + Arrays.toString(m.functionTypeIndices()));
        m.tables().forEach(x -> add("table " + x));
        m.memories().forEach(x -> add("memory " + x));
        for (GlobalDefinition g : m.globals()) {
            add("global " + g.type());
            expression(g.init());
        }
        m.exports().forEach(x -> add("export " + x));
        add("start " + m.startFunction());
        for (ElementSegment e : m.elements()) {
            add("elem " + e.mode() + " table=" + e.tableIndex() + " " + e.type() + " items=" + e.items().length);
            expression(e.offset());
            for (Instruction[] item : e.items()) {
                expression(item);
            }
        }
        add("datacount " + m.dataCount());
        for (FunctionBody body : m.code()) {
            add("func locals=" + Arrays.toString(body.locals()));
            expression(body.code());
        }
        for (DataSegment d : m.data()) {
            add("data " + d.mode() + " memory=" + d.memoryIndex() + " " + HexFormat.of().formatHex(d.bytes()));
            expression(d.offset());
        }
        add("module name " + m.names().moduleName());
        add("function names " + new TreeMap<>(m.names().functionNames()));
        m.names().localNames().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey())
                .forEach(e -> add("local names " + e.getKey() + " " + new TreeMap<>(e.getValue())));
        for (CustomSection c : m.customSections()) {
            add("custom " + c.name() + " " + HexFormat.of().formatHex(c.contents()));
        }
    }

    private void expression(Instruction[] code) {
        if (code == null) {
            add("  (none)");
            return;
        }
        for (Instruction i : code) {
            add("  " + instruction(i));
        }
    }

    /** Every field but the offset, so stray immediates would show too. */
    static String instruction(Instruction i) {
        String data = i.data() == null ? "" : " " + Arrays.deepToString(new Object[] {i.data()});
        return i.op().mnemonic() + " a=" + i.a() + " b=" + i.b() + " c=" + i.c() + data;
    }

    private void add(String line) {
        lines.add(line);
    }
}
