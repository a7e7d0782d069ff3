package dev.kiln.internal.validate;

import static dev.kiln.internal.validate.StackTypes.I32;

import dev.kiln.internal.wasm.BlockType;
import java.util.Arrays;

/**
 * Structured control and branches: {@code block}, {@code loop}, {@code if}, {@code else},
 * {@code end}, {@code br}, {@code br_if}, {@code br_table}, {@code return}, {@code unreachable};
 * the appendix algorithm of the WebAssembly 2.0 specification.
 */
final class ControlRules {

    private final ModuleContext module;
    private final ValueStack values;
    private final ControlStack controls;

    /** Output of {@link #resolve}: kept in fields so that resolving allocates nothing. */
    private byte[] blockParams;
    private byte[] blockResults;

    ControlRules(ModuleContext module, ValueStack values, ControlStack controls) {
        this.module = module;
        this.values = values;
        this.controls = controls;
    }

    /** {@code block} or {@code loop}: the parameters move from the stack into the new frame. */
    void block(BlockType type, byte kind) {
        resolve(type);
        values.popAll(blockParams);
        controls.push(kind, blockParams, blockResults);
    }

    /** {@code if}: like a block, after popping the i32 condition. */
    void ifThen(BlockType type) {
        resolve(type);
        values.pop(I32);
        values.popAll(blockParams);
        controls.push(ControlStack.IF, blockParams, blockResults);
    }

    /** {@code else}: the then-branch must have produced the results; the else-branch starts over. */
    void elseBranch() {
        if (controls.kind(controls.top()) != ControlStack.IF) {
            throw new RuleViolation("else without matching if");
        }
        int frame = controls.pop();
        byte[] start = controls.start(frame);
        byte[] end = controls.end(frame);
        controls.push(ControlStack.ELSE, start, end);
    }

    /**
     * {@code end}: the frame's results must be exactly what is on its stack. An {@code if} without
     * {@code else} has an implicit empty else-branch, valid only if results equal parameters.
     */
    void end() {
        int top = controls.top();
        if (controls.kind(top) == ControlStack.IF && !Arrays.equals(controls.start(top), controls.end(top))) {
            throw RuleViolation.typeMismatch();
        }
        int frame = controls.pop();
        if (controls.kind(frame) != ControlStack.FUNCTION) {
            values.pushAll(controls.end(frame));
        }
    }

    void unreachable() {
        controls.markUnreachable();
    }

    void br(int label) {
        values.popAll(controls.labelTypes(label));
        controls.markUnreachable();
    }

    /** {@code br_if}: the branch operands stay on the stack, typed as the label's types. */
    void brIf(int label) {
        byte[] types = controls.labelTypes(label);
        values.pop(I32);
        values.popThenPush(types, types);
    }

    /**
     * {@code br_table}: every target must accept the operands. All targets need the same arity,
     * but in unreachable code their types may differ as long as each is satisfiable on its own.
     */
    void brTable(int[] labels) {
        int last = labels.length - 1;
        byte[] defaultTypes = controls.labelTypes(labels[last]);
        for (int i = 0; i < last; i++) {
            controls.labelTypes(labels[i]);
        }
        values.pop(I32);
        for (int i = 0; i < last; i++) {
            byte[] types = controls.labelTypes(labels[i]);
            if (types.length != defaultTypes.length) {
                throw RuleViolation.typeMismatch();
            }
            values.peekAll(types);
        }
        values.popAll(defaultTypes);
        controls.markUnreachable();
    }

    /** {@code return}: branches to the function frame at the bottom of the control stack. */
    void ret() {
        values.popAll(controls.end(0));
        controls.markUnreachable();
    }

    private void resolve(BlockType type) {
        if (type.isIndex()) {
            int index = module.requireType(type.typeIndex());
            blockParams = module.params(index);
            blockResults = module.results(index);
        } else {
            blockParams = StackTypes.NONE;
            blockResults = type.result() == null ? StackTypes.NONE : StackTypes.single(StackTypes.of(type.result()));
        }
    }
}
