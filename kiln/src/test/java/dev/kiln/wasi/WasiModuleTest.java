package dev.kiln.wasi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.kiln.Instance;
import dev.kiln.LinkException;
import dev.kiln.Runtime;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The registered {@code wasi_snapshot_preview1} module, called from Java (no calling instance). */
class WasiModuleTest {

    /** Every preview1 function and its signature, transcribed from the preview1 witx. */
    private static final Map<String, String> SIGNATURES = new TreeMap<>(Map.ofEntries(
            Map.entry("args_get", "(i32, i32) -> (i32)"),
            Map.entry("args_sizes_get", "(i32, i32) -> (i32)"),
            Map.entry("environ_get", "(i32, i32) -> (i32)"),
            Map.entry("environ_sizes_get", "(i32, i32) -> (i32)"),
            Map.entry("clock_res_get", "(i32, i32) -> (i32)"),
            Map.entry("clock_time_get", "(i32, i64, i32) -> (i32)"),
            Map.entry("fd_advise", "(i32, i64, i64, i32) -> (i32)"),
            Map.entry("fd_allocate", "(i32, i64, i64) -> (i32)"),
            Map.entry("fd_close", "(i32) -> (i32)"),
            Map.entry("fd_datasync", "(i32) -> (i32)"),
            Map.entry("fd_fdstat_get", "(i32, i32) -> (i32)"),
            Map.entry("fd_fdstat_set_flags", "(i32, i32) -> (i32)"),
            Map.entry("fd_fdstat_set_rights", "(i32, i64, i64) -> (i32)"),
            Map.entry("fd_filestat_get", "(i32, i32) -> (i32)"),
            Map.entry("fd_filestat_set_size", "(i32, i64) -> (i32)"),
            Map.entry("fd_filestat_set_times", "(i32, i64, i64, i32) -> (i32)"),
            Map.entry("fd_pread", "(i32, i32, i32, i64, i32) -> (i32)"),
            Map.entry("fd_prestat_get", "(i32, i32) -> (i32)"),
            Map.entry("fd_prestat_dir_name", "(i32, i32, i32) -> (i32)"),
            Map.entry("fd_pwrite", "(i32, i32, i32, i64, i32) -> (i32)"),
            Map.entry("fd_read", "(i32, i32, i32, i32) -> (i32)"),
            Map.entry("fd_readdir", "(i32, i32, i32, i64, i32) -> (i32)"),
            Map.entry("fd_renumber", "(i32, i32) -> (i32)"),
            Map.entry("fd_seek", "(i32, i64, i32, i32) -> (i32)"),
            Map.entry("fd_sync", "(i32) -> (i32)"),
            Map.entry("fd_tell", "(i32, i32) -> (i32)"),
            Map.entry("fd_write", "(i32, i32, i32, i32) -> (i32)"),
            Map.entry("path_create_directory", "(i32, i32, i32) -> (i32)"),
            Map.entry("path_filestat_get", "(i32, i32, i32, i32, i32) -> (i32)"),
            Map.entry("path_filestat_set_times", "(i32, i32, i32, i32, i64, i64, i32) -> (i32)"),
            Map.entry("path_link", "(i32, i32, i32, i32, i32, i32, i32) -> (i32)"),
            Map.entry("path_open", "(i32, i32, i32, i32, i32, i64, i64, i32, i32) -> (i32)"),
            Map.entry("path_readlink", "(i32, i32, i32, i32, i32, i32) -> (i32)"),
            Map.entry("path_remove_directory", "(i32, i32, i32) -> (i32)"),
            Map.entry("path_rename", "(i32, i32, i32, i32, i32, i32) -> (i32)"),
            Map.entry("path_symlink", "(i32, i32, i32, i32, i32) -> (i32)"),
            Map.entry("path_unlink_file", "(i32, i32, i32) -> (i32)"),
            Map.entry("poll_oneoff", "(i32, i32, i32, i32) -> (i32)"),
            Map.entry("proc_exit", "(i32) -> ()"),
            Map.entry("proc_raise", "(i32) -> (i32)"),
            Map.entry("sched_yield", "() -> (i32)"),
            Map.entry("random_get", "(i32, i32) -> (i32)"),
            Map.entry("sock_accept", "(i32, i32, i32) -> (i32)"),
            Map.entry("sock_recv", "(i32, i32, i32, i32, i32, i32) -> (i32)"),
            Map.entry("sock_send", "(i32, i32, i32, i32, i32) -> (i32)"),
            Map.entry("sock_shutdown", "(i32, i32) -> (i32)")));

    /** What is not implemented; everything else is. */
    private static final String[] NOT_IMPLEMENTED = {"proc_raise"};

    private final Runtime runtime = Runtime.create();
    private final Wasi wasi = Wasi.instantiate(runtime, WasiConfig.defaults());
    private final Instance module = wasi.instance();

    @AfterEach
    void close() {
        runtime.close();
    }

    @Test
    void everyPreview1FunctionIsExportedWithItsExactSignature() {
        assertEquals(46, SIGNATURES.size());
        SIGNATURES.forEach((name, type) -> assertEquals(type, module.function(name).type().toString(), name));
        assertEquals(SIGNATURES.size(), Preview1.values().length, "no extra functions");
        assertEquals(module, runtime.instance(Wasi.MODULE_NAME));
    }

    @Test
    void unimplementedFunctionsReturnEnosys() {
        for (String name : NOT_IMPLEMENTED) {
            var function = module.function(name);
            long[] result = function.call(new long[function.type().params().size()]);
            assertArrayEquals(new long[] {Errno.NOSYS}, result, name);
        }
    }

    @Test
    void withoutACallingInstanceThereIsNoMemoryToWriteTo() {
        assertArrayEquals(new long[] {Errno.FAULT}, module.function("args_sizes_get").call(0, 4));
        assertArrayEquals(new long[] {Errno.FAULT}, module.function("random_get").call(0, 1));
    }

    @Test
    void callsWithoutPointersWorkWithoutMemory() {
        assertArrayEquals(new long[] {Errno.SUCCESS}, module.function("sched_yield").call());
        assertArrayEquals(new long[] {Errno.BADF}, module.function("fd_prestat_get").call(3, 0));
        assertArrayEquals(new long[] {Errno.SUCCESS}, module.function("fd_close").call(0));
    }

    @Test
    void procExitThrowsWithTheExitCode() {
        WasiExitException exit = assertThrows(WasiExitException.class, () -> module.function("proc_exit").call(3));
        assertEquals(3, exit.exitCode());
        exit = assertThrows(WasiExitException.class, () -> module.function("proc_exit").call(0xFFFF_FFFFL));
        assertEquals(-1, exit.exitCode());
        assertEquals("exit code 4294967295", exit.getMessage());
    }

    @Test
    void aRuntimeHasOneWasiModule() {
        assertThrows(LinkException.class, () -> Wasi.instantiate(runtime, WasiConfig.defaults()));
    }
}
