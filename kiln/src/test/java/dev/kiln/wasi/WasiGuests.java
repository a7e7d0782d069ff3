package dev.kiln.wasi;

import dev.kiln.ValueType;
import dev.kiln.testing.TestModule;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * WASI commands assembled with {@link TestModule}, for tests and benchmarks that want every
 * WASI call of the guest spelled out (the C guests are beside {@code probe.c}): serving HTTP on
 * a preopened socket, piping bytes, copying files. Each exports its memory as {@code memory},
 * as a WASI command must (node refuses to run one that does not). Bodies are written one instruction group per line;
 * {@code ;;} starts a comment and {@code $name} is the index of a WASI import or of a function
 * defined here. Every guest exits with {@code 100 + errno} when a WASI call fails unexpectedly,
 * so a test sees which call went wrong.
 */
public final class WasiGuests {

    /** What the HTTP servers answer before echoing the request back as the body. */
    public static final String HTTP_HEADER = "HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\n\r\n";

    private static final Pattern NAME = Pattern.compile("\\$(\\w+)");

    private final TestModule module = new TestModule();
    private final Map<String, Integer> functions = new HashMap<>();

    private WasiGuests(String... imports) {
        for (String name : imports) {
            Preview1 function = Preview1.valueOf(name.toUpperCase(java.util.Locale.ROOT));
            functions.put(name, module.importFunction(Wasi.MODULE_NAME, name, function.type()));
        }
        // fail(errno): exit with 100 + errno.
        define("fail", TestModule.sig("i32", ""), "local.get 0 i32.const 100 i32.add call $proc_exit");
    }

    private void define(String name, dev.kiln.FunctionType type, String body, ValueType... locals) {
        Matcher m = NAME.matcher(body);
        StringBuilder code = new StringBuilder();
        while (m.find()) {
            Integer index = functions.get(m.group(1));
            if (index == null) {
                throw new IllegalArgumentException("unknown function $" + m.group(1));
            }
            m.appendReplacement(code, index.toString());
        }
        m.appendTail(code);
        functions.put(name, module.function(name, type, code.toString(), locals));
    }

    private static String lines(String... lines) {
        StringBuilder body = new StringBuilder();
        for (String line : lines) {
            int comment = line.indexOf(";;");
            body.append(comment < 0 ? line : line.substring(0, comment)).append('\n');
        }
        return body.toString();
    }

    private static byte[] ints(int... values) {
        ByteBuffer buffer = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (int value : values) {
            buffer.putInt(value);
        }
        return buffer.array();
    }

    private static ValueType[] i32s(int count) {
        ValueType[] locals = new ValueType[count];
        java.util.Arrays.fill(locals, ValueType.I32);
        return locals;
    }

    private byte[] start(String body, int locals) {
        define("_start", TestModule.sig("", ""), body, i32s(locals));
        return module.encode();
    }

    /** "\r\n\r\n" read as a little-endian i32: the end of an HTTP request's header. */
    private static final int CRLFCRLF = 0x0A0D0A0D;
    private static final int HEADER_AT = 8192;

