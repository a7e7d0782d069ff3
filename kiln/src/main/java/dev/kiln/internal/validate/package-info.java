/**
 * WebAssembly 2.0 validation of a decoded {@link dev.kiln.internal.wasm.Module}.
 *
 * <p>The entry point is {@link dev.kiln.internal.validate.Validator#validate}. Module-level rules
 * live in small rule classes ({@code LimitRules}, {@code ExportRules}, {@code InitializerRules},
 * {@code ConstantExpressions}); function bodies are checked by {@code FunctionValidator} with the
 * appendix algorithm over a byte-typed {@code ValueStack} and an array-based
 * {@code ControlStack}, dispatching each instruction to one family of rules
 * ({@code ControlRules}, {@code CallRules}, {@code VariableRules}, {@code ParametricRules},
 * {@code ReferenceRules}, {@code TableRules}, {@code FixedRules}). Violations travel as
 * {@code RuleViolation} phrases and are turned into located
 * {@link dev.kiln.CompileException}s at the top.
 */
package dev.kiln.internal.validate;
