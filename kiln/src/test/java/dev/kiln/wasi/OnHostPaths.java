package dev.kiln.wasi;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs a test class with every sandbox on host paths ({@link PathFiles}), the fallback for
 * platforms without directory descriptors, so the sandbox's rules are tested on both.
 */
final class OnHostPaths implements BeforeAllCallback, AfterAllCallback {

    @Override
    public void beforeAll(ExtensionContext context) {
        Sandbox.preferDescriptors = false;
    }

    @Override
    public void afterAll(ExtensionContext context) {
        Sandbox.preferDescriptors = true;
    }
}
