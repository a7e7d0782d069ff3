package dev.kiln.internal.binary;

import static dev.kiln.internal.binary.ByteReader.malformed;

import dev.kiln.CompileException;
import dev.kiln.FunctionType;
import dev.kiln.internal.concurrent.IndexedWork;
import dev.kiln.internal.wasm.CustomSection;
import dev.kiln.internal.wasm.DataSegment;
import dev.kiln.internal.wasm.ElementSegment;
import dev.kiln.internal.wasm.Export;
import dev.kiln.internal.wasm.ExternalKind;
import dev.kiln.internal.wasm.FunctionBody;
import dev.kiln.internal.wasm.GlobalDefinition;
import dev.kiln.internal.wasm.Import;
import dev.kiln.internal.wasm.MemoryType;
import dev.kiln.internal.wasm.Module;
import dev.kiln.internal.wasm.NameSection;
import dev.kiln.internal.wasm.TableType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * Decodes a WebAssembly 2.0 module binary into a {@link Module}.
 *
 * <p>Decoding checks only the binary format; indices and types are checked later by the
 * validator. Any input either decodes or raises a {@link CompileException}: reason
 * {@code MALFORMED} with the byte offset and what was expected, or {@code LIMIT} when a function
 * declares more locals than this implementation supports.
 */
public final class ModuleDecoder {

    /** {@code \0asm}, read little-endian. */
    static final int MAGIC = 0x6D73_6100;
    /** The only binary format version. */
    static final int VERSION = 1;

    private final byte[] bytes;
    private final ByteReader in;
    private final InstructionReader instructions = new InstructionReader();
    private final SegmentReader segments = new SegmentReader(instructions);
    private final FunctionBodyReader bodies = new FunctionBodyReader();
    /** Whether the instructions of the bodies are checked here or left to their first full read. */
    private final boolean checkInstructions;

    private List<FunctionType> types = List.of();
    private List<Import> imports = List.of();
    private int[] functionTypeIndices = new int[0];
    private List<TableType> tables = List.of();
    private List<MemoryType> memories = List.of();
    private List<GlobalDefinition> globals = List.of();
    private List<Export> exports = List.of();
    private int startFunction = Module.ABSENT;
    private List<ElementSegment> elements = List.of();
    private long dataCount = Module.ABSENT;
    private List<FunctionBody> code = List.of();
    private List<DataSegment> data = List.of();
    private NameSection names;
    private boolean nameSectionSeen;
    private final List<CustomSection> customSections = new ArrayList<>();

    private ModuleDecoder(byte[] bytes, boolean checkInstructions) {
        this.bytes = bytes;
        this.in = new ByteReader(bytes);
        this.checkInstructions = checkInstructions;
    }

    /**
     * Decodes a module binary.
     *
     * @throws CompileException if the bytes are not a well-formed module (reason
     *     {@code MALFORMED}) or exceed an implementation limit (reason {@code LIMIT})
     */
    public static Module decode(byte[] bytes) {
        Objects.requireNonNull(bytes, "bytes");
        return new ModuleDecoder(bytes, true).module();
    }

    /**
     * Decodes a module binary like {@link #decode}, except that the instructions of function
     * bodies are left unchecked: the first read of a body ({@link FunctionBody#forEach}, which
     * the validator does for every body) checks them as it goes, failing as {@code MALFORMED}.
     * That saves a whole pass over the code section, most of a big module's bytes.
     *
     * <p>The outcome stays the one of {@link #decode} followed by validation, provided that the
     * caller reads every body and, if that or validation fails, calls
     * {@link #requireWellFormedBodies} before reporting the failure: a malformed body comes first,
     * whatever validation found. A failure of this decoding itself already accounts for the
     * bodies before it.
     *
     * @throws CompileException as {@link #decode}
     */
    public static Module decodeDeferringBodies(byte[] bytes) {
        Objects.requireNonNull(bytes, "bytes");
        return new ModuleDecoder(bytes, false).module();
    }

