package dev.kiln.internal.runtime;

import dev.kiln.FunctionType;

/** A function implemented in Java. */
public final class HostFunctionInstance extends FunctionInstance {

    private final String moduleName;
    private final String name;
    private final HostCode implementation;

    public HostFunctionInstance(String moduleName, String name, FunctionType type, HostCode implementation) {
        super(type);
        this.moduleName = moduleName;
        this.name = name;
        this.implementation = implementation;
    }

    @Override
    public void call(ModuleInstance caller, long[] stack) {
        implementation.call(caller, stack);
    }

    @Override
    public String debugName() {
        return moduleName + "." + name;
    }
}
