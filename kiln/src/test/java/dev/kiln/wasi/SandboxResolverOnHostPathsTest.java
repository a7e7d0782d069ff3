package dev.kiln.wasi;

import org.junit.jupiter.api.extension.ExtendWith;

/** {@link SandboxResolverTest} with the sandbox on host paths ({@link PathFiles}). */
@ExtendWith(OnHostPaths.class)
class SandboxResolverOnHostPathsTest extends SandboxResolverTest {}
