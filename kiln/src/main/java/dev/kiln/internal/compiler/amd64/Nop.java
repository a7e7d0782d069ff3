package dev.kiln.internal.compiler.amd64;

/**
 * A no-op of 1 to 9 bytes: the multi-byte forms Intel recommends (0F 1F /0 with a dummy memory
 * operand), so padding decodes as few instructions. Alignment pads with these.
 */
public record Nop(int length) implements Instruction {

    static final int MAX_LENGTH = 9;

    private static final byte[][] PATTERNS = {
        {},
        {(byte) 0x90},
        {0x66, (byte) 0x90},
        {0x0f, 0x1f, 0x00},
        {0x0f, 0x1f, 0x40, 0x00},
        {0x0f, 0x1f, 0x44, 0x00, 0x00},
        {0x66, 0x0f, 0x1f, 0x44, 0x00, 0x00},
        {0x0f, 0x1f, (byte) 0x80, 0x00, 0x00, 0x00, 0x00},
        {0x0f, 0x1f, (byte) 0x84, 0x00, 0x00, 0x00, 0x00, 0x00},
        {0x66, 0x0f, 0x1f, (byte) 0x84, 0x00, 0x00, 0x00, 0x00, 0x00},
    };

    private static final String[] TEXT = {
        "",
        "nop",
        "xchg ax,ax",
        "nop DWORD PTR [rax]",
        "nop DWORD PTR [rax+0x0]",
        "nop DWORD PTR [rax+rax*1+0x0]",
        "nop WORD PTR [rax+rax*1+0x0]",
        "nop DWORD PTR [rax+0x0]",
        "nop DWORD PTR [rax+rax*1+0x0]",
        "nop WORD PTR [rax+rax*1+0x0]",
    };

    public Nop {
        if (length < 1 || length > MAX_LENGTH) {
            throw new IllegalArgumentException("nop: length must be 1.." + MAX_LENGTH + ", got " + length);
        }
    }

    static void encode(CodeBuffer b, int length) {
        for (byte x : PATTERNS[length]) {
            b.emit8(x);
        }
    }

    /** Fills {@code length} bytes at {@code at} with as few nops as possible. */
    static void fill(byte[] out, int at, int length) {
        while (length > 0) {
            int n = Math.min(length, MAX_LENGTH);
            System.arraycopy(PATTERNS[n], 0, out, at, n);
            at += n;
            length -= n;
        }
    }

    @Override
    public void emitTo(Assembler asm) {
        asm.nop(length);
    }

    @Override
    public String intel(int next) {
        return TEXT[length];
    }
}
