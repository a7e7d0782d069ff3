package dev.kiln.internal.compiler.engine;

import dev.kiln.TrapException;
import dev.kiln.internal.nativecode.EntryStub;
import dev.kiln.internal.nativecode.ExecutionContext;
import dev.kiln.internal.nativecode.ExecutionContextPool;
import dev.kiln.internal.runtime.FunctionInstance;
import dev.kiln.internal.runtime.Interruptible;
import dev.kiln.internal.runtime.ModuleInstance;
import dev.kiln.internal.runtime.Trap;
import java.util.List;

/**
 * A function compiled to native code, bound to one instance: its code address and its
 * instance's module context. A call from Java takes an execution context from the engine's pool
 * for the outermost call (a host function calling back in reuses the thread's), and turns
 * {@code funcref} arguments and results between reference ids and record addresses.
 */
final class CompiledFunction extends FunctionInstance {

    private final NativeInstance instance;
    private final int functionIndex;
    final long code;
    private final EntryStub entry;

    CompiledFunction(NativeInstance instance, int functionIndex, long code) {
        super(instance.module().functionType(functionIndex), instance.runtimeInstance().arena());
        this.instance = instance;
        this.functionIndex = functionIndex;
        this.code = code;
        this.entry = instance.engine().arena().entryStub(type());
    }

    /** The module context its code runs with (RBX). */
    long moduleContext() {
        return instance.moduleContext();
    }

    /** The engine whose code arena holds this function. */
    CompilerEngine engine() {
        return instance.engine();
    }

    @Override
    public void call(ModuleInstance caller, long[] stack) {
        CompilerEngine engine = instance.engine();
        References.toRecords(instance.store(), stack, referenceParamSlots());
        ExecutionContextPool.Calls calls = engine.contexts().enterCalls();
        ExecutionContext context = calls.context();
        boolean outermost = calls.outermost();
        ModuleInstance running = instance.runtimeInstance();
        Interruptible previous = running.enter(context); // Instance.interrupt() raises its flag
        try {
            if (running.arena().isDropped()) {
                // Checked after the context is lent: what a close frees waits only for calls
                // lent before it (ExecutionContextPool.deferFree), so this one must not start.
                throw new IllegalStateException("instance " + running.debugName() + " is closed");
            }
            context.call(entry, code, instance.moduleContext(), stack);
        } catch (Trap trap) {
            throw new TrapException(trap.kind(), List.of()); // from an exit Java served
        } catch (StackOverflowError e) {
            // Host functions calling back in nest Java frames; if they exhaust the Java stack
            // before the native stack's ceiling, the outermost call reports the trap it is. The
            // nested calls' own clean-up may have been cut short by the overflow, so the thread's
            // count of calls is put back to this one's.
            if (!outermost) {
                throw e;
            }
            engine.contexts().unwindTo(context);
            throw new TrapException(dev.kiln.TrapKind.STACK_OVERFLOW, List.of());
        } finally {
            running.leave(previous);
            engine.contexts().exit(calls);
        }
        References.toIds(stack, referenceResultSlots());
    }

    @Override
    public String debugName() {
        String moduleName = instance.runtimeInstance().debugName();
        String name = instance.module().names().functionNames().get(functionIndex);
        return (moduleName == null ? "" : moduleName + ".") + (name == null ? "$" + functionIndex : name);
    }
}
