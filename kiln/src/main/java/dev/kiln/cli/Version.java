package dev.kiln.cli;

/** The version of Kiln that is running. */
final class Version {

    private Version() {}

    /**
     * The version of module {@code dev.kiln} (the build stamps the project version into it), or
     * {@code "unknown"} when Kiln runs from the class path, where there is no module descriptor.
     */
    static String current() {
        var descriptor = Version.class.getModule().getDescriptor();
        return descriptor == null ? "unknown" : descriptor.rawVersion().orElse("unknown");
    }
}
