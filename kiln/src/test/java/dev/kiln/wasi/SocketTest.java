package dev.kiln.wasi;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.Instance;
import dev.kiln.Runtime;
import dev.kiln.TrapException;
import dev.kiln.TrapKind;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.channels.ServerSocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Preopened listening sockets: WASI guests serving HTTP/1.0 to Java clients (blocking calls, and
 * non-blocking descriptors under one {@code poll_oneoff} loop), and the {@code sock_*},
 * {@code fd_*} and {@code poll_oneoff} calls on sockets made directly.
 */
class SocketTest {

    private final ServerSocketChannel listener = listen();

    private static ServerSocketChannel listen() {
        try {
            return ServerSocketChannel.open().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @AfterEach
    void closeListener() throws IOException {
        listener.close();
    }

    private int port() throws IOException {
        return ((InetSocketAddress) listener.getLocalAddress()).getPort();
    }

    /** Runs the WASI command {@code wasm} with the listener as fd 3 on a thread of its own. */
    private CompletableFuture<Integer> serve(byte[] wasm) {
        return CompletableFuture.supplyAsync(() -> {
            try (Runtime runtime = Runtime.create();
                 Wasi wasi = Wasi.instantiate(runtime, WasiConfig.defaults().withListener(listener))) {
                return wasi.run(runtime.instantiate(runtime.compile(wasm)));
            }
        }, Executors.newVirtualThreadPerTaskExecutor());
    }

    /**
     * A connection to the listener. Its reads give up after a minute, so a server that never
     * answers fails the test instead of hanging the build.
     */
    private Socket client() throws IOException {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), port());
        socket.setSoTimeout(60_000);
        return socket;
    }

    /** One HTTP/1.0 exchange: the request goes out in two parts, the answer is read to the end. */
    private String get(String path) throws IOException {
        try (Socket socket = client()) {
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.0\r\n").getBytes(US_ASCII));
            out.flush();
            out.write("Host: kiln\r\n\r\n".getBytes(US_ASCII));
            out.flush();
            return new String(socket.getInputStream().readAllBytes(), US_ASCII);
        }
    }

    private static String expectedAnswer(String path) {
        return WasiGuests.HTTP_HEADER + "GET " + path + " HTTP/1.0\r\nHost: kiln\r\n\r\n";
    }

    @Test
    void aBlockingServerAnswersOneHundredConnectionsInARow() throws Exception {
        CompletableFuture<Integer> server = serve(WasiGuests.blockingHttpServer(100));
        for (int i = 0; i < 100; i++) {
            assertEquals(expectedAnswer("/row/" + i), get("/row/" + i));
        }
        assertEquals(0, server.get(60, TimeUnit.SECONDS));
    }

    @Test
    void aPollingServerAnswersEightConnectionsAtOnce() throws Exception {
        int rounds = 4;
        CompletableFuture<Integer> server = serve(WasiGuests.pollingHttpServer(8 * rounds));
        answerEightAtOnce(rounds);
        assertEquals(0, server.get(60, TimeUnit.SECONDS));
    }

    /** {@code rounds} times, eight clients connected at once, each reading its answer. */
    private void answerEightAtOnce(int rounds) throws Exception {
        try (ExecutorService clients = Executors.newFixedThreadPool(8)) {
            for (int round = 0; round < rounds; round++) {
                // All eight are connected and have sent the first half of their request before
                // any sends the rest, so the server holds eight open connections at once.
                CountDownLatch connected = new CountDownLatch(8);
                List<Future<String>> answers = new ArrayList<>();
                for (int c = 0; c < 8; c++) {
                    String path = "/round/" + round + "/client/" + c;
                    answers.add(clients.submit(() -> {
                        try (Socket socket = client()) {
                            OutputStream out = socket.getOutputStream();
                            out.write(("GET " + path + " HTTP/1.0\r\n").getBytes(US_ASCII));
                            out.flush();
                            connected.countDown();
                            connected.await();
                            out.write("Host: kiln\r\n\r\n".getBytes(US_ASCII));
                            out.flush();
                            return new String(socket.getInputStream().readAllBytes(), US_ASCII);
                        }
                    }));
                }
                for (int c = 0; c < 8; c++) {
                    assertEquals(expectedAnswer("/round/" + round + "/client/" + c), answers.get(c).get(60, TimeUnit.SECONDS));
                }
            }
        }
    }

