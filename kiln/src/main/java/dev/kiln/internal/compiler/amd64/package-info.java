/**
 * The x86-64 back end: operands, instructions and the {@link dev.kiln.internal.compiler.amd64.Assembler}
 * that encodes them by hand (REX, ModRM, SIB, displacement, immediate), resolves labels with branch
 * relaxation and reports calls to code outside the buffer as relocations.
 *
 * <p>Every instruction family is a small record implementing {@link
 * dev.kiln.internal.compiler.amd64.Instruction}; the record prints itself in Intel syntax exactly as
 * GNU {@code objdump -M intel} prints the bytes its encoder writes, which is how the tests check the
 * encoder: they encode thousands of forms, disassemble them with objdump and compare the text.
 */
package dev.kiln.internal.compiler.amd64;
