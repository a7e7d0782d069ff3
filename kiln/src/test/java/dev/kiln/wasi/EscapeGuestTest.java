package dev.kiln.wasi;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.kiln.Runtime;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code escape.wasm}, a C program built with clang-14 and wasi-libc (source beside it), tries
 * every way out of its preopen: {@code ..}, absolute paths, absolute and relative links leading
 * out, link loops, links through subdirectories, creating, truncating, removing, renaming and
 * linking across the boundary, planting links that lead out, and a directory descriptor whose
 * directory is renamed and replaced by a link while it is open. Its output is compared line by
 * line, and the host tree outside the preopen must be exactly as it was: same names, contents
 * and modification times.
 */
class EscapeGuestTest {

    @TempDir
    Path tmp;

    @Test
    void aCProgramFindsNoWayOut() throws IOException {
        Path box = Files.createDirectory(tmp.resolve("box"));
        Path outside = Files.createDirectory(tmp.resolve("outside"));
        Files.writeString(outside.resolve("secret.txt"), "SECRET\n");
        Files.writeString(box.resolve("inside.txt"), "inside\n");
        Files.createDirectory(box.resolve("sub"));
        Files.createSymbolicLink(box.resolve("ok-link"), Path.of("sub/../inside.txt"));
        Files.createSymbolicLink(box.resolve("abs-link"), outside.resolve("secret.txt"));
        Files.createSymbolicLink(box.resolve("up-link"), Path.of("../outside/secret.txt"));
        Files.createSymbolicLink(box.resolve("dir-link"), Path.of("../outside"));
        Files.createSymbolicLink(box.resolve("sub/deep-link"), Path.of("../../outside"));
        Files.createSymbolicLink(box.resolve("loop-a"), Path.of("loop-b"));
        Files.createSymbolicLink(box.resolve("loop-b"), Path.of("loop-a"));
        Map<String, String> outsideBefore = snapshot(tmp, box);

        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        WasiConfig config = WasiConfig.defaults()
                .withArgs("escape.wasm")
                .withStdin(InputStream.nullInputStream())
                .withStdout(stdout)
                .withStderr(stderr)
                .withPreopen(box, "/box");
        int exitCode;
        try (Runtime runtime = Runtime.create(); Wasi wasi = Wasi.instantiate(runtime, config)) {
            exitCode = wasi.run(runtime.instantiate(runtime.compile(guest("escape.wasm"))));
        }

        String output = stdout.toString(UTF_8);
        assertEquals(0, exitCode, stderr.toString(UTF_8));
        assertEquals(EXPECTED, output);
        assertFalse(output.contains("SECRET"), "nothing outside was read");
        assertEquals(outsideBefore, snapshot(tmp, box), "nothing outside the preopen was created, changed or removed");
    }

    /** Every path under {@code top} but inside {@code skip}, with its size, time and content. */
    private static Map<String, String> snapshot(Path top, Path skip) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(top)) {
            for (Path path : walk.filter(p -> !p.startsWith(skip)).toList()) {
                BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
                String content = attributes.isRegularFile() ? Files.readString(path) : "";
                files.put(top.relativize(path).toString(), attributes.lastModifiedTime() + " " + attributes.size()
                        + " " + content);
            }
        }
        return files;
    }

    static byte[] guest(String name) {
        try (InputStream in = EscapeGuestTest.class.getResourceAsStream(name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** ENOTCAPABLE is 76, ELOOP 32, ENOENT 44: wasi-libc's errno values are WASI's. */
    private static final String EXPECTED = """
            dotdot: errno 76
            dotdot missing: errno 76
            absolute: errno 76
            sub/../..: errno 76
            abs-link: errno 76
            up-link: errno 76
            up-link nofollow: errno 32
            dir-link/secret.txt: errno 76
            dir-link/missing.txt: errno 76
            sub/deep-link/secret.txt: errno 76
            loop: errno 32
            ok-link: ok "inside"
            open ..: errno 76
            open dir-link: errno 76
            stat dotdot: errno 76
            stat dotdot missing: errno 76
            stat dir-link: errno 76
            stat abs-link nofollow: ok
            create ../created.txt: errno 76
            create dir-link/created.txt: errno 76
            truncate up-link: errno 76
            mkdir ../made: errno 76
            mkdir dir-link/made: errno 76
            unlink ../outside/secret.txt: errno 76
            unlink dir-link/secret.txt: errno 76
            rmdir ../outside: errno 76
            rename inside.txt -> ../stolen.txt: errno 76
            rename ../outside/secret.txt -> got.txt: errno 76
            rename dir-link/secret.txt -> got.txt: errno 76
            link up-link -> hard.txt: errno 76
            link ../outside/secret.txt -> hard.txt: errno 76
            symlink ../outside: errno 76
            symlink /etc: errno 76
            symlink sub/../../outside: errno 76
            set times dir-link/secret.txt: errno 76
            readlink up-link: ../outside/secret.txt
            renamed: sub-fd ../inside.txt: errno 76
            renamed: rename sub -> sub-moved: ok
            renamed: sub-fd stat .: errno 44
            renamed: symlink sub -> dir-link: ok
            renamed: sub-fd deep-link/secret.txt: errno 44
            renamed: sub-fd .: errno 44
            renamed: unlink sub: ok
            renamed: rename sub-moved -> sub: ok
            list /box: abs-link dir-link inside.txt loop-a loop-b ok-link sub up-link
            libc fopen /box/../outside/secret.txt: errno 76
            libc stat /box/dir-link/secret.txt: 76
            libc opendir /box/..: 76
            libc open /box/up-link for writing: 76
            libc open /etc/passwd: 76
            done
            """;
}