    /**
     * An HTTP/1.0 server with blocking calls: serves {@code connections} connections one after
     * another on the listener {@code fd 3} (accept, receive until the blank line, answer
     * {@link #HTTP_HEADER} plus the request, close), then exits 0.
     */
    public static byte[] blockingHttpServer(int connections) {
        WasiGuests guest = new WasiGuests("proc_exit", "sock_accept", "sock_recv", "sock_send", "fd_close");
        byte[] header = HTTP_HEADER.getBytes(StandardCharsets.US_ASCII);
        // 0: new fd, 4: nread, 8: roflags, 12: nsent, 16: iovec, 32: two ciovecs, 1024: request.
        guest.module.memory("memory", 1, 1)
                .data(32, ints(HEADER_AT, header.length, 1024))
                .data(HEADER_AT, header);
        return guest.start(lines(
                "loop", // serve: locals served 0, conn 1, got 2, err 3, n 4
                "  i32.const 3 i32.const 0 i32.const 0 call $sock_accept local.tee 3",
                "  if local.get 3 call $fail end",
                "  i32.const 0 i32.load local.set 1",
                "  i32.const 0 local.set 2",
                "  block", // the request is complete
                "    loop",
                "      i32.const 16 i32.const 1024 local.get 2 i32.add i32.store",
                "      i32.const 20 i32.const 4096 local.get 2 i32.sub i32.store",
                "      local.get 1 i32.const 16 i32.const 1 i32.const 0 i32.const 4 i32.const 8 call $sock_recv local.tee 3",
                "      if local.get 3 call $fail end",
                "      i32.const 4 i32.load local.tee 4 i32.eqz br_if 1", // end of input
                "      local.get 2 local.get 4 i32.add local.set 2",
                // Bytes 1020..1023 are zero, so a request shorter than 4 bytes never matches.
                "      i32.const 1020 local.get 2 i32.add i32.load i32.const " + CRLFCRLF + " i32.eq br_if 1",
                "      local.get 2 i32.const 4096 i32.ge_u br_if 1",
                "      br 0",
                "    end",
                "  end",
                "  i32.const 44 local.get 2 i32.store",
                "  local.get 1 i32.const 32 i32.const 2 i32.const 0 i32.const 12 call $sock_send local.tee 3",
                "  if local.get 3 call $fail end",
                "  i32.const 12 i32.load i32.const " + header.length + " local.get 2 i32.add i32.ne",
                "  if i32.const -1 call $fail end", // a short send: exit 99
                "  local.get 1 call $fd_close local.tee 3",
                "  if local.get 3 call $fail end",
                "  local.get 0 i32.const 1 i32.add local.tee 0 i32.const " + connections + " i32.lt_u br_if 0",
                "end"), 5);
    }

