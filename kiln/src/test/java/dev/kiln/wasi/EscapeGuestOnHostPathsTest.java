package dev.kiln.wasi;

import org.junit.jupiter.api.extension.ExtendWith;

/** {@link EscapeGuestTest} with the sandbox on host paths ({@link PathFiles}). */
@ExtendWith(OnHostPaths.class)
class EscapeGuestOnHostPathsTest extends EscapeGuestTest {}
