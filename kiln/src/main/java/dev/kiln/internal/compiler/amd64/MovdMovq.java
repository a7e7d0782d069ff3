package dev.kiln.internal.compiler.amd64;

/**
 * {@code movd} (W32) and {@code movq} (W64): bits between a general register or memory and the low
 * lane of an XMM register (which a load into XMM zero-extends), and for movq also XMM to XMM.
 *
 * <pre>
 *   movd xmm, r/m32     66 0F 6E /r          movd r/m32, xmm     66 0F 7E /r
 *   movq xmm, r64       66 REX.W 0F 6E /r    movq r64, xmm       66 REX.W 0F 7E /r
 *   movq xmm, xmm/m64   F3 0F 7E /r          movq m64, xmm       66 0F D6 /r
 * </pre>
 */
public record MovdMovq(Width width, Operand dst, Operand src) implements Instruction {

    static void encode(CodeBuffer b, Width w, Operand dst, Operand src) {
        boolean q = w == Width.W64;
        String mnemonic = q ? "movq" : "movd";
        Encoding.requireWidth(mnemonic, w, q || w == Width.W32);
        if (dst instanceof Xmm d) {
            if (src instanceof Gpr s) {
                Encoding.regReg(b, 0x66, q, 0x0f6e, d.code(), s.code(), false);
            } else if (!q && src instanceof Mem m) {
                Encoding.regMem(b, 0x66, false, 0x0f6e, d.code(), m, 0, false);
            } else if (q && (src instanceof Mem || src instanceof Xmm)) {
                Encoding.regRm(b, 0xf3, false, 0x0f7e, d.code(), src, 0, false);
            } else {
                throw reject(mnemonic, dst, src);
            }
        } else if (src instanceof Xmm s) {
            if (dst instanceof Gpr d) {
                Encoding.regReg(b, 0x66, q, 0x0f7e, s.code(), d.code(), false);
            } else if (dst instanceof Mem m) {
                Encoding.regMem(b, 0x66, false, q ? 0x0fd6 : 0x0f7e, s.code(), m, 0, false);
            } else {
                throw reject(mnemonic, dst, src);
            }
        } else {
            throw reject(mnemonic, dst, src);
        }
    }

    private static IllegalArgumentException reject(String mnemonic, Operand dst, Operand src) {
        return Encoding.reject(mnemonic, "cannot move " + Encoding.describe(src) + " to " + Encoding.describe(dst));
    }

    @Override
    public void emitTo(Assembler asm) {
        if (width == Width.W64) {
            asm.movq(dst, src);
        } else {
            asm.movd(dst, src);
        }
    }

    @Override
    public String intel(int next) {
        return Intel.insn(width == Width.W64 ? "movq" : "movd", dst instanceof Mem ? dst : src, next,
                text(dst, next), text(src, next));
    }

    private String text(Operand o, int next) {
        return o instanceof Xmm x ? x.intelName() : Intel.rm(o, width, next);
    }
}
