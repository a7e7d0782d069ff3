package dev.kiln.internal.compiler.backend;

/** Which register file a register belongs to. */
public enum RegClass {
    /** General registers: integers, references, addresses. */
    INT,
    /** XMM registers: floats (and later v128). */
    FLOAT
}