    /**
     * The same server as {@link #blockingHttpServer}, but with non-blocking descriptors and one
     * {@code poll_oneoff} loop over the listener and up to 16 connections at once: accepts every
     * waiting connection when the listener is readable ({@code EAGAIN} ends that), reads what a
     * readable connection has, and answers a connection once its request is complete. Exits 0
     * after answering {@code connections}.
     */
    public static byte[] pollingHttpServer(int connections) {
        WasiGuests guest = new WasiGuests("proc_exit", "sock_accept", "sock_recv", "sock_send", "fd_close",
                "poll_oneoff", "fd_fdstat_set_flags");
        byte[] header = HTTP_HEADER.getBytes(StandardCharsets.US_ASCII);
        // 0: nevents, 4: new fd, 8: nread, 12: roflags, 20: nsent, 24: iovec, 32: two ciovecs,
        // 256: 16 slots {fd, got, active, -}, 1024: subscriptions, 2048: events,
        // 65536: a 4 KiB request buffer per slot.
        guest.module.memory("memory", 2, 2)
                .data(32, ints(HEADER_AT, header.length))
                .data(HEADER_AT, header);
        // locals: served 0, n 1, i 2, err 3, ev 4, ud 5, slot 6, got 7, nevents 8, at 9, slotAt 10, buf 11
        return guest.start(lines(
                "i32.const 3 i32.const 4 call $fd_fdstat_set_flags local.tee 3", // the listener: NONBLOCK
                "if local.get 3 call $fail end",
                "loop", // main
                // subscription 0: the listener readable, userdata 16
                "  i32.const 1024 i64.const 16 i64.store",
                "  i32.const 1032 i32.const 1 i32.store8",
                "  i32.const 1040 i32.const 3 i32.store",
                "  i32.const 1 local.set 1",
                "  i32.const 0 local.set 2",
                "  loop", // one subscription per active slot, userdata = the slot
                "    i32.const 264 local.get 2 i32.const 16 i32.mul i32.add i32.load",
                "    if",
                "      i32.const 1024 local.get 1 i32.const 48 i32.mul i32.add local.set 9",
                "      local.get 9 local.get 2 i64.extend_i32_u i64.store",
                "      local.get 9 i32.const 1 i32.store8 offset=8",
                "      local.get 9 i32.const 256 local.get 2 i32.const 16 i32.mul i32.add i32.load i32.store offset=16",
                "      local.get 1 i32.const 1 i32.add local.set 1",
                "    end",
                "    local.get 2 i32.const 1 i32.add local.tee 2 i32.const 16 i32.lt_u br_if 0",
                "  end",
                "  i32.const 1024 i32.const 2048 local.get 1 i32.const 0 call $poll_oneoff local.tee 3",
                "  if local.get 3 call $fail end",
                "  i32.const 0 i32.load local.set 8",
                "  i32.const 0 local.set 4",
                "  block",
                "    loop", // each event
                "      local.get 4 local.get 8 i32.ge_u br_if 1",
                "      i32.const 2048 local.get 4 i32.const 32 i32.mul i32.add local.set 9",
                "      local.get 9 i32.load16_u offset=8 local.tee 3",
                "      if local.get 3 call $fail end",
                "      local.get 9 i32.load local.tee 5 i32.const 16 i32.eq",
                "      if", // the listener: accept until EAGAIN
                "        block",
                "          loop",
                "            i32.const 3 i32.const 4 i32.const 4 call $sock_accept local.tee 3",
                "            i32.const 6 i32.eq br_if 1",
                "            local.get 3 if local.get 3 call $fail end",
                "            i32.const 0 local.set 6",
                "            block loop", // the first free slot
                "              i32.const 264 local.get 6 i32.const 16 i32.mul i32.add i32.load i32.eqz br_if 1",
                "              local.get 6 i32.const 1 i32.add local.set 6",
                "              br 0",
                "            end end",
                "            i32.const 256 local.get 6 i32.const 16 i32.mul i32.add local.set 10",
                "            local.get 10 i32.const 4 i32.load i32.store",
                "            local.get 10 i32.const 0 i32.store offset=4",
                "            local.get 10 i32.const 1 i32.store offset=8",
                "            br 0",
                "          end",
                "        end",
                "      else", // a connection: read what it has
                "        i32.const 256 local.get 5 i32.const 16 i32.mul i32.add local.set 10",
                "        local.get 10 i32.load offset=4 local.set 7",
                "        i32.const 65536 local.get 5 i32.const 4096 i32.mul i32.add local.set 11",
                "        i32.const 24 local.get 11 local.get 7 i32.add i32.store",
                "        i32.const 28 i32.const 4096 local.get 7 i32.sub i32.store",
                "        local.get 10 i32.load i32.const 24 i32.const 1 i32.const 0 i32.const 8 i32.const 12",
                "        call $sock_recv local.tee 3",
                "        i32.const 6 i32.ne",
                "        if", // not EAGAIN
                "          local.get 3 if local.get 3 call $fail end",
                "          local.get 7 i32.const 8 i32.load i32.add local.set 7",
                "          local.get 10 local.get 7 i32.store offset=4",
                "          local.get 11 local.get 7 i32.add i32.const 4 i32.sub i32.load i32.const " + CRLFCRLF,
                "          i32.eq local.get 7 i32.const 4 i32.ge_u i32.and",
                "          if", // complete: answer, close, free the slot
                "            i32.const 40 local.get 11 i32.store",
                "            i32.const 44 local.get 7 i32.store",
                "            local.get 10 i32.load i32.const 32 i32.const 2 i32.const 0 i32.const 20",
                "            call $sock_send local.tee 3",
                "            if local.get 3 call $fail end",
                "            i32.const 20 i32.load i32.const " + header.length + " local.get 7 i32.add i32.ne",
                "            if i32.const -1 call $fail end",
                "            local.get 0 i32.const 1 i32.add local.set 0",
                "            local.get 10 i32.load call $fd_close local.tee 3",
                "            if local.get 3 call $fail end",
                "            local.get 10 i32.const 0 i32.store offset=8",
                "          else",
                "            i32.const 8 i32.load i32.eqz", // closed before a complete request
                "            if",
                "              local.get 10 i32.load call $fd_close drop",
                "              local.get 10 i32.const 0 i32.store offset=8",
                "            end",
                "          end",
                "        end",
                "      end",
                "      local.get 4 i32.const 1 i32.add local.set 4",
                "      br 0",
                "    end",
                "  end",
                "  local.get 0 i32.const " + connections + " i32.lt_u br_if 0",
                "end"), 12);
    }

