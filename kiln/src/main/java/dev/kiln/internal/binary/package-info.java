/**
 * The WebAssembly binary format: {@link dev.kiln.internal.binary.ModuleDecoder} turns module
 * bytes into the {@link dev.kiln.internal.wasm.Module} model, and
 * {@link dev.kiln.internal.binary.ModuleEncoder} turns a model back into bytes (for tests and
 * tools).
 *
 * <p>The decoder implements WebAssembly 2.0 and checks only well-formedness; the validator checks
 * types and indices afterwards. It is written to be safe on hostile input: every size is checked
 * against the bytes that are left before anything is allocated for it, nesting is tracked
 * without recursion, and the only exception it throws is {@link dev.kiln.CompileException}.
 */
package dev.kiln.internal.binary;
