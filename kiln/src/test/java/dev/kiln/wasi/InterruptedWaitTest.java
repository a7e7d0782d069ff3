package dev.kiln.wasi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.kiln.Function;
import dev.kiln.Instance;
import dev.kiln.Runtime;
import dev.kiln.TrapException;
import dev.kiln.TrapKind;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The runtime's own interruption ({@link Instance#interrupt()}, a call timeout) ends a WASI call
 * that waits, without {@link Wasi#interrupt}: every WASI call that can wait registers with
 * {@link Instance#wakeOnInterrupt}. (Blocked accepts: {@code SocketTest}.)
 */
class InterruptedWaitTest {

    @Test
    void instanceInterruptEndsAGuestSleepingInPollOneoff() throws Exception {
        try (Runtime runtime = Runtime.create(); Wasi wasi = Wasi.instantiate(runtime, WasiConfig.defaults())) {
            Instance sleeper = runtime.instantiate(runtime.compile(WasiGuests.sleepAnHour()));
            CompletableFuture<Integer> run = CompletableFuture.supplyAsync(() -> wasi.run(sleeper),
                    Executors.newVirtualThreadPerTaskExecutor());
            // interrupt() is false until the guest's call has started.
            while (!sleeper.interrupt()) {
                Thread.sleep(1);
            }
            ExecutionException failure = assertThrows(ExecutionException.class, () -> run.get(60, TimeUnit.SECONDS));
            assertEquals(TrapKind.INTERRUPTED, ((TrapException) failure.getCause()).kind());
        }
    }

    @Test
    void aCallTimeoutEndsAGuestSleepingInPollOneoff() {
        try (Runtime runtime = Runtime.create(); Wasi wasi = Wasi.instantiate(runtime, WasiConfig.defaults())) {
            Instance sleeper = runtime.instantiate(runtime.compile(WasiGuests.sleepAnHour()));
            Function start = sleeper.function(Wasi.START_FUNCTION).withTimeout(Duration.ofMillis(100));
            assertEquals(TrapKind.INTERRUPTED, assertThrows(TrapException.class, start::call).kind());
        }
    }
}
