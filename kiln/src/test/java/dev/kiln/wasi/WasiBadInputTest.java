package dev.kiln.wasi;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.FunctionType;
import dev.kiln.Instance;
import dev.kiln.Memory;
import dev.kiln.Runtime;
import dev.kiln.ValueType;
import dev.kiln.testing.TestModule;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every WASI function called by a guest with bad input: pointers and lengths outside memory,
 * descriptors that are not open (or of the wrong kind), absurd sizes, offsets and flags. Each
 * returns its errno; no Java exception reaches the guest's caller; nothing a failed call touched
 * is half-done, and the data written before is all there.
 *
 * <p>The calls go through a guest module that imports every preview1 function and exports a
 * wrapper of each ({@code call_NAME}, the same signature), so they take the path a program's
 * calls take: the engine's host call with the guest as the calling instance.
 */
class WasiBadInputTest {

    private static final long M = 65536; // the guest's memory: one page
    private static final long HUGE = 0xFFFF_FFFFL; // the largest u32
    private static final int DIR = 3;
    private static final int FILE = 4;
    private static final int BAD = 99;

    @TempDir
    Path tmp;

    private Runtime runtime;
    private Wasi wasi;
    private Instance guest;
    private Memory memory;
    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();

    /** A module that imports every preview1 function and exports {@code call_NAME} wrappers. */
    static byte[] caller() {
        TestModule module = new TestModule();
        Map<Preview1, Integer> imports = new EnumMap<>(Preview1.class);
        for (Preview1 function : Preview1.values()) {
            imports.put(function, module.importFunction(Wasi.MODULE_NAME, function.importName(), function.type()));
        }
        module.memory(1, 1);
        for (Preview1 function : Preview1.values()) {
            FunctionType type = function.type();
            StringBuilder body = new StringBuilder();
            for (int i = 0; i < type.params().size(); i++) {
                body.append("local.get ").append(i).append(' ');
            }
            body.append("call ").append(imports.get(function));
            module.function("call_" + function.importName(), type, body.toString(), new ValueType[0]);
        }
        return module.encode();
    }

    private void start(WasiConfig config) {
        runtime = Runtime.create();
        wasi = Wasi.instantiate(runtime, config);
        guest = runtime.instantiate(runtime.compile(caller()));
        memory = guest.memory();
    }

    @BeforeEach
    void setUp() throws IOException {
        Files.writeString(tmp.resolve("data.txt"), "0123456789");
        start(WasiConfig.defaults().withPreopen(tmp, "/").withArgs("prog", "arg").withEnvironmentVariable("K", "V")
                .withStdin(new ByteArrayInputStream("input".getBytes(US_ASCII)))
                .withStdout(stdout));
        // fd 4: data.txt, open for reading and writing.
        memory.write(500, "data.txt".getBytes(US_ASCII));
        assertEquals(Errno.SUCCESS, call(Preview1.PATH_OPEN, DIR, 0, 500, 8, 0, Rights.REGULAR_FILE, 0, 0, 600));
        assertEquals(FILE, memory.readInt(600));
        write(FILE, "kept:");
        write(1, "out:");
    }

    @AfterEach
    void tearDown() {
        wasi.close();
        runtime.close();
    }

    /** Calls the guest's wrapper of {@code function}; the errno. Any Java exception fails the test. */
    private int call(Preview1 function, long... args) {
        return (int) guest.function("call_" + function.importName()).call(args)[0];
    }

    private void write(int fd, String text) {
        byte[] bytes = text.getBytes(US_ASCII);
        memory.write(1000, bytes);
        memory.writeInt(900, 1000);
        memory.writeInt(904, bytes.length);
        assertEquals(Errno.SUCCESS, call(Preview1.FD_WRITE, fd, 900, 1, 908));
        assertEquals(bytes.length, memory.readInt(908));
    }

    /** Each case: the function, its arguments and the errno it must return. */
    private record Case(Preview1 function, int errno, long... args) {}

    private static Case c(Preview1 function, int errno, long... args) {
        return new Case(function, errno, args);
    }

