package dev.kiln;

/**
 * How one module is instantiated. A named instance is registered in its {@link Runtime}, so
 * modules instantiated later can import its exports under that name.
 */
public final class ModuleConfig {

    private static final ModuleConfig ANONYMOUS = new ModuleConfig(null);

    private final String name;

    private ModuleConfig(String name) {
        this.name = name;
    }

    /** An instance registered under {@code name}. */
    public static ModuleConfig named(String name) {
        return new ModuleConfig(java.util.Objects.requireNonNull(name, "name"));
    }

    /** An instance that is not registered; other modules cannot import from it. */
    public static ModuleConfig anonymous() {
        return ANONYMOUS;
    }

    /** The registration name, or {@code null} for an anonymous instance. */
    public String name() {
        return name;
    }
}
