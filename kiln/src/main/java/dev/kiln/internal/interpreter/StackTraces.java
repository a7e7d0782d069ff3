package dev.kiln.internal.interpreter;

import dev.kiln.TrapException;
import dev.kiln.TrapKind;
import dev.kiln.WasmStackFrame;
import java.util.ArrayList;
import java.util.List;

/** Turns the interpreter's frames into the WebAssembly stack trace of a {@link TrapException}. */
final class StackTraces {

    private StackTraces() {}

    /**
     * A trap in {@code function} at the instruction before {@code pc}, with every suspended
     * frame of the thread below it; {@code function} may be {@code null} (trapped on entry).
     */
    static TrapException trap(TrapKind kind, CallStack stack, WasmFunction function, int pc) {
        List<WasmStackFrame> frames = new ArrayList<>(stack.frames + 1);
        if (function != null) {
            frames.add(frame(function, pc));
        }
        for (int i = stack.frames - 1; i >= 0; i--) {
            frames.add(frame(stack.functions[i], stack.returnPcs[i]));
        }
        return new TrapException(kind, frames);
    }

    /** {@code pc} is just past the instruction: the next one, or the return position of a call. */
    private static WasmStackFrame frame(WasmFunction function, int pc) {
        FunctionCode code = function.code();
        return new WasmStackFrame(function.instance().debugName(), function.functionIndex(), function.name(),
                code.byteOffsetAt(pc - 4));
    }
}