    @Test
    void everyFunctionRefusesBadInputWithItsErrno() throws IOException {
        // iovecs: at 100 one in memory {1000, 10}; at 120 one past the end {M - 4, 8};
        // at 140 a good one then a bad one.
        memory.writeInt(100, 1000);
        memory.writeInt(104, 10);
        memory.writeInt(120, (int) (M - 4));
        memory.writeInt(124, 8);
        memory.writeInt(140, 1000);
        memory.writeInt(144, 4);
        memory.writeInt(148, (int) (M - 2));
        memory.writeInt(152, 4);
        memory.write(500, "data.txt".getBytes(US_ASCII));
        // A poll subscription of an unknown type at 2000.
        memory.writeByte(2008, (byte) 9);
        long maxOffset = Long.MAX_VALUE;
        Case[] cases = {
            c(Preview1.ARGS_GET, Errno.FAULT, M - 3, 0),
            c(Preview1.ARGS_GET, Errno.FAULT, 0, HUGE),
            c(Preview1.ARGS_SIZES_GET, Errno.FAULT, M, 0),
            c(Preview1.ARGS_SIZES_GET, Errno.FAULT, 0, M - 3),
            c(Preview1.ENVIRON_GET, Errno.FAULT, HUGE, 0),
            c(Preview1.ENVIRON_SIZES_GET, Errno.FAULT, 0, HUGE),
            c(Preview1.CLOCK_RES_GET, Errno.FAULT, 0, M - 7),
            c(Preview1.CLOCK_RES_GET, Errno.INVAL, 4, 0),
            c(Preview1.CLOCK_TIME_GET, Errno.FAULT, 1, 0, M - 7),
            c(Preview1.CLOCK_TIME_GET, Errno.INVAL, HUGE, 0, 0),
            c(Preview1.FD_ADVISE, Errno.BADF, BAD, 0, 0, 0),
            c(Preview1.FD_ADVISE, Errno.INVAL, FILE, 0, 0, 6),
            c(Preview1.FD_ADVISE, Errno.INVAL, FILE, -1, 0, 0),
            c(Preview1.FD_ALLOCATE, Errno.BADF, BAD, 0, 1),
            c(Preview1.FD_ALLOCATE, Errno.INVAL, FILE, 0, 0),
            c(Preview1.FD_ALLOCATE, Errno.FBIG, FILE, maxOffset, 2),
            c(Preview1.FD_ALLOCATE, Errno.INVAL, FILE, -1, 1),
            c(Preview1.FD_CLOSE, Errno.BADF, BAD),
            c(Preview1.FD_CLOSE, Errno.BADF, HUGE),
            c(Preview1.FD_DATASYNC, Errno.BADF, BAD),
            c(Preview1.FD_FDSTAT_GET, Errno.BADF, BAD, 0),
            c(Preview1.FD_FDSTAT_GET, Errno.FAULT, FILE, M - 23),
            c(Preview1.FD_FDSTAT_SET_FLAGS, Errno.BADF, BAD, 0),
            c(Preview1.FD_FDSTAT_SET_FLAGS, Errno.INVAL, FILE, 0x10000),
            c(Preview1.FD_FDSTAT_SET_FLAGS, Errno.INVAL, FILE, 0x20),
            c(Preview1.FD_FDSTAT_SET_RIGHTS, Errno.BADF, BAD, 0, 0),
            c(Preview1.FD_FDSTAT_SET_RIGHTS, Errno.NOTCAPABLE, FILE, -1, -1),
            c(Preview1.FD_FILESTAT_GET, Errno.BADF, BAD, 0),
            c(Preview1.FD_FILESTAT_GET, Errno.FAULT, FILE, M - 63),
            c(Preview1.FD_FILESTAT_SET_SIZE, Errno.BADF, BAD, 0),
            c(Preview1.FD_FILESTAT_SET_SIZE, Errno.FBIG, FILE, -1),
            c(Preview1.FD_FILESTAT_SET_TIMES, Errno.BADF, BAD, 0, 0, 0),
            c(Preview1.FD_FILESTAT_SET_TIMES, Errno.INVAL, FILE, 0, 0, 0x10),
            c(Preview1.FD_FILESTAT_SET_TIMES, Errno.INVAL, FILE, 0, 0, Filestat.MTIM | Filestat.MTIM_NOW),
            c(Preview1.FD_PREAD, Errno.BADF, BAD, 100, 1, 0, 0),
            c(Preview1.FD_PREAD, Errno.FAULT, FILE, 120, 1, 0, 0),
            c(Preview1.FD_PREAD, Errno.FAULT, FILE, 140, 2, 0, 0),
            c(Preview1.FD_PREAD, Errno.FAULT, FILE, M - 4, 1, 0, 0),
            c(Preview1.FD_PREAD, Errno.FAULT, FILE, 100, HUGE, 0, 0),
            c(Preview1.FD_PREAD, Errno.FAULT, FILE, 100, 1, 0, M - 3),
            c(Preview1.FD_PREAD, Errno.INVAL, FILE, 100, 1, -1, 0),
            c(Preview1.FD_PRESTAT_GET, Errno.BADF, BAD, 0),
            c(Preview1.FD_PRESTAT_GET, Errno.BADF, FILE, 0),
            c(Preview1.FD_PRESTAT_GET, Errno.FAULT, DIR, M - 7),
            c(Preview1.FD_PRESTAT_DIR_NAME, Errno.BADF, BAD, 0, 1),
            c(Preview1.FD_PRESTAT_DIR_NAME, Errno.FAULT, DIR, M, 1),
            c(Preview1.FD_PRESTAT_DIR_NAME, Errno.FAULT, DIR, 0, HUGE),
            c(Preview1.FD_PRESTAT_DIR_NAME, Errno.NAMETOOLONG, DIR, 0, 0),
            c(Preview1.FD_PWRITE, Errno.BADF, BAD, 100, 1, 0, 0),
            c(Preview1.FD_PWRITE, Errno.FAULT, FILE, 120, 1, 0, 0),
            c(Preview1.FD_PWRITE, Errno.FAULT, FILE, 140, 2, 0, 0),
            c(Preview1.FD_PWRITE, Errno.FAULT, FILE, 100, 1, 0, HUGE),
            c(Preview1.FD_PWRITE, Errno.INVAL, FILE, 100, 1, maxOffset - 2, 0),
            c(Preview1.FD_PWRITE, Errno.INVAL, FILE, 100, 1, -1, 0),
            c(Preview1.FD_READ, Errno.BADF, BAD, 100, 1, 0),
            c(Preview1.FD_READ, Errno.BADF, 1, 100, 1, 0),
            c(Preview1.FD_READ, Errno.FAULT, FILE, 120, 1, 0),
            c(Preview1.FD_READ, Errno.FAULT, FILE, 140, 2, 0),
            c(Preview1.FD_READ, Errno.FAULT, 0, 140, 2, 0),
            c(Preview1.FD_READ, Errno.FAULT, FILE, 100, HUGE, 0),
            c(Preview1.FD_READ, Errno.FAULT, FILE, 100, 1, M - 1),
            c(Preview1.FD_READDIR, Errno.BADF, BAD, 0, 10, 0, 0),
            c(Preview1.FD_READDIR, Errno.NOTCAPABLE, FILE, 0, 10, 0, 0),
            c(Preview1.FD_READDIR, Errno.FAULT, DIR, M - 10, 20, 0, 0),
            c(Preview1.FD_READDIR, Errno.FAULT, DIR, 0, HUGE, 0, 0),
            c(Preview1.FD_READDIR, Errno.FAULT, DIR, 0, 10, 0, M - 2),
            c(Preview1.FD_RENUMBER, Errno.BADF, BAD, FILE),
            c(Preview1.FD_RENUMBER, Errno.BADF, FILE, BAD),
            c(Preview1.FD_SEEK, Errno.BADF, BAD, 0, 0, 0),
            c(Preview1.FD_SEEK, Errno.INVAL, FILE, 0, 3, 0),
            c(Preview1.FD_SEEK, Errno.INVAL, FILE, -1, 0, 0),
            c(Preview1.FD_SEEK, Errno.OVERFLOW, FILE, maxOffset, 2, 0),
            c(Preview1.FD_SEEK, Errno.FAULT, FILE, 0, 0, M - 7),
            c(Preview1.FD_SEEK, Errno.SPIPE, 1, 0, 0, 0),
            c(Preview1.FD_SYNC, Errno.BADF, BAD),
            c(Preview1.FD_TELL, Errno.BADF, BAD, 0),
            c(Preview1.FD_TELL, Errno.FAULT, FILE, M - 4),
            c(Preview1.FD_WRITE, Errno.BADF, BAD, 100, 1, 0),
            c(Preview1.FD_WRITE, Errno.BADF, 0, 100, 1, 0),
            c(Preview1.FD_WRITE, Errno.FAULT, FILE, 120, 1, 0),
            c(Preview1.FD_WRITE, Errno.FAULT, FILE, 140, 2, 0),
            c(Preview1.FD_WRITE, Errno.FAULT, 1, 140, 2, 0),
            c(Preview1.FD_WRITE, Errno.FAULT, FILE, HUGE, 1, 0),
            c(Preview1.FD_WRITE, Errno.FAULT, 1, 100, 1, HUGE),
            c(Preview1.FD_WRITE, Errno.INVAL, FILE, 0, IovecArray.MAX_BUFFERS + 1, 0),
            c(Preview1.FD_READ, Errno.INVAL, FILE, 0, IovecArray.MAX_BUFFERS + 1, 0),
            c(Preview1.PATH_CREATE_DIRECTORY, Errno.BADF, BAD, 500, 3),
            c(Preview1.PATH_CREATE_DIRECTORY, Errno.NOTDIR, FILE, 500, 3),
            c(Preview1.PATH_CREATE_DIRECTORY, Errno.FAULT, DIR, M - 2, 3),
            c(Preview1.PATH_CREATE_DIRECTORY, Errno.FAULT, DIR, 500, HUGE),
            c(Preview1.PATH_FILESTAT_GET, Errno.BADF, BAD, 0, 500, 8, 0),
            c(Preview1.PATH_FILESTAT_GET, Errno.FAULT, DIR, 0, M - 1, 8, 0),
            c(Preview1.PATH_FILESTAT_GET, Errno.FAULT, DIR, 0, 500, 8, M - 63),
            c(Preview1.PATH_FILESTAT_SET_TIMES, Errno.BADF, BAD, 0, 500, 8, 0, 0, 0),
            c(Preview1.PATH_FILESTAT_SET_TIMES, Errno.FAULT, DIR, 0, 500, HUGE, 0, 0, 0),
            c(Preview1.PATH_FILESTAT_SET_TIMES, Errno.INVAL, DIR, 0, 500, 8, 0, 0, 0x40),
            c(Preview1.PATH_LINK, Errno.BADF, BAD, 0, 500, 8, DIR, 520, 3),
            c(Preview1.PATH_LINK, Errno.BADF, DIR, 0, 500, 8, BAD, 520, 3),
            c(Preview1.PATH_LINK, Errno.FAULT, DIR, 0, M - 4, 8, DIR, 520, 3),
            c(Preview1.PATH_LINK, Errno.FAULT, DIR, 0, 500, 8, DIR, 520, HUGE),
            c(Preview1.PATH_OPEN, Errno.BADF, BAD, 0, 500, 8, 0, 0, 0, 0, 600),
            c(Preview1.PATH_OPEN, Errno.NOTDIR, FILE, 0, 500, 8, 0, 0, 0, 0, 600),
            c(Preview1.PATH_OPEN, Errno.FAULT, DIR, 0, M - 4, 8, 0, 0, 0, 0, 600),
            c(Preview1.PATH_OPEN, Errno.FAULT, DIR, 0, 500, 8, 0, 0, 0, 0, M - 3),
            c(Preview1.PATH_OPEN, Errno.INVAL, DIR, 0, 500, 8, 0x10, 0, 0, 0, 600),
            c(Preview1.PATH_OPEN, Errno.INVAL, DIR, 0, 500, 8, 0, 0, 0, 0x20, 600),
            c(Preview1.PATH_READLINK, Errno.BADF, BAD, 500, 8, 0, 10, 0),
            c(Preview1.PATH_READLINK, Errno.FAULT, DIR, 500, 8, M - 5, 10, 0),
            c(Preview1.PATH_READLINK, Errno.FAULT, DIR, 500, 8, 0, 10, HUGE),
            c(Preview1.PATH_REMOVE_DIRECTORY, Errno.BADF, BAD, 500, 8),
            c(Preview1.PATH_REMOVE_DIRECTORY, Errno.FAULT, DIR, HUGE, 8),
            c(Preview1.PATH_RENAME, Errno.BADF, BAD, 500, 8, DIR, 520, 3),
            c(Preview1.PATH_RENAME, Errno.BADF, DIR, 500, 8, BAD, 520, 3),
            c(Preview1.PATH_RENAME, Errno.FAULT, DIR, 500, 8, DIR, M - 1, 3),
            c(Preview1.PATH_SYMLINK, Errno.FAULT, M - 1, 8, DIR, 520, 3),
            c(Preview1.PATH_SYMLINK, Errno.BADF, 500, 8, BAD, 520, 3),
            c(Preview1.PATH_SYMLINK, Errno.FAULT, 500, 8, DIR, 520, HUGE),
            c(Preview1.PATH_UNLINK_FILE, Errno.BADF, BAD, 500, 8),
            c(Preview1.PATH_UNLINK_FILE, Errno.NOTDIR, FILE, 500, 8),
            c(Preview1.PATH_UNLINK_FILE, Errno.FAULT, DIR, 500, HUGE),
            c(Preview1.POLL_ONEOFF, Errno.INVAL, 0, 0, 0, 0),
            c(Preview1.POLL_ONEOFF, Errno.FAULT, M - 47, 0, 1, 0),
            c(Preview1.POLL_ONEOFF, Errno.FAULT, 0, M - 31, 1, 0),
            c(Preview1.POLL_ONEOFF, Errno.FAULT, 0, 0, HUGE, 0),
            c(Preview1.POLL_ONEOFF, Errno.FAULT, 0, 3000, 1, M - 3),
            c(Preview1.POLL_ONEOFF, Errno.INVAL, 2000, 3000, 1, 0),
            c(Preview1.PROC_RAISE, Errno.NOSYS, 6),
            c(Preview1.RANDOM_GET, Errno.FAULT, M - 1, 2),
            c(Preview1.RANDOM_GET, Errno.FAULT, 0, HUGE),
            c(Preview1.SCHED_YIELD, Errno.SUCCESS),
            c(Preview1.SOCK_ACCEPT, Errno.BADF, BAD, 0, 0),
            c(Preview1.SOCK_ACCEPT, Errno.NOTSOCK, FILE, 0, 0),
            c(Preview1.SOCK_RECV, Errno.BADF, BAD, 100, 1, 0, 0, 4),
            c(Preview1.SOCK_RECV, Errno.NOTSOCK, 0, 100, 1, 0, 0, 4),
            c(Preview1.SOCK_SEND, Errno.BADF, BAD, 100, 1, 0, 0),
            c(Preview1.SOCK_SEND, Errno.NOTSOCK, 1, 100, 1, 0, 0),
            c(Preview1.SOCK_SHUTDOWN, Errno.BADF, BAD, 1),
            c(Preview1.SOCK_SHUTDOWN, Errno.NOTSOCK, DIR, 1),
        };
        Set<Preview1> covered = EnumSet.noneOf(Preview1.class);
        for (Case test : cases) {
            assertEquals(test.errno, call(test.function, test.args),
                    test.function.importName() + java.util.Arrays.toString(test.args));
            covered.add(test.function);
        }
        Set<Preview1> all = EnumSet.allOf(Preview1.class);
        all.remove(Preview1.PROC_EXIT); // never returns, see procExitWithAnAbsurdCodeStillExits
        assertEquals(all, covered, "every function is called with bad input");

        assertEverythingWrittenBeforeIsThere();
    }