    /** {@code httpd.wasm}: the same HTTP/1.0 service from a C program (built with clang-14 and wasi-libc). */
    private CompletableFuture<Integer> serveC(int connections) {
        return CompletableFuture.supplyAsync(() -> {
            try (Runtime runtime = Runtime.create();
                 Wasi wasi = Wasi.instantiate(runtime, WasiConfig.defaults()
                         .withArgs("httpd.wasm", Integer.toString(connections))
                         .withListener(listener))) {
                return wasi.run(runtime.instantiate(runtime.compile(EscapeGuestTest.guest("httpd.wasm"))));
            }
        }, Executors.newVirtualThreadPerTaskExecutor());
    }

    @Test
    void aCServerAnswersOneHundredConnectionsInARow() throws Exception {
        CompletableFuture<Integer> server = serveC(100);
        for (int i = 0; i < 100; i++) {
            assertEquals(expectedAnswer("/c/" + i), get("/c/" + i));
        }
        assertEquals(0, server.get(60, TimeUnit.SECONDS));
    }

    @Test
    void aCServerAnswersEightClientsConnectedAtOnce() throws Exception {
        CompletableFuture<Integer> server = serveC(8 * 2);
        answerEightAtOnce(2);
        assertEquals(0, server.get(60, TimeUnit.SECONDS));
    }

    @Test
    void thePollingServerAlsoAnswersOneHundredInARow() throws Exception {
        CompletableFuture<Integer> server = serve(WasiGuests.pollingHttpServer(100));
        for (int i = 0; i < 100; i++) {
            assertEquals(expectedAnswer("/poll/" + i), get("/poll/" + i));
        }
        assertEquals(0, server.get(60, TimeUnit.SECONDS));
    }

    @Test
    void wasiInterruptEndsAGuestBlockedInAccept() throws Exception {
        interruptABlockedAccept(Wasi::interrupt);
    }

    @Test
    void theInstancesOwnInterruptEndsAGuestBlockedInAccept() throws Exception {
        interruptABlockedAccept((wasi, server) -> server.interrupt());
    }

    /** Runs a server blocked in {@code sock_accept} and stops it with {@code interrupt}. */
    private void interruptABlockedAccept(java.util.function.BiPredicate<Wasi, Instance> interrupt) throws Exception {
        try (Runtime runtime = Runtime.create();
             Wasi wasi = Wasi.instantiate(runtime, WasiConfig.defaults().withListener(listener))) {
            Instance server = runtime.instantiate(runtime.compile(WasiGuests.blockingHttpServer(1)));
            CompletableFuture<Integer> run = CompletableFuture.supplyAsync(() -> wasi.run(server),
                    Executors.newVirtualThreadPerTaskExecutor());
            // An interrupt is false until the guest's call has started; it then ends the wait.
            while (!interrupt.test(wasi, server)) {
                Thread.sleep(1);
            }
            var failure = assertThrows(java.util.concurrent.ExecutionException.class, () -> run.get(60, TimeUnit.SECONDS));
            assertEquals(TrapKind.INTERRUPTED, ((TrapException) failure.getCause()).kind());
        }
    }

    @Test
    void aFunctionTimeoutAloneEndsAGuestBlockedInAccept() {
        try (Runtime runtime = Runtime.create();
             Wasi wasi = Wasi.instantiate(runtime, WasiConfig.defaults().withListener(listener))) {
            Instance server = runtime.instantiate(runtime.compile(WasiGuests.blockingHttpServer(1)));
            var start = server.function(Wasi.START_FUNCTION).withTimeout(Duration.ofMillis(200));
            TrapException trap = assertThrows(TrapException.class, start::call);
            assertEquals(TrapKind.INTERRUPTED, trap.kind());
        }
    }

