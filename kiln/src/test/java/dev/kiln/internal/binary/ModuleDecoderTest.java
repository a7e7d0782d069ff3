package dev.kiln.internal.binary;

import static dev.kiln.internal.binary.WasmBytes.body;
import static dev.kiln.internal.binary.WasmBytes.concat;
import static dev.kiln.internal.binary.WasmBytes.hex;
import static dev.kiln.internal.binary.WasmBytes.module;
import static dev.kiln.internal.binary.WasmBytes.section;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.CompileException;
import dev.kiln.CompileException.Reason;
import dev.kiln.FunctionType;
import dev.kiln.ValueType;
import dev.kiln.internal.wasm.BlockType;
import dev.kiln.internal.wasm.ElementSegment;
import dev.kiln.internal.wasm.Export;
import dev.kiln.internal.wasm.ExternalKind;
import dev.kiln.internal.wasm.FunctionBody;
import dev.kiln.internal.wasm.Import;
import dev.kiln.internal.wasm.Instruction;
import dev.kiln.internal.wasm.Limits;
import dev.kiln.internal.wasm.Module;
import dev.kiln.internal.wasm.Op;
import dev.kiln.internal.wasm.SegmentMode;
import dev.kiln.testing.TestModule;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Hand-built modules: what the decoder makes of them, and which it rejects and why. */
class ModuleDecoderTest {

    private static final byte[] ONE_EMPTY_TYPE = section(1, "01 60 00 00");
    private static final byte[] ONE_FUNCTION = section(3, "01 00");

    /** A module with one {@code [] -> []} function whose body (locals and code) is given. */
    private static byte[] oneFunction(String bodyHex) {
        return module(ONE_EMPTY_TYPE, ONE_FUNCTION, section(10, "01" + body(bodyHex)));
    }

    private static CompileException malformed(byte[] bytes, String message) {
        CompileException e = assertThrows(CompileException.class, () -> ModuleDecoder.decode(bytes));
        assertEquals(Reason.MALFORMED, e.reason(), e.getMessage());
        assertTrue(e.getMessage().startsWith(message), "expected '" + message + "', got: " + e.getMessage());
        return e;
    }

    private static List<Op> ops(Instruction[] code) {
        return Arrays.stream(code).map(Instruction::op).toList();
    }

    @Test
    void decodesAnAddFunction() {
        byte[] bytes = module(
                section(1, "01 60 02 7f 7f 01 7f"),
                ONE_FUNCTION,
                section(7, "01 03 61 64 64 00 00"),
                section(10, "01" + body("00 20 00 20 01 6a 0b")));
        Module m = ModuleDecoder.decode(bytes);

        assertEquals(List.of(FunctionType.of(List.of(ValueType.I32, ValueType.I32), List.of(ValueType.I32))), m.types());
        assertArrayEquals(new int[] {0}, m.functionTypeIndices());
        assertEquals(List.of(new Export("add", ExternalKind.FUNCTION, 0)), m.exports());
        assertEquals(Module.ABSENT, m.startFunction());
        assertEquals(Module.ABSENT, m.dataCount());
        FunctionBody add = m.code().get(0);
        assertEquals(33, add.offset(), "offset of the body's size field");
        assertEquals(0, add.locals().length);
        assertEquals(List.of(Op.LOCAL_GET, Op.LOCAL_GET, Op.I32_ADD, Op.END), ops(add.code()));
        assertEquals(new Instruction(Op.LOCAL_GET, 35, 0, 0, 0, null), add.code()[0]);
        assertEquals(new Instruction(Op.LOCAL_GET, 37, 1, 0, 0, null), add.code()[1]);
        assertEquals(Instruction.of(Op.I32_ADD, 39), add.code()[2]);
        assertEquals(Instruction.of(Op.END, 40), add.code()[3]);
    }

