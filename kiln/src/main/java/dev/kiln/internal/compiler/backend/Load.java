package dev.kiln.internal.compiler.backend;

import dev.kiln.internal.compiler.amd64.Assembler;
import dev.kiln.internal.compiler.amd64.Mem;
import dev.kiln.internal.compiler.amd64.Width;
import java.util.Locale;

/** {@code dst = load [base + index + displacement]}, of one {@link Kind}. */
public final class Load extends MachineInstruction {

    /** What is read and how it fills the destination register. */
    public enum Kind {
        U8_32, S8_32, S8_64, U16_32, S16_32, S16_64, U32, S32_64, I64, F32, F64;

        void emit(Assembler a, int dst, Mem src) {
            switch (this) {
                case U8_32 -> a.movzx(Width.W32, Reg.gpr(dst), Width.W8, src);
                case S8_32 -> a.movsx(Width.W32, Reg.gpr(dst), Width.W8, src);
                case S8_64 -> a.movsx(Width.W64, Reg.gpr(dst), Width.W8, src);
                case U16_32 -> a.movzx(Width.W32, Reg.gpr(dst), Width.W16, src);
                case S16_32 -> a.movsx(Width.W32, Reg.gpr(dst), Width.W16, src);
                case S16_64 -> a.movsx(Width.W64, Reg.gpr(dst), Width.W16, src);
                case U32 -> a.mov(Width.W32, Reg.gpr(dst), src);
                case S32_64 -> a.movsx(Width.W64, Reg.gpr(dst), Width.W32, src);
                case I64 -> a.mov(Width.W64, Reg.gpr(dst), src);
                case F32 -> a.movss(Reg.xmm(dst), src);
                case F64 -> a.movsd(Reg.xmm(dst), src);
            }
        }
    }

    private final Kind kind;
    private final Address address;

    Load(Kind kind, int dst, Address address, int[] addressRegs) {
        super(addressRegs, new int[] {dst});
        this.kind = kind;
        this.address = address;
    }

    @Override
    public void emit(Emission e) {
        kind.emit(e.assembler(), def(0), address.operand(this, 0));
    }

    @Override
    protected String mnemonic() {
        return "load." + kind.name().toLowerCase(Locale.ROOT);
    }

    @Override
    protected String details() {
        return address.text();
    }
}
