package dev.kiln.internal.binary;

import static dev.kiln.internal.binary.WasmBytes.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.CompileException;
import java.nio.charset.StandardCharsets;
import java.util.function.ToLongFunction;
import org.junit.jupiter.api.Test;

/** LEB128, fixed-width and UTF-8 decoding, with the spec's rules for every edge. */
class ByteReaderTest {

    private static long read(String hexBytes, ToLongFunction<ByteReader> what) {
        ByteReader in = new ByteReader(hex(hexBytes));
        long v = what.applyAsLong(in);
        assertTrue(in.atLimit(), "all bytes consumed");
        return v;
    }

    private static void rejects(String hexBytes, ToLongFunction<ByteReader> what, String message) {
        CompileException e = assertThrows(CompileException.class, () -> read(hexBytes, what));
        assertEquals(CompileException.Reason.MALFORMED, e.reason());
        assertTrue(e.getMessage().startsWith(message), e.getMessage());
    }

    @Test
    void unsigned32() {
        assertEquals(0, read("00", ByteReader::u32));
        assertEquals(127, read("7f", ByteReader::u32));
        assertEquals(128, read("80 01", ByteReader::u32));
        assertEquals(624485, read("e5 8e 26", ByteReader::u32));
        assertEquals(0, read("80 80 80 80 00", ByteReader::u32), "padded zero in 5 bytes is fine");
        assertEquals(0xFFFF_FFFFL, read("ff ff ff ff 0f", ByteReader::u32));
    }

    @Test
    void unsigned32Limits() {
        rejects("ff ff ff ff 1f", ByteReader::u32, "integer too large");
        rejects("80 80 80 80 10", ByteReader::u32, "integer too large");
        rejects("80 80 80 80 90 00", ByteReader::u32, "integer too large");
        rejects("80 80 80 80 80 00", ByteReader::u32, "integer representation too long");
        rejects("83 80 80 80 80 00", ByteReader::u32, "integer representation too long");
        rejects("80 80", ByteReader::u32, "unexpected end");
        rejects("", ByteReader::u32, "unexpected end");
    }

    @Test
    void signed32() {
        assertEquals(0, read("00", in -> in.s32()));
        assertEquals(-1, read("7f", in -> in.s32()));
        assertEquals(63, read("3f", in -> in.s32()));
        assertEquals(-64, read("40", in -> in.s32()));
        assertEquals(64, read("c0 00", in -> in.s32()));
        assertEquals(-128, read("80 7f", in -> in.s32()));
        assertEquals(Integer.MAX_VALUE, read("ff ff ff ff 07", in -> in.s32()));
        assertEquals(Integer.MIN_VALUE, read("80 80 80 80 78", in -> in.s32()));
        assertEquals(-1, read("ff ff ff ff 7f", in -> in.s32()), "padded -1");
    }

    @Test
    void signed32Limits() {
        rejects("ff ff ff ff 0f", in -> in.s32(), "integer too large");
        rejects("80 80 80 80 70", in -> in.s32(), "integer too large");
        rejects("80 80 80 80 08", in -> in.s32(), "integer too large");
        rejects("ff ff ff ff ff 7f", in -> in.s32(), "integer representation too long");
        rejects("80 80 80 80 80 00", in -> in.s32(), "integer representation too long");
    }

    @Test
    void signed33ForBlockTypes() {
        assertEquals(0xFFFF_FFFFL, read("ff ff ff ff 0f", ByteReader::s33));
        assertEquals(-(1L << 32), read("80 80 80 80 70", ByteReader::s33));
        rejects("80 80 80 80 40", ByteReader::s33, "integer too large");
        rejects("80 80 80 80 20", ByteReader::s33, "integer too large");
    }

    @Test
    void signed64() {
        assertEquals(Long.MAX_VALUE, read("ff ff ff ff ff ff ff ff ff 00", ByteReader::s64));
        assertEquals(Long.MIN_VALUE, read("80 80 80 80 80 80 80 80 80 7f", ByteReader::s64));
        assertEquals(-1, read("7f", ByteReader::s64));
        rejects("ff ff ff ff ff ff ff ff ff 01", ByteReader::s64, "integer too large");
        rejects("80 80 80 80 80 80 80 80 80 7e", ByteReader::s64, "integer too large");
        rejects("80 80 80 80 80 80 80 80 80 80 00", ByteReader::s64, "integer representation too long");
    }

