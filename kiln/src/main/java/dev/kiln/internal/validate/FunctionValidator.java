package dev.kiln.internal.validate;

import dev.kiln.CompileException;
import dev.kiln.internal.wasm.FunctionBody;
import dev.kiln.internal.wasm.BlockType;
import dev.kiln.internal.wasm.Instruction;
import dev.kiln.internal.wasm.InstructionSink;
import dev.kiln.internal.wasm.Op;

/**
 * Type-checks function bodies with the single-pass algorithm of the specification's appendix:
 * an operand stack of types and a stack of control frames, both plain arrays reused from one
 * function to the next. Nesting is tracked in the control stack, never by recursion, so deeply
 * nested code cannot overflow the Java stack. The body is read as a stream of instructions
 * ({@link FunctionBody#forEach}): a body the decoder kept as bytes is never turned into objects.
 */
final class FunctionValidator implements InstructionSink {

    private final ModuleContext module;
    private final ValueStack values = new ValueStack();
    private final ControlStack controls = new ControlStack(values);
    private final ControlRules control;
    private final CallRules calls;
    private final VariableRules variables;
    private final ParametricRules parametric;
    private final ReferenceRules references;
    private final TableRules tables;
    private final FixedRules fixed;

    FunctionValidator(ModuleContext module) {
        this.module = module;
        control = new ControlRules(module, values, controls);
        calls = new CallRules(module, values);
        variables = new VariableRules(module, values);
        parametric = new ParametricRules(values);
        references = new ReferenceRules(module, values);
        tables = new TableRules(module, values);
        fixed = new FixedRules(module, values);
    }

    /** The deepest operand stack of the last function validated, in values. */
    int maxStackHeight() {
        return values.maxSize();
    }

    /** The deepest control nesting of the last function validated, its own frame included. */
    int maxControlDepth() {
        return controls.maxDepth();
    }

    /**
     * Checks one body against its function's type.
     *
     * @throws RuleViolation located at the offending instruction (or at none, if the body ends
     *     before its final {@code end})
     */
    void validate(int typeIndex, FunctionBody body) {
        values.reset();
        controls.reset();
        variables.begin(module.params(typeIndex), body.locals());
        controls.push(ControlStack.FUNCTION, StackTypes.NONE, module.results(typeIndex));
        body.forEach(this);
        if (controls.depth() != 0) {
            throw new RuleViolation(CompileException.Reason.MALFORMED, "END opcode expected");
        }
    }

    /** One instruction of the body being validated (see {@link InstructionSink}). */
    @Override
    public void instruction(Op op, int offset, int a, int b, long c, Object data) {
        if (controls.depth() == 0) {
            throw new RuleViolation(CompileException.Reason.MALFORMED, "operators remaining after end of function")
                    .at(new Instruction(op, offset, a, b, c, data));
        }
        try {
            // The commonest instructions first (in ruby.wasm local.get alone is 18%, and these
            // three with the fixed typings below over 80%), without a switch.
            if (op == Op.LOCAL_GET) {
                variables.localGet(a);
            } else if (op == Op.GLOBAL_GET) {
                variables.globalGet(a);
            } else if (op == Op.LOCAL_SET) {
                variables.localSet(a);
            } else {
                byte[] params = FixedSignatures.params(op);
                if (params != null) { // numeric, vector, memory
                    fixed.apply(op, params, a, b, data);
                } else {
                    step(op, a, b, data);
                }
            }
        } catch (RuleViolation violation) {
            // The instruction is made only here, for the message and offset of the failure.
            throw violation.at(new Instruction(op, offset, a, b, c, data));
        }
    }

    private void step(Op op, int a, int b, Object data) {
        switch (op) {
            case BLOCK -> control.block((BlockType) data, ControlStack.BLOCK);
            case LOOP -> control.block((BlockType) data, ControlStack.LOOP);
            case IF -> control.ifThen((BlockType) data);
            case ELSE -> control.elseBranch();
            case END -> control.end();
            case BR -> control.br(a);
            case BR_IF -> control.brIf(a);
            case RETURN -> control.ret();
            case CALL -> calls.call(a);
            case DROP -> parametric.drop();
            case SELECT -> parametric.select();
            case LOCAL_TEE -> variables.localTee(a);
            case GLOBAL_SET -> variables.globalSet(a);
            default -> rareStep(op, a, b, data);
        }
    }

    /**
     * The instructions a module uses least, apart from {@link #step}: the JIT compiles the
     * cases a method has not met yet as traps, and the first table or reference instruction of
     * a module would otherwise send the whole hot path back to the interpreter.
     */
    private void rareStep(Op op, int a, int b, Object data) {
        switch (op) {
            case UNREACHABLE -> control.unreachable();
            case NOP -> {
            }
            case BR_TABLE -> control.brTable((int[]) data);
            case CALL_INDIRECT -> calls.callIndirect(a, b);
            case SELECT_T -> parametric.selectTyped(data);
            case TABLE_GET -> tables.get(a);
            case TABLE_SET -> tables.set(a);
            case TABLE_SIZE -> tables.size(a);
            case TABLE_GROW -> tables.grow(a);
            case TABLE_FILL -> tables.fill(a);
            case TABLE_COPY -> tables.copy(a, b);
            case TABLE_INIT -> tables.init(a, b);
            case REF_NULL -> references.refNull(data);
            case REF_IS_NULL -> references.refIsNull();
            case REF_FUNC -> references.refFunc(a);
            default -> throw new IllegalStateException("no typing rule for " + op); // local.get etc.: instruction()
        }
    }
}
