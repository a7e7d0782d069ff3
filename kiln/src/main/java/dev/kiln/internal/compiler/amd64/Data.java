package dev.kiln.internal.compiler.amd64;

import java.util.Arrays;

/**
 * Raw bytes in the code (constants addressed RIP-relative, say). Not an instruction: it prints as
 * a {@code .byte} directive, which objdump would not agree with.
 */
public record Data(byte[] bytes) implements Instruction {

    public Data {
        bytes = bytes.clone();
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    @Override
    public void emitTo(Assembler asm) {
        asm.data(bytes);
    }

    @Override
    public String intel(int next) {
        StringBuilder sb = new StringBuilder(".byte ");
        for (int i = 0; i < bytes.length; i++) {
            sb.append(i == 0 ? "" : ",").append(String.format("0x%02x", bytes[i] & 0xff));
        }
        return sb.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Data d && Arrays.equals(bytes, d.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return intel(0);
    }
}
