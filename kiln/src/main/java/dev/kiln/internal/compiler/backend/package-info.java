/**
 * The backend's machine code on virtual registers: {@link MachineFunction}, {@link MachineBlock}
 * and {@link MachineInstruction} (numbering in {@link Reg}). The lowering from SSA makes it, the
 * register allocator rewrites its registers to physical ones, and emission turns it into bytes
 * through the assembler. docs/compiler.md, "Backend", describes the layers.
 */
package dev.kiln.internal.compiler.backend;