    /**
     * Checks the instructions of every function body of {@code module}, in parallel, and throws
     * the failure of the lowest-numbered malformed one, as {@link #decode} would have.
     *
     * @throws CompileException with reason {@code MALFORMED} for the first malformed body
     */
    public static void requireWellFormedBodies(Module module) {
        checkBodies(module.code(), module.code().size());
    }

    private Module module() {
        try {
            header();
            sections();
            checkCounts();
        } catch (CompileException e) {
            if (!checkInstructions) {
                checkBodies(code, code.size()); // bodies read before the failure come first
            }
            throw e;
        }
        return new Module(types, imports, functionTypeIndices, tables, memories, globals, exports,
                startFunction, elements, (int) dataCount, code, data,
                names == null ? NameSection.EMPTY : names, customSections);
    }

    /** Checks the instructions of the first {@code count} bodies; the lowest-numbered failure is thrown. */
    private static void checkBodies(List<FunctionBody> bodies, int count) {
        IndexedWork.forEach(count, from -> {
            InstructionReader reader = new InstructionReader();
            return i -> FunctionBodyReader.check(bodies.get(i), reader);
        });
    }

    private void header() {
        if (in.fixed32() != MAGIC) {
            throw malformed(0, "magic header not detected: \\0asm expected");
        }
        int version = in.fixed32();
        if (version != VERSION) {
            throw malformed(4, "unknown binary version " + Integer.toUnsignedString(version) + ", 1 expected");
        }
    }

    /** Every section, each bounded by its size; custom sections may appear anywhere. */
    private void sections() {
        int lastRank = 0;
        while (!in.atLimit()) {
            int idOffset = in.position();
            int id = in.u8();
            if (id > SectionId.LAST) {
                throw malformed(idOffset, "malformed section id " + id);
            }
            int outer = in.enterRegion();
            int start = in.position();
            if (id == SectionId.CUSTOM) {
                customSection();
            } else {
                int rank = SectionId.rank(id);
                if (rank <= lastRank) {
                    throw malformed(idOffset, "unexpected content after last section: section " + id
                            + " is repeated or out of order");
                }
                lastRank = rank;
                section(id);
            }
            in.leaveRegion(start, outer);
        }
    }

    private void section(int id) {
        switch (id) {
            case SectionId.TYPE -> types = vector(TypeReader::functionType);
            case SectionId.IMPORT -> imports = vector(ModuleDecoder::importEntry);
            case SectionId.FUNCTION -> functionTypeIndices = indices();
            case SectionId.TABLE -> tables = vector(TypeReader::tableType);
            case SectionId.MEMORY -> memories = vector(TypeReader::memoryType);
            case SectionId.GLOBAL -> globals = vector(this::global);
            case SectionId.EXPORT -> exports = vector(ModuleDecoder::export);
            case SectionId.START -> startFunction = in.index();
            case SectionId.ELEMENT -> elements = vector(segments::element);
            case SectionId.DATA_COUNT -> dataCount = in.u32();
            case SectionId.CODE -> codeSection();
            case SectionId.DATA -> dataSection();
            default -> throw new AssertionError(id); // ids were checked by the caller
        }
    }

    /**
     * {@code vec(item)}. The list grows as items are read instead of trusting the count for its
     * capacity; {@link ByteReader#length()} has already bounded the count by the bytes left.
     */
    private <T> List<T> vector(Function<ByteReader, T> item) {
        int n = in.length();
        List<T> items = new ArrayList<>(Math.min(n, 1024));
        for (int i = 0; i < n; i++) {
            items.add(item.apply(in));
        }
        return items;
    }

    private int[] indices() {
        int n = in.length();
        int[] result = new int[n];
        for (int i = 0; i < n; i++) {
            result[i] = in.index();
        }
        return result;
    }

