package dev.kiln.wasi;

import org.junit.jupiter.api.extension.ExtendWith;

/** {@link SandboxTest} with the sandbox on host paths ({@link PathFiles}). */
@ExtendWith(OnHostPaths.class)
class SandboxOnHostPathsTest extends SandboxTest {}
