package dev.kiln.internal.compiler.amd64;

import java.util.Locale;

/** Instructions without operands: fixed bytes, nothing to choose. */
public enum Nullary implements Instruction {
    /** Near return (C3). */
    RET(0xc3),
    /** Guaranteed invalid opcode (0F 0B): raises SIGILL, for "cannot happen". */
    UD2(0x0f0b),
    /** Breakpoint (CC). */
    INT3(0xcc),
    /** Processor identification (0F A2): eax/ecx in, eax/ebx/ecx/edx out. */
    CPUID(0x0fa2),
    /** Reads extended control register ecx into edx:eax (0F 01 D0); XCR0 says which register state the OS saves. */
    XGETBV(0x0f01d0),
    /** Sign-extends eax into edx:eax (99), before a 32-bit idiv. */
    CDQ(0x99),
    /** Sign-extends rax into rdx:rax (REX.W 99), before a 64-bit idiv. */
    CQO(0x4899);

    private final int bytes;
    private final String mnemonic = name().toLowerCase(Locale.ROOT);

    Nullary(int bytes) {
        this.bytes = bytes;
    }

    void encode(CodeBuffer b) {
        if (bytes > 0xffff) {
            b.emit8(bytes >>> 16);
        }
        if (bytes > 0xff) {
            b.emit8(bytes >>> 8);
        }
        b.emit8(bytes);
    }

    @Override
    public void emitTo(Assembler asm) {
        asm.nullary(this);
    }

    @Override
    public String intel(int next) {
        return mnemonic;
    }
}