    @Test
    void aTimeoutEndsAGuestBlockedInAccept() {
        try (Runtime runtime = Runtime.create();
             Wasi wasi = Wasi.instantiate(runtime, WasiConfig.defaults().withListener(listener))) {
            Instance server = runtime.instantiate(runtime.compile(WasiGuests.blockingHttpServer(1)));
            TrapException trap = assertThrows(TrapException.class, () -> wasi.run(server, Duration.ofMillis(200)));
            assertEquals(TrapKind.INTERRUPTED, trap.kind());
        }
    }

    // ---- direct calls ------------------------------------------------------------------------

    private WasiHarness wasi;

    private WasiHarness harness() {
        wasi = new WasiHarness(WasiConfig.defaults().withListener(listener));
        return wasi;
    }

    @AfterEach
    void closeHarness() {
        if (wasi != null) {
            wasi.close();
        }
    }

    private static final int LISTENER = 3;

    /** Accepts the connection {@code client} made; returns its descriptor. */
    private int accept(int flags) {
        assertEquals(Errno.SUCCESS, wasi.call(Preview1.SOCK_ACCEPT, LISTENER, flags, 0));
        return wasi.memory.readInt(0);
    }

    private Socket connect() throws IOException {
        return new Socket(InetAddress.getLoopbackAddress(), port());
    }

    /** sock_recv of at most {@code length} bytes into 1000; returns the errno, the count at 8. */
    private int recv(int fd, int length, int flags) {
        wasi.writeIovecs(16, 1000, length);
        return wasi.call(Preview1.SOCK_RECV, fd, 16, 1, flags, 8, 12);
    }

    private int send(int fd, String text) {
        byte[] bytes = text.getBytes(US_ASCII);
        wasi.memory.write(2000, bytes);
        wasi.writeIovecs(24, 2000, bytes.length);
        return wasi.call(Preview1.SOCK_SEND, fd, 24, 1, 0, 8);
    }

    @Test
    void theListenerIsTheDescriptorAfterThePreopensAndASocket() throws IOException {
        harness();
        assertEquals(Errno.SUCCESS, wasi.call(Preview1.FD_FDSTAT_GET, LISTENER, 100));
        assertEquals(FileType.SOCKET_STREAM, wasi.memory.readByte(100));
        assertEquals(ListenerFile.RIGHTS, wasi.memory.readLong(108));
        assertEquals(Errno.BADF, wasi.call(Preview1.FD_PRESTAT_GET, LISTENER, 100), "not a directory preopen");
        assertEquals(Errno.SUCCESS, wasi.call(Preview1.FD_FILESTAT_GET, LISTENER, 100));
        assertEquals(FileType.SOCKET_STREAM, wasi.memory.readByte(116));
        assertEquals(Errno.NOTSOCK, wasi.call(Preview1.SOCK_ACCEPT, 1, 0, 0));
        assertEquals(Errno.BADF, wasi.call(Preview1.SOCK_ACCEPT, 9, 0, 0));
        assertEquals(Errno.NOTCONN, recv(LISTENER, 10, 0));
        assertEquals(Errno.NOTCONN, send(LISTENER, "x"));
        assertEquals(Errno.NOTCONN, wasi.call(Preview1.SOCK_SHUTDOWN, LISTENER, 2));
        assertEquals(Errno.BADF, wasi.call(Preview1.FD_READ, LISTENER, 16, 1, 8), "a listener has no fd_read right");
    }

    @Test
    void withTwoPreopenedDirectoriesTheListenerIsFd5(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp) {
        wasi = new WasiHarness(WasiConfig.defaults().withPreopen(tmp, "/a").withPreopen(tmp, "/b").withListener(listener));
        assertEquals(Errno.SUCCESS, wasi.call(Preview1.FD_FDSTAT_GET, 5, 100));
        assertEquals(FileType.SOCKET_STREAM, wasi.memory.readByte(100));
        assertEquals(Errno.SUCCESS, wasi.call(Preview1.FD_FDSTAT_GET, 4, 100));
        assertEquals(FileType.DIRECTORY, wasi.memory.readByte(100));
    }

