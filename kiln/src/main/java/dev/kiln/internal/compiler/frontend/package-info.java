/**
 * The compiler's frontend: {@link dev.kiln.internal.compiler.frontend.Frontend} lowers each
 * function of a validated WebAssembly module to the SSA IR of
 * {@link dev.kiln.internal.compiler.ssa}, with every check the spec requires as an explicit
 * {@code trapif} and the runtime's operations (grows, bulk memory and table instructions) as
 * {@code call_exit}s; a function that uses {@code v128} is refused. docs/compiler.md,
 * "Frontend", describes the lowering.
 */
package dev.kiln.internal.compiler.frontend;
