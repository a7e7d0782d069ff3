package dev.kiln.internal.runtime;

import dev.kiln.FunctionType;
import dev.kiln.HostFunction;

/** A function implemented in Java. */
public final class HostFunctionInstance extends FunctionInstance {

    private final String moduleName;
    private final String name;
    private final HostFunction implementation;

    public HostFunctionInstance(String moduleName, String name, FunctionType type, HostFunction implementation) {
        super(type);
        this.moduleName = moduleName;
        this.name = name;
        this.implementation = implementation;
    }

    @Override
    public void call(ModuleInstance caller, long[] stack) {
        implementation.call(caller == null ? null : caller.facade(), stack);
    }

    @Override
    public String debugName() {
        return moduleName + "." + name;
    }
}