    @Test
    void nonBlockingAcceptAndReceiveAreEagainUntilSomethingArrives() throws Exception {
        harness();
        assertEquals(Errno.SUCCESS, wasi.call(Preview1.FD_FDSTAT_SET_FLAGS, LISTENER, FdFlags.NONBLOCK));
        assertEquals(Errno.AGAIN, wasi.call(Preview1.SOCK_ACCEPT, LISTENER, FdFlags.NONBLOCK, 0));
        try (Socket client = connect()) {
            int fd = acceptWhenReady(FdFlags.NONBLOCK);
            assertEquals(Errno.SUCCESS, wasi.call(Preview1.FD_FDSTAT_GET, fd, 100));
            assertEquals(FileType.SOCKET_STREAM, wasi.memory.readByte(100));
            assertEquals(FdFlags.NONBLOCK, wasi.memory.readShort(102));
            assertEquals(SocketFile.RIGHTS, wasi.memory.readLong(108));
            assertEquals(Errno.AGAIN, recv(fd, 100, 0));
            wasi.writeIovecs(16, 1000, 100);
            assertEquals(Errno.AGAIN, wasi.call(Preview1.FD_READ, fd, 16, 1, 8));
            client.getOutputStream().write("ping".getBytes(US_ASCII));
            awaitReadable(fd);
            assertEquals(Errno.SUCCESS, recv(fd, 100, 0));
            assertEquals(4, wasi.memory.readInt(8));
            assertEquals("ping", new String(wasi.memory.read(1000, 4), US_ASCII));
            assertEquals(0, wasi.memory.readShort(12), "ro_flags");
        }
    }

    /** Polls the listener (no timeout) until it is readable, then accepts. */
    private int acceptWhenReady(int flags) {
        assertEquals(Errno.SUCCESS, pollOne(LISTENER, 1, -1));
        assertEquals(1, wasi.memory.readInt(0), "one event");
        assertEquals(0, wasi.memory.readShort(3008), "no error");
        return accept(flags);
    }

    private void awaitReadable(int fd) {
        assertEquals(Errno.SUCCESS, pollOne(fd, 1, -1));
        assertEquals(1, wasi.memory.readInt(0));
    }

    /**
     * poll_oneoff on one descriptor subscription (type 1 fd_read, 2 fd_write) and, if
     * {@code clockMillis >= 0}, a relative monotonic clock; events at 3000, count at 0.
     */
    private int pollOne(int fd, int type, long clockMillis) {
        wasi.memory.write(4000, new byte[96]);
        wasi.memory.writeLong(4000, 0xF0);
        wasi.memory.writeByte(4008, (byte) type);
        wasi.memory.writeInt(4016, fd);
        if (clockMillis >= 0) {
            wasi.memory.writeLong(4048, 0xC0);
            wasi.memory.writeByte(4056, (byte) 0);
            wasi.memory.writeInt(4064, WasiClockId.MONOTONIC.ordinal());
            wasi.memory.writeLong(4072, clockMillis * 1_000_000);
        }
        return wasi.call(Preview1.POLL_ONEOFF, 4000, 3000, clockMillis >= 0 ? 2 : 1, 0);
    }

    /** poll_oneoff on one relative monotonic clock subscription. */
    private int pollClock(long millis) {
        wasi.memory.write(4000, new byte[48]);
        wasi.memory.writeInt(4016, WasiClockId.MONOTONIC.ordinal());
        wasi.memory.writeLong(4024, millis * 1_000_000);
        return wasi.call(Preview1.POLL_ONEOFF, 4000, 3000, 1, 0);
    }