    @Test
    void decodesImportsTablesMemoriesGlobalsStartAndData() {
        byte[] bytes = module(
                ONE_EMPTY_TYPE,
                section(2, "04"
                        + "01 6d 01 66 00 00" // m.f: function of type 0
                        + "01 6d 01 74 01 70 01 01 0a" // m.t: table funcref 1..10
                        + "01 6d 01 6d 02 00 02" // m.m: memory 2..
                        + "01 6d 01 67 03 7e 01"), // m.g: global (mut i64)
                ONE_FUNCTION,
                section(4, "01 6f 00 05"),
                section(5, "01 01 01 ff ff 03"),
                section(6, "01 7d 00 43 00 00 80 3f 0b"),
                section(8, "01"),
                section(12, "01"),
                section(10, "01" + body("01 03 7c 0b")),
                section(11, "01 00 41 08 0b 02 aa bb"));
        Module m = ModuleDecoder.decode(bytes);

        assertEquals(List.of(
                Import.function("m", "f", 0),
                Import.table("m", "t", new dev.kiln.internal.wasm.TableType(ValueType.FUNCREF, new Limits(1, 10))),
                Import.memory("m", "m", new dev.kiln.internal.wasm.MemoryType(new Limits(2, Limits.NO_MAX))),
                Import.global("m", "g", new dev.kiln.internal.wasm.GlobalType(ValueType.I64, true))), m.imports());
        assertEquals(ValueType.EXTERNREF, m.tables().get(0).elementType());
        assertEquals(new Limits(5, Limits.NO_MAX), m.tables().get(0).limits());
        assertEquals(new Limits(1, 65535), m.memories().get(0).limits());
        assertEquals(ValueType.F32, m.globals().get(0).type().type());
        assertEquals(0x3f800000L, m.globals().get(0).init()[0].c());
        assertEquals(1, m.startFunction());
        assertEquals(1, m.dataCount());
        assertArrayEquals(new ValueType[] {ValueType.F64, ValueType.F64, ValueType.F64}, m.code().get(0).locals());
        assertEquals(SegmentMode.ACTIVE, m.data().get(0).mode());
        assertEquals(8, m.data().get(0).offset()[0].c());
        assertArrayEquals(hex("aa bb"), m.data().get(0).bytes());
        assertEquals(2, m.functionCount());
        assertEquals(1, m.importedGlobalCount());
    }

    @Test
    void normalizesAllEightElementEncodings() {
        byte[] bytes = module(section(9, "08"
                + "00 41 00 0b 02 00 01" // active table 0, function indices
                + "01 00 01 02" // passive, elemkind, function indices
                + "02 01 41 03 0b 00 01 00" // active table 1, elemkind, function indices
                + "03 00 01 00" // declarative, elemkind, function indices
                + "04 41 00 0b 01 d2 00 0b" // active table 0, expressions
                + "05 70 02 d0 70 0b d2 00 0b" // passive, reftype, expressions
                + "06 02 41 00 0b 6f 01 d0 6f 0b" // active table 2, reftype, expressions
                + "07 70 01 d2 05 0b")); // declarative, reftype, expressions
        List<ElementSegment> e = ModuleDecoder.decode(bytes).elements();

        assertEquals(List.of(SegmentMode.ACTIVE, SegmentMode.PASSIVE, SegmentMode.ACTIVE, SegmentMode.DECLARATIVE,
                SegmentMode.ACTIVE, SegmentMode.PASSIVE, SegmentMode.ACTIVE, SegmentMode.DECLARATIVE),
                e.stream().map(ElementSegment::mode).toList());
        assertEquals(List.of(0, 0, 1, 0, 0, 0, 2, 0), e.stream().map(ElementSegment::tableIndex).toList());
        assertEquals(ValueType.EXTERNREF, e.get(6).type());
        assertEquals(ValueType.FUNCREF, e.get(0).type());
        Instruction[] first = e.get(0).items()[1];
        assertEquals(List.of(Op.REF_FUNC, Op.END), ops(first));
        assertEquals(1, first[0].a());
        assertEquals(3, e.get(2).offset()[0].c());
        assertNull(e.get(1).offset());
        assertEquals(List.of(Op.REF_NULL, Op.END), ops(e.get(5).items()[0]));
        assertEquals(ValueType.FUNCREF, e.get(5).items()[0][0].data());
        assertEquals(5, e.get(7).items()[0][0].a());

        malformed(module(section(9, "01 08 00")), "malformed elements segment kind");
        malformed(module(section(9, "01 01 01 00")), "malformed element kind");
        malformed(module(section(9, "01 05 7f 00")), "malformed reference type");
        malformed(module(section(11, "01 03 00")), "malformed data segment kind");
    }