    private static Import importEntry(ByteReader in) {
        String module = in.name();
        String name = in.name();
        int kindOffset = in.position();
        int kind = in.u8();
        return switch (kind) {
            case 0 -> Import.function(module, name, in.index());
            case 1 -> Import.table(module, name, TypeReader.tableType(in));
            case 2 -> Import.memory(module, name, TypeReader.memoryType(in));
            case 3 -> Import.global(module, name, TypeReader.globalType(in));
            default -> throw malformed(kindOffset, "malformed import kind 0x" + Integer.toHexString(kind)
                    + ", 0..3 expected");
        };
    }

    private GlobalDefinition global(ByteReader in) {
        return new GlobalDefinition(TypeReader.globalType(in), instructions.expression(in));
    }

    private static Export export(ByteReader in) {
        String name = in.name();
        int kindOffset = in.position();
        ExternalKind kind = ExternalKind.fromCode(in.u8());
        if (kind == null) {
            throw malformed(kindOffset, "malformed export kind, 0..3 expected");
        }
        return new Export(name, kind, in.index());
    }

    /** The bodies, which must match the function section one for one. */
    private void codeSection() {
        int countOffset = in.position();
        int n = in.length();
        if (n != functionTypeIndices.length) {
            throw malformed(countOffset, "function and code section have inconsistent lengths: "
                    + functionTypeIndices.length + " functions, " + n + " bodies");
        }
        List<FunctionBodyReader.Header> headers = new ArrayList<>(Math.min(n, in.remaining()));
        CompileException headerFailure = null;
        try {
            for (int i = 0; i < n; i++) {
                headers.add(bodies.header(in));
            }
        } catch (CompileException e) {
            headerFailure = e; // reported only if no earlier body's instructions are malformed
        }
        code = encodedBodies(headers);
        if (checkInstructions) {
            checkBodies(code, code.size()); // a header failure is reported only if no earlier body is malformed
        } // else module() checks them if anything fails
        if (headerFailure != null) {
            throw headerFailure;
        }
    }

    /** The bodies, their instructions left encoded in {@link #bytes}. */
    private List<FunctionBody> encodedBodies(List<FunctionBodyReader.Header> headers) {
        boolean dataCountPresent = dataCount != Module.ABSENT;
        FunctionBody[] encoded = new FunctionBody[headers.size()];
        for (int i = 0; i < encoded.length; i++) {
            encoded[i] = FunctionBodyReader.body(bytes, headers.get(i), dataCountPresent);
        }
        return Arrays.asList(encoded);
    }

    private void dataSection() {
        int countOffset = in.position();
        int n = in.length();
        if (dataCount != Module.ABSENT && n != dataCount) {
            throw dataCountMismatch(countOffset, n);
        }
        List<DataSegment> segmentList = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            segmentList.add(segments.data(in));
        }
        data = segmentList;
    }

    /** Counts that absent sections can also get wrong, checked once everything is read. */
    private void checkCounts() {
        if (code.size() != functionTypeIndices.length) {
            throw malformed(bytes.length, "function and code section have inconsistent lengths: "
                    + functionTypeIndices.length + " functions, " + code.size() + " bodies");
        }
        if (dataCount != Module.ABSENT && dataCount != data.size()) {
            throw dataCountMismatch(bytes.length, data.size());
        }
    }

    private CompileException dataCountMismatch(int offset, int segmentCount) {
        return malformed(offset, "data count and data section have inconsistent lengths: data count "
                + dataCount + ", " + segmentCount + " segments");
    }

    /**
     * {@code name bytes}. The first {@code name} section becomes the module's {@link NameSection}
     * (or is dropped if malformed, never failing the module); other custom sections are kept.
     */
    private void customSection() {
        String name = in.name();
        int contents = in.position();
        int size = in.remaining();
        if (name.equals("name")) {
            if (!nameSectionSeen) {
                nameSectionSeen = true;
                names = NameSectionReader.read(bytes, contents, in.limit());
            }
            in.skip(size);
        } else {
            customSections.add(new CustomSection(name, contents, in.bytes(size)));
        }
    }
}
