package dev.kiln.internal.runtime;

/** Finds what a module imports: the exports of registered instances, by module and field name. */
@FunctionalInterface
public interface ImportResolver {

    /**
     * The external value exported as {@code module.name}: a {@link FunctionInstance},
     * {@link TableInstance}, {@link MemoryInstance} or {@link GlobalInstance}; {@code null} if
     * there is none.
     */
    Object resolve(String module, String name);
}