    @Test
    void decodesTheNameSectionAndKeepsOtherCustomSections() {
        byte[] names = concat(hex("04 6e 61 6d 65"), // "name"
                hex("00 04 03 6d 6f 64"), // module name "mod"
                hex("01 07 02 00 01 66 01 01 67"), // functions 0 "f", 1 "g"
                hex("02 09 01 00 02 00 01 61 01 01 62"), // locals of 0: 0 "a", 1 "b"
                hex("07 02 00 00")); // global names: skipped
        byte[] bytes = module(section(0, hex("03 61 62 63 01 02")), section(0, names));
        Module m = ModuleDecoder.decode(bytes);

        assertEquals("mod", m.names().moduleName());
        assertEquals(Map.of(0, "f", 1, "g"), m.names().functionNames());
        assertEquals(Map.of(0, Map.of(0, "a", 1, "b")), m.names().localNames());
        assertEquals(1, m.customSections().size());
        assertEquals("abc", m.customSections().get(0).name());
        assertEquals(14, m.customSections().get(0).offset());
        assertArrayEquals(hex("01 02"), m.customSections().get(0).contents());
    }

    @Test
    void ignoresAMalformedNameSection() {
        String[] brokenContents = {
            "00 05 03 6d 6f", // subsection longer than the section
            "01 03 01 00 02", // name longer than its subsection
            "00 03 02 c0 80", // overlong UTF-8
            "01 02 01 00", // truncated map entry
            "00 02 01 61 00", // a byte left over in the subsection
        };
        for (String contents : brokenContents) {
            byte[] bytes = module(section(0, concat(hex("04 6e 61 6d 65"), hex(contents))), ONE_EMPTY_TYPE);
            Module m = ModuleDecoder.decode(bytes);
            assertNull(m.names().moduleName(), contents);
            assertTrue(m.names().functionNames().isEmpty(), contents);
            assertEquals(1, m.types().size());
        }
        malformed(module(section(0, "02 c0 80")), "malformed UTF-8 encoding"); // the section name itself
    }

    @Test
    void decodesImmediatesOfEveryShape() {
        Module m = ModuleDecoder.decode(oneFunction("00"
                + "02 40 03 7f 04 01 05 0b 0b 0b" // block [] loop [i32] if (type 1) else end end end
                + "0e 02 00 01 02" // br_table 0 1 default 2
                + "11 03 02" // call_indirect type 3 table 2
                + "1c 01 7e" // select (result i64)
                + "28 02 10" // i32.load align=2 offset=16
                + "42 80 7f" // i64.const -128
                + "44 00 00 00 00 00 00 f0 3f" // f64.const 1.0
                + "fd 0c 00 01 02 03 04 05 06 07 08 09 0a 0b 0c 0d 0e 0f" // v128.const
                + "fd 15 07" // i8x16.extract_lane_s 7
                + "fd 54 00 04 0f" // v128.load8_lane align=0 offset=4 lane 15
                + "fc 80 00" // i32.trunc_sat_f32_s, sub-opcode in a padded LEB128
                + "fc 0a 00 00" // memory.copy
                + "fc 0c 04 01" // table.init elem 4 table 1
                + "fc 0e 01 02" // table.copy 1 2
                + "d0 6f d2 09 3f 00 40 00" // ref.null extern, ref.func 9, memory.size, memory.grow
                + "0b"));
        Instruction[] code = m.code().get(0).code();
        assertEquals(BlockType.EMPTY, code[0].blockType());
        assertEquals(BlockType.of(ValueType.I32), code[1].blockType());
        assertEquals(BlockType.ofIndex(1), code[2].blockType());
        assertArrayEquals(new int[] {0, 1, 2}, code[7].branchTable());
        assertEquals(new Instruction(Op.CALL_INDIRECT, code[8].offset(), 3, 2, 0, null), code[8]);
        assertArrayEquals(new ValueType[] {ValueType.I64}, (ValueType[]) code[9].data());
        assertEquals(2, code[10].a());
        assertEquals(16, code[10].c());
        assertEquals(-128, code[11].c());
        assertEquals(Double.doubleToRawLongBits(1.0), code[12].c());
        assertArrayEquals(hex("000102030405060708090a0b0c0d0e0f"), code[13].bytes());
        assertEquals(7, code[14].a());
        assertEquals(List.of(0, 15, 4L), List.of(code[15].a(), code[15].b(), code[15].c()));
        assertEquals(Op.I32_TRUNC_SAT_F32_S, code[16].op());
        assertEquals(Op.MEMORY_COPY, code[17].op());
        assertEquals(List.of(4, 1), List.of(code[18].a(), code[18].b()));
        assertEquals(List.of(1, 2), List.of(code[19].a(), code[19].b()));
        assertEquals(ValueType.EXTERNREF, code[20].data());
        assertEquals(9, code[21].a());
        assertEquals(List.of(Op.MEMORY_SIZE, Op.MEMORY_GROW, Op.END), ops(Arrays.copyOfRange(code, 22, 25)));
    }