    /** Loops forever without calling anything: only an interruption stops it. */
    public static byte[] spin() {
        WasiGuests guest = new WasiGuests("proc_exit");
        guest.module.memory("memory", 1, 1);
        return guest.start("loop br 0 end", 0);
    }

    /** Sleeps in {@code poll_oneoff} on a one-hour monotonic clock, then exits 0. */
    public static byte[] sleepAnHour() {
        WasiGuests guest = new WasiGuests("proc_exit", "poll_oneoff");
        // A subscription at 0: userdata 0, clock, id 1 (monotonic), timeout 3600 s, relative.
        ByteBuffer subscription = ByteBuffer.allocate(48).order(ByteOrder.LITTLE_ENDIAN);
        subscription.putInt(16, 1).putLong(24, 3_600_000_000_000L);
        guest.module.memory("memory", 1, 1).data(0, subscription.array());
        return guest.start(lines(
                "i32.const 0 i32.const 100 i32.const 1 i32.const 200 call $poll_oneoff local.tee 0",
                "if local.get 0 call $fail end"), 1);
    }

    /**
     * Copies stdin to both stdout and stderr through a 64 KiB buffer until end of input, then
     * exits 0: the streaming test's guest, and one a host can pipe any amount through.
     */
    public static byte[] teeToStdoutAndStderr() {
        WasiGuests guest = new WasiGuests("proc_exit", "fd_read", "fd_write");
        // 0: nread, 4: nwritten, 8: iovec {65536, 65536}, 65536: the buffer.
        guest.module.memory("memory", 2, 2).data(8, ints(65536, 65536));
        return guest.start(lines(
                "block loop", // locals: err 0, n 1, fd 2
                "  i32.const 8 i32.const 65536 i32.store offset=4",
                "  i32.const 0 i32.const 8 i32.const 1 i32.const 0 call $fd_read local.tee 0",
                "  if local.get 0 call $fail end",
                "  i32.const 0 i32.load local.tee 1 i32.eqz br_if 1",
                "  i32.const 1 local.set 2",
                "  loop", // fd 1, then fd 2; a stream takes the whole buffer
                "    i32.const 8 local.get 1 i32.store offset=4",
                "    local.get 2 i32.const 8 i32.const 1 i32.const 4 call $fd_write local.tee 0",
                "    if local.get 0 call $fail end",
                "    local.get 2 i32.const 1 i32.add local.tee 2 i32.const 3 i32.lt_u br_if 0",
                "  end",
                "  br 0",
                "end end"), 3);
    }

    private static final long READ_RIGHTS = Rights.FD_READ | Rights.FD_SEEK | Rights.FD_TELL | Rights.FD_FILESTAT_GET;
    private static final long WRITE_RIGHTS = Rights.FD_WRITE | Rights.FD_SEEK | Rights.FD_TELL
            | Rights.FD_FILESTAT_GET;

