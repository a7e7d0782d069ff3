package dev.kiln.internal.compiler.amd64;

/**
 * Widening moves: {@code movzx} (0F B6 from 8 bits, 0F B7 from 16) and {@code movsx} (0F BE, 0F BF,
 * and {@code movsxd} REX.W 63 from 32 bits). A zero-extension from 32 to 64 bits has no instruction
 * of its own: it is {@code mov r32, r/m32}, since writing a 32-bit register zeroes the upper half,
 * and prints as that.
 */
public record Movx(boolean signed, Width dstWidth, Gpr dst, Width srcWidth, Operand src) implements Instruction {

    static void encode(CodeBuffer b, boolean signed, Width dw, Gpr dst, Width sw, Operand src) {
        String mnemonic = signed ? "movsx" : "movzx";
        if (dst == null) {
            throw Encoding.reject(mnemonic, "destination must be a general register");
        }
        Encoding.requireRegOrMem(mnemonic, src, "source");
        if (dw.compareTo(sw) <= 0 || sw == Width.W64) {
            throw Encoding.reject(mnemonic, "cannot extend " + sw + " to " + dw);
        }
        boolean rw = dw == Width.W64;
        int px = Encoding.sizePrefix(dw);
        boolean rex = Encoding.byteRex(sw, src, null);
        switch (sw) {
            case W8 -> Encoding.regRm(b, px, rw, signed ? 0x0fbe : 0x0fb6, dst.code(), src, 0, rex);
            case W16 -> Encoding.regRm(b, px, rw, signed ? 0x0fbf : 0x0fb7, dst.code(), src, 0, false);
            default -> Encoding.regRm(b, 0, signed, signed ? 0x63 : 0x8b, dst.code(), src, 0, false);
        }
    }

    @Override
    public void emitTo(Assembler asm) {
        if (signed) {
            asm.movsx(dstWidth, dst, srcWidth, src);
        } else {
            asm.movzx(dstWidth, dst, srcWidth, src);
        }
    }

    @Override
    public String intel(int next) {
        String s = Intel.rm(src, srcWidth, next);
        if (srcWidth == Width.W32) {
            return signed
                    ? Intel.insn("movsxd", src, next, dst.name(Width.W64), s)
                    : Intel.insn("mov", src, next, dst.name(Width.W32), s);
        }
        return Intel.insn(signed ? "movsx" : "movzx", src, next, dst.name(dstWidth), s);
    }
}