    /**
     * The file holds what was written and nothing a failed call tried to add; its position is
     * where the successful calls left it; stdout has the good write only; stdin was not consumed.
     */
    private void assertEverythingWrittenBeforeIsThere() throws IOException {
        assertEquals("kept:56789", Files.readString(tmp.resolve("data.txt")));
        assertEquals(Errno.SUCCESS, call(Preview1.FD_TELL, FILE, 700));
        assertEquals(5, memory.readLong(700), "no failed call moved the position");
        write(FILE, "more");
        assertEquals("kept:more9", Files.readString(tmp.resolve("data.txt")));
        assertEquals("out:", stdout.toString(US_ASCII));
        write(1, "again");
        assertEquals("out:again", stdout.toString(US_ASCII));
        memory.writeInt(900, 1000);
        memory.writeInt(904, 100);
        assertEquals(Errno.SUCCESS, call(Preview1.FD_READ, 0, 900, 1, 908));
        assertEquals("input", new String(memory.read(1000, memory.readInt(908)), US_ASCII));
        try (var names = Files.list(tmp)) {
            assertEquals(1, names.count(), "no failed call created anything");
        }
    }

    @Test
    void procExitWithAnAbsurdCodeStillExits() {
        var exit = assertThrows(WasiExitException.class, () -> call(Preview1.PROC_EXIT, HUGE));
        assertEquals(-1, exit.exitCode());
    }