    /**
     * Copies {@code in.bin} to {@code out.bin} (created or truncated), both in the first
     * preopen (fd 3), through {@code fd_read}/{@code fd_write} of {@code chunk} bytes at a time;
     * exits 0. The file-copy guest of {@code bench/run-wasi.sh}.
     */
    public static byte[] copyFile(int chunk) {
        WasiGuests guest = new WasiGuests("proc_exit", "path_open", "fd_read", "fd_write", "fd_close");
        int buffer = 65536;
        int pages = 1 + (chunk + 65535) / 65536;
        // 0: in fd, 4: out fd, 8: nread, 12: nwritten, 16: iovec {buffer, chunk}, 32: "in.bin",
        // 48: "out.bin", 65536: the buffer.
        guest.module.memory("memory", pages, pages)
                .data(16, ints(buffer, chunk))
                .data(32, "in.bin".getBytes(StandardCharsets.US_ASCII))
                .data(48, "out.bin".getBytes(StandardCharsets.US_ASCII));
        return guest.start(lines(
                "i32.const 3 i32.const 0 i32.const 32 i32.const 6 i32.const 0 i64.const " + READ_RIGHTS,
                "i64.const 0 i32.const 0 i32.const 0 call $path_open local.tee 0",
                "if local.get 0 call $fail end",
                "i32.const 3 i32.const 0 i32.const 48 i32.const 7 i32.const " + (FdFlags.O_CREAT | FdFlags.O_TRUNC),
                "i64.const " + WRITE_RIGHTS + " i64.const 0 i32.const 0 i32.const 4 call $path_open local.tee 0",
                "if local.get 0 call $fail end",
                "block loop", // locals: err 0, n 1
                "  i32.const 20 i32.const " + chunk + " i32.store",
                "  i32.const 0 i32.load i32.const 16 i32.const 1 i32.const 8 call $fd_read local.tee 0",
                "  if local.get 0 call $fail end",
                "  i32.const 8 i32.load local.tee 1 i32.eqz br_if 1",
                "  i32.const 20 local.get 1 i32.store",
                "  i32.const 4 i32.load i32.const 16 i32.const 1 i32.const 12 call $fd_write local.tee 0",
                "  if local.get 0 call $fail end",
                "  i32.const 12 i32.load local.get 1 i32.ne",
                "  if i32.const -1 call $fail end",
                "  br 0",
                "end end",
                "i32.const 0 i32.load call $fd_close drop",
                "i32.const 4 i32.load call $fd_close local.tee 0",
                "if local.get 0 call $fail end"), 2);
    }

    /**
     * For {@code i} from 0 to {@code count - 1}: {@code path_filestat_get} then {@code path_open}
     * and {@code fd_close} of {@code d/NNNNN} ({@code i} in five digits) in the first preopen;
     * exits 0. The many-small-files guest of {@code bench/run-wasi.sh}.
     */
    public static byte[] statAndOpen(int count) {
        WasiGuests guest = new WasiGuests("proc_exit", "path_filestat_get", "path_open", "fd_close");
        // 0: new fd, 64: filestat, 200: "d/NNNNN".
        guest.module.memory("memory", 1, 1).data(200, "d/00000".getBytes(StandardCharsets.US_ASCII));
        return guest.start(lines(
                "block loop", // locals: i 0, err 1, k 2, rest 3
                "  local.get 0 i32.const " + count + " i32.ge_u br_if 1",
                "  local.get 0 local.set 3",
                "  i32.const 4 local.set 2",
                "  loop", // the digits, last first
                "    i32.const 202 local.get 2 i32.add local.get 3 i32.const 10 i32.rem_u i32.const 48 i32.add i32.store8",
                "    local.get 3 i32.const 10 i32.div_u local.set 3",
                "    local.get 2 i32.const 1 i32.sub local.tee 2 i32.const 0 i32.ge_s br_if 0",
                "  end",
                "  i32.const 3 i32.const 1 i32.const 200 i32.const 7 i32.const 64 call $path_filestat_get local.tee 1",
                "  if local.get 1 call $fail end",
                "  i32.const 3 i32.const 1 i32.const 200 i32.const 7 i32.const 0 i64.const " + READ_RIGHTS,
                "  i64.const 0 i32.const 0 i32.const 0 call $path_open local.tee 1",
                "  if local.get 1 call $fail end",
                "  i32.const 0 i32.load call $fd_close local.tee 1",
                "  if local.get 1 call $fail end",
                "  local.get 0 i32.const 1 i32.add local.set 0",
                "  br 0",
                "end end"), 4);
    }

    /**
     * Writes the guests of {@code bench/run-wasi.sh} into the directory {@code args[0]}:
     * {@code copy.wasm} (64 KiB chunks), {@code statopen.wasm} (10,000 files) and
     * {@code empty.wasm} (none: the start-up cost alone).
     */
    public static void main(String[] args) throws java.io.IOException {
        java.nio.file.Path directory = java.nio.file.Files.createDirectories(java.nio.file.Path.of(args[0]));
        java.nio.file.Files.write(directory.resolve("copy.wasm"), copyFile(64 * 1024));
        java.nio.file.Files.write(directory.resolve("statopen.wasm"), statAndOpen(10_000));
        java.nio.file.Files.write(directory.resolve("empty.wasm"), statAndOpen(0));
    }
}
