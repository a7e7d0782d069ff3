package dev.kiln.wasi;

import org.junit.jupiter.api.extension.ExtendWith;

/** {@link WasiTestsuiteTest} with the sandbox on host paths ({@link PathFiles}). */
@ExtendWith(OnHostPaths.class)
class WasiTestsuiteOnHostPathsTest extends WasiTestsuiteTest {}