    @Test
    void pollReportsBytesArrivedWritabilityAndHangUp() throws Exception {
        harness();
        try (Socket client = connect()) {
            int fd = accept(0);
            assertEquals(Errno.SUCCESS, pollOne(fd, 2, -1), "fd_write");
            assertEquals(1, wasi.memory.readInt(0));
            assertEquals(0xF0, wasi.memory.readLong(3000));
            assertEquals(2, wasi.memory.readByte(3010));

            client.getOutputStream().write("hello".getBytes(US_ASCII));
            awaitReadable(fd);
            assertEquals(0xF0, wasi.memory.readLong(3000));
            assertEquals(1, wasi.memory.readByte(3010));
            long nbytes = wasi.memory.readLong(3016);
            assertTrue(nbytes >= 1 && nbytes <= 5, "nbytes " + nbytes);
            assertEquals(0, wasi.memory.readShort(3024), "no hang-up yet");

            assertEquals(Errno.SUCCESS, recv(fd, 3, SockFlags.PEEK));
            assertEquals("hel", new String(wasi.memory.read(1000, wasi.memory.readInt(8)), US_ASCII).substring(0, 3));
            assertEquals(Errno.SUCCESS, recv(fd, 5, SockFlags.WAITALL));
            assertEquals(5, wasi.memory.readInt(8), "WAITALL waits for all five");
            assertEquals("hello", new String(wasi.memory.read(1000, 5), US_ASCII));

            client.shutdownOutput();
            awaitReadable(fd);
            assertEquals(0, wasi.memory.readLong(3016), "nbytes at end of input");
            assertEquals(1, wasi.memory.readShort(3024), "FD_READWRITE_HANGUP");
            assertEquals(Errno.SUCCESS, recv(fd, 100, 0));
            assertEquals(0, wasi.memory.readInt(8), "end of input");
        }
    }

    @Test
    void aClockEndsAPollOnAnIdleSocketAndMixedSubscriptionsReportWhatIsReady() throws Exception {
        harness();
        try (Socket client = connect()) {
            int fd = accept(0);
            assertEquals(Errno.SUCCESS, pollOne(fd, 1, 20));
            assertEquals(1, wasi.memory.readInt(0));
            assertEquals(0xC0, wasi.memory.readLong(3000), "the clock fired, the socket had nothing");
            assertEquals(0, wasi.memory.readByte(3010));

            client.getOutputStream().write('x');
            assertEquals(Errno.SUCCESS, pollOne(fd, 1, 60_000));
            assertEquals(1, wasi.memory.readInt(0));
            assertEquals(0xF0, wasi.memory.readLong(3000), "the socket, long before the clock");

            // A listener, a connection, stdout and a file-less stdin: the ready ones are reported.
            wasi.memory.write(4000, new byte[4 * 48]);
            int[][] subscriptions = {{LISTENER, 1}, {fd, 1}, {1, 2}, {fd, 2}};
            for (int i = 0; i < subscriptions.length; i++) {
                wasi.memory.writeLong(4000 + 48L * i, i);
                wasi.memory.writeByte(4008 + 48L * i, (byte) subscriptions[i][1]);
                wasi.memory.writeInt(4016 + 48L * i, subscriptions[i][0]);
            }
            assertEquals(Errno.SUCCESS, wasi.call(Preview1.POLL_ONEOFF, 4000, 3000, 4, 0));
            List<Long> ready = new ArrayList<>();
            for (int i = 0; i < wasi.memory.readInt(0); i++) {
                ready.add(wasi.memory.readLong(3000 + 32L * i));
            }
            assertEquals(List.of(1L, 2L, 3L), ready, "no connection is waiting on the listener");
        }
    }

    @Test
    void wakeupEndsABlockedAcceptRecvAndPollWithEintr() throws Exception {
        harness();
        try (Socket client = connect()) {
            int fd = accept(0);
            try (ExecutorService waker = Executors.newSingleThreadExecutor()) {
                waker.submit(() -> {
                    Thread.sleep(50);
                    wasi.wakeup();
                    return null;
                });
                assertEquals(Errno.INTR, recv(fd, 10, 0));
                wasi.wakeup(); // no wait in progress: the next one ends at once
                assertEquals(Errno.INTR, wasi.call(Preview1.SOCK_ACCEPT, LISTENER, 0, 0));
                wasi.wakeup();
                assertEquals(Errno.INTR, pollOne(fd, 1, 60_000));
                wasi.wakeup();
                assertEquals(Errno.INTR, pollClock(60_000), "a clock-only wait too");
            }
            client.getOutputStream().write('y');
            assertEquals(Errno.SUCCESS, recv(fd, 10, 0), "nothing left over from the wake-ups");
            assertEquals('y', wasi.memory.readByte(1000));
        }
    }