    @Test
    void socketsRefuseBadInputWithoutLosingAConnectionOrItsBytes() throws IOException {
        tearDown();
        try (ServerSocketChannel listener = ServerSocketChannel.open()
                .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
             Socket client = new Socket(InetAddress.getLoopbackAddress(),
                     ((InetSocketAddress) listener.getLocalAddress()).getPort())) {
            start(WasiConfig.defaults().withListener(listener));
            int listenerFd = 3;
            assertEquals(Errno.FAULT, call(Preview1.SOCK_ACCEPT, listenerFd, 0, M - 3));
            assertEquals(Errno.INVAL, call(Preview1.SOCK_ACCEPT, listenerFd, 0x10, 0));
            assertEquals(Errno.SUCCESS, call(Preview1.SOCK_ACCEPT, listenerFd, 0, 0), "the connection still waits");
            int fd = memory.readInt(0);
            client.getOutputStream().write("payload".getBytes(US_ASCII));
            memory.writeInt(100, 1000);
            memory.writeInt(104, 100);
            memory.writeInt(120, (int) (M - 4));
            memory.writeInt(124, 8);
            assertEquals(Errno.FAULT, call(Preview1.SOCK_RECV, fd, 120, 1, 0, 8, 12));
            assertEquals(Errno.FAULT, call(Preview1.SOCK_RECV, fd, 100, 1, 0, M - 3, 12));
            assertEquals(Errno.FAULT, call(Preview1.SOCK_RECV, fd, 100, 1, 0, 8, M - 1));
            assertEquals(Errno.FAULT, call(Preview1.SOCK_RECV, fd, 100, HUGE, 0, 8, 12));
            assertEquals(Errno.INVAL, call(Preview1.SOCK_RECV, fd, 100, 1, 0x100, 8, 12));
            memory.writeInt(104, 7);
            assertEquals(Errno.SUCCESS, call(Preview1.SOCK_RECV, fd, 100, 1, 2 /* RECV_WAITALL */, 8, 12));
            assertEquals("payload", new String(memory.read(1000, memory.readInt(8)), US_ASCII), "no byte lost");
            assertEquals(Errno.FAULT, call(Preview1.SOCK_SEND, fd, 120, 1, 0, 8));
            assertEquals(Errno.FAULT, call(Preview1.SOCK_SEND, fd, 100, 1, 0, HUGE));
            assertEquals(Errno.INVAL, call(Preview1.SOCK_SEND, fd, 100, 1, 1, 8));
            assertEquals(Errno.INVAL, call(Preview1.SOCK_SHUTDOWN, fd, 0));
            assertEquals(Errno.INVAL, call(Preview1.SOCK_SHUTDOWN, fd, 7));
            assertEquals(Errno.INVAL, call(Preview1.FD_FDSTAT_SET_FLAGS, fd, 0x10000));
            assertEquals(Errno.NOTSUP, call(Preview1.FD_FDSTAT_SET_FLAGS, fd, FdFlags.SYNC));
            memory.write(1000, "reply".getBytes(US_ASCII));
            memory.writeInt(104, 5);
            assertEquals(Errno.SUCCESS, call(Preview1.SOCK_SEND, fd, 100, 1, 0, 8));
            assertEquals(Errno.SUCCESS, call(Preview1.SOCK_SHUTDOWN, fd, 2));
            assertEquals("reply", new String(client.getInputStream().readAllBytes(), US_ASCII),
                    "only the good send reached the peer");
        }
    }

