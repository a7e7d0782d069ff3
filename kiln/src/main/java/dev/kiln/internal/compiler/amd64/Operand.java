package dev.kiln.internal.compiler.amd64;

/**
 * What an instruction can take as an operand: a general register, an XMM register, a memory
 * reference or an immediate. Which kinds an instruction accepts is checked when it is encoded; a
 * wrong kind is an {@link IllegalArgumentException} that names the instruction.
 */
public sealed interface Operand permits Gpr, Xmm, Mem, Imm {
}