    @Test
    void sendShutdownAndTheirErrors() throws Exception {
        harness();
        try (Socket client = connect()) {
            int fd = accept(0);
            assertEquals(Errno.SUCCESS, send(fd, "answer"));
            assertEquals(6, wasi.memory.readInt(8));
            wasi.writeIovecs(24, 2000, 2);
            assertEquals(Errno.INVAL, wasi.call(Preview1.SOCK_SEND, fd, 24, 1, 1, 8), "no si_flags exist");
            assertEquals(Errno.INVAL, recv(fd, 10, 4));
            assertEquals(Errno.INVAL, wasi.call(Preview1.SOCK_SHUTDOWN, fd, 0));
            assertEquals(Errno.INVAL, wasi.call(Preview1.SOCK_SHUTDOWN, fd, 4));
            assertEquals(Errno.INVAL, wasi.call(Preview1.SOCK_ACCEPT, fd, 0, 0), "a connection does not accept");
            assertEquals(Errno.INVAL, wasi.call(Preview1.SOCK_ACCEPT, LISTENER, FdFlags.APPEND, 0));
            assertEquals(Errno.SUCCESS, wasi.call(Preview1.SOCK_SHUTDOWN, fd, 2));
            InputStream in = client.getInputStream();
            assertArrayEquals("answer".getBytes(US_ASCII), in.readAllBytes(), "then end of file");
            assertEquals(Errno.PIPE, send(fd, "late"));
            assertEquals(Errno.NOTSUP, wasi.call(Preview1.FD_FDSTAT_SET_FLAGS, fd, FdFlags.APPEND));
            assertEquals(Errno.SPIPE, wasi.call(Preview1.FD_SEEK, fd, 0, 0, 8));
            assertEquals(Errno.SUCCESS, wasi.call(Preview1.SOCK_SHUTDOWN, fd, 1));
            assertEquals(Errno.SUCCESS, recv(fd, 10, 0));
            assertEquals(0, wasi.memory.readInt(8), "shut down for reading: end of input");
            assertEquals(Errno.SUCCESS, wasi.call(Preview1.FD_CLOSE, fd));
            assertEquals(Errno.BADF, recv(fd, 10, 0));
        }
    }

    @Test
    void fdReadAndFdWriteWorkOnConnections() throws Exception {
        harness();
        try (Socket client = connect()) {
            int fd = accept(0);
            byte[] text = "through fd_write".getBytes(US_ASCII);
            wasi.memory.write(2000, text);
            wasi.writeIovecs(24, 2000, 8, 2008, text.length - 8);
            assertEquals(Errno.SUCCESS, wasi.call(Preview1.FD_WRITE, fd, 24, 2, 8));
            assertEquals(text.length, wasi.memory.readInt(8));
            assertArrayEquals(text, client.getInputStream().readNBytes(text.length));
            client.getOutputStream().write("back".getBytes(US_ASCII));
            wasi.writeIovecs(16, 1000, 2, 1010, 10);
            assertEquals(Errno.SUCCESS, wasi.call(Preview1.FD_READ, fd, 16, 2, 8), "blocks until bytes arrive");
            int n = wasi.memory.readInt(8);
            assertTrue(n >= 1 && n <= 4, "one read of what has arrived: " + n);
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            got.write(wasi.memory.read(1000, Math.min(n, 2)));
            if (n > 2) {
                got.write(wasi.memory.read(1010, n - 2));
            }
            assertEquals("back".substring(0, n), got.toString(US_ASCII));
        }
    }

    @Test
    void aListenerMustBeBound() throws IOException {
        try (ServerSocketChannel unbound = ServerSocketChannel.open()) {
            assertThrows(IllegalArgumentException.class, () -> WasiConfig.defaults().withListener(unbound));
        }
    }

    /** The {@code riflags} bits. */
    private static final class SockFlags {
        static final int PEEK = 1;
        static final int WAITALL = 2;
    }
}
