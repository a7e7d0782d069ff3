package dev.kiln.internal.compiler.amd64;

import java.util.Locale;

/**
 * The one-operand group of F6/F7; {@link #extension} is the ModRM.reg digit. MUL/IMUL/DIV/IDIV
 * work on rdx:rax (ah:al for bytes) implicitly.
 */
public enum UnaryOp {
    NOT(2), NEG(3), MUL(4), IMUL(5), DIV(6), IDIV(7);

    final int extension;
    final String mnemonic = name().toLowerCase(Locale.ROOT);

    UnaryOp(int extension) {
        this.extension = extension;
    }
}
