/**
 * The register allocator: {@link RegisterAllocator} rewrites a
 * {@link dev.kiln.internal.compiler.backend.MachineFunction}'s virtual registers to physical ones
 * (linear scan over live intervals with lifetime holes, one split per value, spill code after
 * defs and before uses), and {@link RegAllocChecker} validates any allocation against the
 * program before it. docs/compiler.md, "Register allocation", describes both.
 */
package dev.kiln.internal.compiler.regalloc;
