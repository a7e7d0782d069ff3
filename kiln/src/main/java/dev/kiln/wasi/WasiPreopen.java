package dev.kiln.wasi;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A host directory the guest may use, under the name {@code guestPath} (what
 * {@code fd_prestat_dir_name} reports and wasi-libc matches paths against, for example
 * {@code "/"} or {@code "/data"}). The guest reaches nothing outside it: see
 * {@link WasiConfig#withPreopen(Path, String)} for the rules.
 *
 * @param hostDirectory the directory on the host, as the embedder gave it
 * @param guestPath the name the guest sees; non-empty, no NUL
 * @param readOnly whether every write through this preopen is refused with {@code EROFS}
 */
public record WasiPreopen(Path hostDirectory, String guestPath, boolean readOnly) {

    /** Checks the parts; the directory itself is checked when the WASI module is created. */
    public WasiPreopen {
        Objects.requireNonNull(hostDirectory, "hostDirectory");
        Objects.requireNonNull(guestPath, "guestPath");
        if (guestPath.isEmpty() || guestPath.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("invalid guest path '" + guestPath.replace("\0", "\\0") + "'");
        }
    }
}
