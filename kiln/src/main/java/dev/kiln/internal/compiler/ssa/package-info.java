/**
 * The compiler's SSA intermediate representation: a {@link dev.kiln.internal.compiler.ssa.Function}
 * of {@link dev.kiln.internal.compiler.ssa.Block}s with typed parameters (in place of phis),
 * {@link dev.kiln.internal.compiler.ssa.Instruction}s on dense integer value ids, the
 * {@link dev.kiln.internal.compiler.ssa.Builder} the frontend constructs it with, a text
 * {@link dev.kiln.internal.compiler.ssa.Printer} and {@link dev.kiln.internal.compiler.ssa.Parser}
 * for golden tests, and the {@link dev.kiln.internal.compiler.ssa.Verifier} with the analyses it
 * needs ({@link dev.kiln.internal.compiler.ssa.ControlFlow},
 * {@link dev.kiln.internal.compiler.ssa.Dominators}). docs/compiler.md describes the model.
 */
package dev.kiln.internal.compiler.ssa;