    @Test
    void unsigned64() {
        assertEquals(-1L, read("ff ff ff ff ff ff ff ff ff 01", ByteReader::u64));
        rejects("ff ff ff ff ff ff ff ff ff 02", ByteReader::u64, "integer too large");
        rejects("80 80 80 80 80 80 80 80 80 80 00", ByteReader::u64, "integer representation too long");
    }

    @Test
    void indicesAboveIntRangeAreClamped() {
        assertEquals(Integer.MAX_VALUE, read("ff ff ff ff 0f", ByteReader::index));
        assertEquals(Integer.MAX_VALUE, read("80 80 80 80 08", ByteReader::index));
        assertEquals(5, read("85 00", ByteReader::index));
    }

    @Test
    void lengthsMustFitInWhatIsLeft() {
        rejects("ff ff ff ff 0f", ByteReader::length, "length out of bounds");
        rejects("02 00", ByteReader::length, "length out of bounds");
        assertEquals(1, new ByteReader(hex("01 00")).length());
    }

    @Test
    void fixedWidthIsLittleEndian() {
        assertEquals(0x04030201, read("01 02 03 04", ByteReader::fixed32));
        assertEquals(0x0807060504030201L, read("01 02 03 04 05 06 07 08", ByteReader::fixed64));
        rejects("01 02 03", ByteReader::fixed32, "unexpected end");
    }

    @Test
    void regionsBoundReadsAndMustBeUsedUp() {
        ByteReader in = new ByteReader(hex("02 aa bb cc"));
        int outer = in.enterRegion();
        in.u8();
        CompileException mismatch = assertThrows(CompileException.class, () -> in.leaveRegion(1, outer));
        assertTrue(mismatch.getMessage().startsWith("section size mismatch"));
        in.u8();
        CompileException end = assertThrows(CompileException.class, in::u8);
        assertTrue(end.getMessage().startsWith("unexpected end of section or function"), end.getMessage());
        in.leaveRegion(1, outer);
        assertEquals(0xCC, in.u8());

        rejects("05 00", in2 -> in2.enterRegion(), "length out of bounds");
    }

    @Test
    void namesAreStrictUtf8() {
        assertEquals("add", new ByteReader(hex("03 61 64 64")).name());
        byte[] mixed = "hé€😀".getBytes(StandardCharsets.UTF_8);
        assertEquals("hé€😀", Utf8.decode(mixed, 0, mixed.length));
        String[] bad = {
            "80", "bf", "c0 80", "c1 bf", "c2", "e0 80 80", "e0 9f bf", "ed a0 80", "ed bf bf",
            "f0 80 80 80", "f0 8f bf bf", "f4 90 80 80", "f5 80 80 80", "ff", "e2 82", "e2 28 a1", "f0 9f 98"
        };
        for (String b : bad) {
            byte[] bytes = hex(b);
            assertNull(Utf8.decode(bytes, 0, bytes.length), b);
        }
        String[] good = {"c2 80", "df bf", "e0 a0 80", "ed 9f bf", "ee 80 80", "f0 90 80 80", "f4 8f bf bf"};
        for (String g : good) {
            byte[] bytes = hex(g);
            assertEquals(new String(bytes, StandardCharsets.UTF_8), Utf8.decode(bytes, 0, bytes.length), g);
        }
        CompileException e = assertThrows(CompileException.class, () -> new ByteReader(hex("02 c0 80")).name());
        assertTrue(e.getMessage().startsWith("malformed UTF-8 encoding"));
    }

    @Test
    void writerRoundTripsEveryEncoding() {
        long[] values = {0, 1, -1, 63, 64, -64, -65, 127, 128, Integer.MAX_VALUE, Integer.MIN_VALUE,
            0xFFFF_FFFFL, Long.MAX_VALUE, Long.MIN_VALUE, 1L << 32, -(1L << 32)};
        for (long v : values) {
            ByteWriter w = new ByteWriter();
            w.signed(v);
            w.u64(v);
            w.u32(v);
            w.signed((int) v);
            ByteReader in = new ByteReader(w.toByteArray());
            assertEquals(v, in.s64());
            assertEquals(v, in.u64());
            assertEquals(v & 0xFFFF_FFFFL, in.u32());
            assertEquals((int) v, in.s32());
            assertTrue(in.atLimit());
        }
    }
}
