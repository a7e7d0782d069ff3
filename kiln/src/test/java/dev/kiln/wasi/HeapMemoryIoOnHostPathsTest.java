package dev.kiln.wasi;

import org.junit.jupiter.api.extension.ExtendWith;

/** {@link HeapMemoryIoTest} with the sandbox on host paths ({@link PathFiles}). */
@ExtendWith(OnHostPaths.class)
class HeapMemoryIoOnHostPathsTest extends HeapMemoryIoTest {}
