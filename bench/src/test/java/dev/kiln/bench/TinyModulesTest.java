package dev.kiln.bench;

import org.junit.jupiter.api.Test;

/** The call benchmarks' set-up checks, run once without JMH: the modules are valid and compute 42. */
class TinyModulesTest {

    @Test
    void kilnRunsBothModules() {
        KilnCalls kiln = new KilnCalls();
        kiln.setUp();
        kiln.tearDown();
    }

    @Test
    void chicoryRunsBothModules() {
        new ChicoryCalls().setUp();
    }
}
