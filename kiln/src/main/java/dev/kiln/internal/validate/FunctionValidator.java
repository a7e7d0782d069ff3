package dev.kiln.internal.validate;

import dev.kiln.CompileException;
import dev.kiln.internal.wasm.FunctionBody;
import dev.kiln.internal.wasm.Instruction;

/**
 * Type-checks function bodies with the single-pass algorithm of the specification's appendix:
 * an operand stack of types and a stack of control frames, both plain arrays reused from one
 * function to the next. Nesting is tracked in the control stack, never by recursion, so deeply
 * nested code cannot overflow the Java stack.
 */
final class FunctionValidator {

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
        Instruction[] code = body.code();
        for (Instruction instruction : code) {
            if (controls.depth() == 0) {
                throw new RuleViolation(CompileException.Reason.MALFORMED,
                        "operators remaining after end of function").at(instruction);
            }
            try {
                step(instruction);
            } catch (RuleViolation violation) {
                throw violation.at(instruction);
            }
        }
        if (controls.depth() != 0) {
            throw new RuleViolation(CompileException.Reason.MALFORMED, "END opcode expected");
        }
    }

    private void step(Instruction instruction) {
        switch (instruction.op()) {
            case UNREACHABLE -> control.unreachable();
            case NOP -> {
            }
            case BLOCK -> control.block(instruction.blockType(), ControlStack.BLOCK);
            case LOOP -> control.block(instruction.blockType(), ControlStack.LOOP);
            case IF -> control.ifThen(instruction.blockType());
            case ELSE -> control.elseBranch();
            case END -> control.end();
            case BR -> control.br(instruction.a());
            case BR_IF -> control.brIf(instruction.a());
            case BR_TABLE -> control.brTable(instruction.branchTable());
            case RETURN -> control.ret();
            case CALL -> calls.call(instruction.a());
            case CALL_INDIRECT -> calls.callIndirect(instruction.a(), instruction.b());
            case DROP -> parametric.drop();
            case SELECT -> parametric.select();
            case SELECT_T -> parametric.selectTyped(instruction.data());
            case LOCAL_GET -> variables.localGet(instruction.a());
            case LOCAL_SET -> variables.localSet(instruction.a());
            case LOCAL_TEE -> variables.localTee(instruction.a());
            case GLOBAL_GET -> variables.globalGet(instruction.a());
            case GLOBAL_SET -> variables.globalSet(instruction.a());
            case TABLE_GET -> tables.get(instruction.a());
            case TABLE_SET -> tables.set(instruction.a());
            case TABLE_SIZE -> tables.size(instruction.a());
            case TABLE_GROW -> tables.grow(instruction.a());
            case TABLE_FILL -> tables.fill(instruction.a());
            case TABLE_COPY -> tables.copy(instruction.a(), instruction.b());
            case TABLE_INIT -> tables.init(instruction.a(), instruction.b());
            case ELEM_DROP -> tables.elemDrop(instruction.a());
            case REF_NULL -> references.refNull(instruction.data());
            case REF_IS_NULL -> references.refIsNull();
            case REF_FUNC -> references.refFunc(instruction.a());
            default -> fixed.apply(instruction);
        }
    }
}