    /**
     * Thousands of calls of every function with arguments drawn from the values that break
     * things (0, 1, the ends of memory, the u32 and i64 extremes, open and closed descriptors):
     * whatever they do, they return an errno and throw nothing into the caller.
     */
    @Test
    void randomBadArgumentsNeverThrow() {
        long[] values = {0, 1, 2, 3, 4, 5, 8, 99, 600, M - 8, M - 1, M, M + 1, 0x7FFF_FFFFL, 0x8000_0000L, HUGE,
                Long.MAX_VALUE, Long.MIN_VALUE, -1, 0x1_0000_0000L};
        Random random = new Random(20261124);
        for (Preview1 function : Preview1.values()) {
            if (function == Preview1.PROC_EXIT) {
                continue;
            }
            for (int round = 0; round < 300; round++) {
                long[] args = new long[function.type().params().size()];
                for (int i = 0; i < args.length; i++) {
                    long value = values[random.nextInt(values.length)];
                    args[i] = function.type().params().get(i) == ValueType.I32 ? value & HUGE : value;
                }
                if (function == Preview1.POLL_ONEOFF) {
                    // Zeroed subscriptions are clocks that have already fired: the poll never waits.
                    memory.write(0, new byte[(int) M]);
                }
                int errno = call(function, args);
                assertTrue(errno >= 0 && errno <= Errno.NOTCAPABLE, function + " returned " + errno);
            }
        }
    }
}
