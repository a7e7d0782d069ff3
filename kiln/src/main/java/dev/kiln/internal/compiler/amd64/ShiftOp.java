package dev.kiln.internal.compiler.amd64;

import java.util.Locale;

/** Rotates and shifts; {@link #extension} is the ModRM.reg digit of C0/C1/D0-D3 (6 is an alias of SHL). */
public enum ShiftOp {
    ROL(0), ROR(1), RCL(2), RCR(3), SHL(4), SHR(5), SAR(7);

    final int extension;
    final String mnemonic = name().toLowerCase(Locale.ROOT);

    ShiftOp(int extension) {
        this.extension = extension;
    }
}
