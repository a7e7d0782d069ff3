package dev.kiln.internal.runtime;

import dev.kiln.FunctionType;

/** A function implemented in Java. */
public final class HostFunctionInstance extends FunctionInstance {

    private final String moduleName;
    private final String name;
    private final HostCode implementation;

    public HostFunctionInstance(String moduleName, String name, FunctionType type, InstanceArena arena,
                                HostCode implementation) {
        super(type, arena);
        this.moduleName = moduleName;
        this.name = name;
        this.implementation = implementation;
    }

    @Override
    public void call(ModuleInstance caller, long[] stack) {
        implementation.call(caller, stack);
        // A reference the host made up must not reach WebAssembly, where it could become a
        // call target. With no caller (a call from Java) the result goes back to Java unused.
        if (caller != null) {
            checkReferenceResults(caller.store(), stack);
        }
    }

    @Override
    public String debugName() {
        return moduleName + "." + name;
    }
}
