/**
 * The optimizing compiler's passes over SSA ({@code compiler.ssa}): each one small class that
 * rewrites a {@link dev.kiln.internal.compiler.ssa.Function} in place and keeps it valid for the
 * verifier, and {@link dev.kiln.internal.compiler.pass.Pipeline}, which runs them in order.
 * {@code docs/compiler.md} ("Passes") gives each pass's rule and why.
 */
package dev.kiln.internal.compiler.pass;
