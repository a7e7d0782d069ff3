package dev.kiln.internal.wasm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

class OpTest {

    @Test
    void looksUpEveryOpcodeGroup() {
        assertSame(Op.I32_ADD, Op.single(0x6A));
        assertSame(Op.MEMORY_FILL, Op.misc(11));
        assertSame(Op.F64X2_CONVERT_LOW_I32X4_U, Op.simd(0xFF));
        assertNull(Op.single(0x06));
        assertNull(Op.simd(0x9A));
        assertNull(Op.misc(18));
    }

    @Test
    void countsTheWholeInstructionSet() {
        long simd = java.util.Arrays.stream(Op.values()).filter(Op::isSimd).count();
        assertEquals(236, simd);
        assertEquals(437, Op.values().length);
    }

    @Test
    void lanesComeFromTheShape() {
        assertEquals(16, Op.I8X16_EXTRACT_LANE_S.laneCount());
        assertEquals(2, Op.F64X2_REPLACE_LANE.laneCount());
        assertEquals(0, Op.I32_ADD.laneCount());
    }
}