    @Test
    void rejectsMalformedInstructions() {
        malformed(oneFunction("00 06 0b"), "illegal opcode");
        malformed(oneFunction("00 fc 12 0b"), "illegal opcode");
        malformed(oneFunction("00 fd 9a 01 0b"), "illegal opcode");
        malformed(oneFunction("00 3f 01 0b"), "zero byte expected");
        malformed(oneFunction("00 40 80 00 0b"), "zero byte expected");
        malformed(oneFunction("00 fc 0b 01 0b"), "zero byte expected");
        malformed(oneFunction("00 d0 7f 0b"), "malformed reference type");
        malformed(oneFunction("00 02 7a 0b 0b"), "malformed value type");
        malformed(oneFunction("00 02 ff 7f 0b 0b"), "malformed block type");
        malformed(oneFunction("00 05 0b"), "END opcode expected");
        malformed(oneFunction("00 02 40 05 0b 0b"), "END opcode expected");
        malformed(oneFunction("00 04 40 05 05 0b 0b"), "END opcode expected");
        malformed(oneFunction("00 02 40 0b"), "unexpected end of section or function");
        malformed(oneFunction("00 0b 01"), "section size mismatch");
        malformed(oneFunction("00 41 80 80 80 80 80 00 0b"), "integer representation too long");
    }

    @Test
    void requiresADataCountSectionForMemoryInitAndDataDrop() {
        malformed(oneFunction("00 fc 09 00 0b"), "data count section required");
        malformed(oneFunction("00 fc 08 00 00 0b"), "data count section required");
        byte[] withCount = module(ONE_EMPTY_TYPE, ONE_FUNCTION, section(12, "01"),
                section(10, "01" + body("00 fc 08 00 00 fc 09 00 0b")), section(11, "01 01 00"));
        Instruction[] code = ModuleDecoder.decode(withCount).code().get(0).code();
        assertEquals(Op.MEMORY_INIT, code[0].op());
        assertEquals(Op.DATA_DROP, code[1].op());
        malformed(module(section(12, "02"), section(11, "01 01 00")), "data count and data section have inconsistent lengths");
        malformed(module(section(12, "01")), "data count and data section have inconsistent lengths");
    }

    @Test
    void countsLocalsBeforeAllocatingThem() {
        assertEquals(50_000, ModuleDecoder.decode(oneFunction("02 d0 86 03 7f 00 7e 0b")).code().get(0).locals().length);
        CompileException limit = assertThrows(CompileException.class,
                () -> ModuleDecoder.decode(oneFunction("02 d0 86 03 7f 01 7e 0b")));
        assertEquals(Reason.LIMIT, limit.reason());
        malformed(oneFunction("02 ff ff ff ff 0f 7f 01 7e 0b"), "too many locals");
        CompileException most = assertThrows(CompileException.class,
                () -> ModuleDecoder.decode(oneFunction("01 ff ff ff ff 0f 7b 0b")));
        assertEquals(Reason.LIMIT, most.reason(), "2^32-1 locals are well-formed, just too many for Kiln");
    }

    @Test
    void nestingDepthIsNotLimitedByTheJavaStack() {
        int depth = 1_000_000;
        StringBuilder hexBody = new StringBuilder("00");
        hexBody.append("02 40".repeat(depth)).append("0b".repeat(depth)).append("0b");
        Instruction[] code = ModuleDecoder.decode(oneFunction(hexBody.toString())).code().get(0).code();
        assertEquals(2 * depth + 1, code.length);
    }

