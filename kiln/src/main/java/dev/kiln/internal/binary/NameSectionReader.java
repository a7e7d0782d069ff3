package dev.kiln.internal.binary;

import dev.kiln.CompileException;
import dev.kiln.internal.wasm.NameSection;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads the {@code name} custom section: the module name (subsection 0), function names (1) and
 * local names (2); other subsections are skipped.
 *
 * <p>Names are debugging information only, and the spec says a malformed name section must not
 * make the module malformed. So any problem discards the whole section rather than failing.
 */
final class NameSectionReader {

    private static final int MODULE_NAME = 0;
    private static final int FUNCTION_NAMES = 1;
    private static final int LOCAL_NAMES = 2;

    private NameSectionReader() {}

    /** The names in {@code bytes[start, end)}, or {@code null} if they do not decode. */
    static NameSection read(byte[] bytes, int start, int end) {
        try {
            return parse(new ByteReader(bytes, start, end));
        } catch (CompileException malformedNames) {
            return null; // ignored on purpose, see the class comment
        }
    }

    private static NameSection parse(ByteReader in) {
        String moduleName = null;
        Map<Integer, String> functions = Map.of();
        Map<Integer, Map<Integer, String>> locals = Map.of();
        while (!in.atLimit()) {
            int id = in.u8();
            int outer = in.enterRegion();
            int start = in.position();
            switch (id) {
                case MODULE_NAME -> moduleName = in.name();
                case FUNCTION_NAMES -> functions = nameMap(in);
                case LOCAL_NAMES -> locals = indirectNameMap(in);
                default -> in.skip(in.remaining());
            }
            in.leaveRegion(start, outer);
        }
        return new NameSection(moduleName, functions, locals);
    }

    /** {@code vec(idx name)}. Indices beyond int range name nothing and are dropped. */
    private static Map<Integer, String> nameMap(ByteReader in) {
        int n = in.length();
        Map<Integer, String> names = new HashMap<>();
        for (int i = 0; i < n; i++) {
            long index = in.u32();
            String name = in.name();
            if (index <= Integer.MAX_VALUE) {
                names.put((int) index, name);
            }
        }
        return Map.copyOf(names);
    }

    /** {@code vec(funcidx namemap)}. */
    private static Map<Integer, Map<Integer, String>> indirectNameMap(ByteReader in) {
        int n = in.length();
        Map<Integer, Map<Integer, String>> names = new HashMap<>();
        for (int i = 0; i < n; i++) {
            long function = in.u32();
            Map<Integer, String> locals = nameMap(in);
            if (function <= Integer.MAX_VALUE) {
                names.put((int) function, locals);
            }
        }
        return names;
    }
}
