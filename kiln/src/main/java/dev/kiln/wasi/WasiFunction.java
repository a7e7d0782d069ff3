package dev.kiln.wasi;

import java.io.IOException;

/**
 * The Java side of one preview1 function, before it is adapted to a
 * {@link dev.kiln.HostFunction} by {@link Preview1Module}: it reads its parameters from
 * {@code args} and returns the errno. Failures deep inside may also be thrown as an
 * {@link ErrnoException} (returned as its errno) or an {@link IOException} ({@link Errno#IO}).
 */
@FunctionalInterface
interface WasiFunction {

    /**
     * @param memory the caller's memory
     * @param args the parameter slots, in order (i32 zero-extended)
     * @return the errno
     */
    int call(GuestMemory memory, long[] args) throws IOException;
}