    @Test
    void checksHeaderAndSections() {
        malformed(new byte[0], "unexpected end");
        malformed(hex("00 61 73"), "unexpected end");
        malformed(hex("00 61 73 6e 01 00 00 00"), "magic header not detected");
        malformed(hex("00 61 73 6d 02 00 00 00"), "unknown binary version");
        malformed(module(hex("0d 00")), "malformed section id");
        malformed(module(ONE_EMPTY_TYPE, ONE_EMPTY_TYPE), "unexpected content after last section");
        malformed(module(section(10, "00"), section(12, "00")), "unexpected content after last section");
        malformed(module(hex("01 05 01 60 00 00")), "length out of bounds");
        malformed(module(hex("01 03 01 60 00")), "unexpected end of section or function");
        malformed(module(hex("01 05 01 60 00 00 00")), "section size mismatch");
        malformed(module(hex("01 06 ff ff ff ff 0f 00")), "length out of bounds");
        malformed(module(ONE_EMPTY_TYPE, ONE_FUNCTION), "function and code section have inconsistent lengths");
        malformed(module(ONE_EMPTY_TYPE, section(10, "01 02 00 0b")), "function and code section have inconsistent lengths");
        malformed(module(section(1, "01 61 00 00")), "malformed function type");
        malformed(module(section(2, "01 00 00 04 00")), "malformed import kind");
        malformed(module(section(5, "01 02 00")), "integer too large");
        malformed(module(section(5, "01 81 00")), "integer representation too long");
        malformed(module(section(6, "01 7f 02 41 00 0b")), "malformed mutability");
        malformed(module(section(7, "01 00 04 00")), "malformed export kind");
        // Custom sections may come anywhere, even between sections that must be ordered.
        ModuleDecoder.decode(module(section(0, "01 61"), ONE_EMPTY_TYPE, section(0, "01 62"), ONE_FUNCTION,
                section(0, "01 63"), section(10, "01" + body("00 0b")), section(0, "01 64")));
    }

    @Test
    void encoderRoundTripsHandBuiltModules() {
        byte[][] modules = {
            oneFunction("01 03 7c 02 40 0b 0b"),
            module(section(9, "04 00 41 00 0b 02 00 01 01 00 01 02 02 01 41 00 0b 00 01 00 06 00 41 00 0b 6f 01 d0 6f 0b")),
            module(section(0, concat(hex("04 6e 61 6d 65"), hex("00 04 03 6d 6f 64")))),
        };
        for (byte[] bytes : modules) {
            Module first = ModuleDecoder.decode(bytes);
            Module second = ModuleDecoder.decode(ModuleEncoder.encode(first));
            assertEquals(TestModule.contents(first), TestModule.contents(second));
        }
        assertArrayEquals(modules[0], ModuleEncoder.encode(ModuleDecoder.decode(modules[0])));
    }

    /**
     * {@link dev.kiln.Runtime#compile} checks bodies as it validates them, yet a malformed body is
     * reported before any validation failure, wherever it is, as decoding first and validating
     * then would.
     */
    @Test
    void compileReportsAMalformedBodyBeforeAnInvalidOne() {
        byte[] twoFunctions = section(3, "02 00 00");
        String invalidBody = body("00 6a 0b"); // i32.add on an empty stack: type mismatch
        String malformedBody = body("00 06 0b"); // 0x06: an illegal opcode
        byte[][] cases = {
            module(ONE_EMPTY_TYPE, twoFunctions, section(10, "02" + invalidBody + malformedBody)),
            module(ONE_EMPTY_TYPE, twoFunctions, section(10, "02" + malformedBody + invalidBody)),
            // an invalid import (type 5 does not exist) is found before any body is read
            module(ONE_EMPTY_TYPE, section(2, "01 01 6d 01 66 00 05"), ONE_FUNCTION, section(10, "01" + malformedBody)),
            // a malformed data section after the code: the body comes first
            module(ONE_EMPTY_TYPE, ONE_FUNCTION, section(10, "01" + malformedBody), section(11, "01 03 00")),
        };
        try (dev.kiln.Runtime runtime = dev.kiln.Runtime.create()) {
            for (byte[] bytes : cases) {
                CompileException e = assertThrows(CompileException.class, () -> runtime.compile(bytes));
                assertEquals(Reason.MALFORMED, e.reason(), e.getMessage());
                assertTrue(e.getMessage().startsWith("illegal opcode"), e.getMessage());
                assertEquals(BadInputTest.outcome(bytes, false), BadInputTest.outcome(bytes, true));
            }
            byte[] invalidOnly = module(ONE_EMPTY_TYPE, twoFunctions, section(10, "02" + body("00 0b") + invalidBody));
            CompileException e = assertThrows(CompileException.class, () -> runtime.compile(invalidOnly));
            assertEquals(Reason.INVALID, e.reason(), e.getMessage());
            assertTrue(e.getMessage().startsWith("function 1: type mismatch"), e.getMessage());
        }
    }
}
