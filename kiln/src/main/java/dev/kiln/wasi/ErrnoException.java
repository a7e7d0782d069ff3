package dev.kiln.wasi;

/**
 * Ends a WASI call early with an {@link Errno}: thrown from deep inside a call (a bad guest
 * pointer, a closed descriptor) and turned into the call's return value by
 * {@link Preview1Module}. It never reaches the guest or the embedder as an exception, so it
 * carries no stack trace.
 */
final class ErrnoException extends RuntimeException {

    private final int errno;

    ErrnoException(int errno) {
        super("errno " + errno, null, false, false);
        this.errno = errno;
    }

    int errno() {
        return errno;
    }
}
