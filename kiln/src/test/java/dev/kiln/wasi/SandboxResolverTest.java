package dev.kiln.wasi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link Sandbox#resolve}: the lookups that stay inside and every way out it refuses. */
class SandboxResolverTest {

    @TempDir
    Path tmp;

    private Path root;
    private Sandbox sandbox;

    @BeforeEach
    void tree() throws IOException {
        root = Files.createDirectory(tmp.resolve("root"));
        Files.createDirectories(root.resolve("a/b"));
        Files.writeString(root.resolve("a/b/file"), "inside");
        Files.writeString(tmp.resolve("secret"), "outside");
        sandbox = Sandbox.of(new WasiPreopen(root, "/", false));
    }

    @AfterEach
    void closeSandbox() throws IOException {
        sandbox.close();
    }

    private int errno(List<String> base, String path, boolean follow) {
        return assertThrows(ErrnoException.class, () -> sandbox.resolve(base, null, path, follow)).errno();
    }

    private int errno(String path) {
        return errno(List.of(), path, true);
    }

    @Test
    void theSandboxReachesTheHostThroughDescriptorsUnlessSwitchedToPaths() {
        Class<? extends HostFiles> expected = Sandbox.preferDescriptors ? DescriptorFiles.class : PathFiles.class;
        assertInstanceOf(expected, sandbox.files());
    }

    @Test
    void componentsAndDotDotWithinTheTree() {
        Sandbox.Resolved file = sandbox.resolve(List.of(), null, "a/./b//../b/file", true);
        assertEquals(List.of("a", "b", "file"), file.components());
        assertTrue(file.exists());
        assertFalse(file.directoryRequired());
        assertEquals(sandbox.root().resolve("a/b/file"), file.host());
        assertEquals(List.of(), sandbox.resolve(List.of(), null, ".", true).components());
        assertEquals(List.of("a"), sandbox.resolve(List.of(), null, "a/b/..", true).components());
        Sandbox.Resolved missing = sandbox.resolve(List.of(), null, "a/new/", true);
        assertFalse(missing.exists());
        assertTrue(missing.directoryRequired());
    }

    @Test
    void escapesAreNotCapableWhetherOrNotTheTargetExists() throws IOException {
        assertEquals(Errno.NOTCAPABLE, errno("/a"));
        assertEquals(Errno.NOTCAPABLE, errno(".."));
        assertEquals(Errno.NOTCAPABLE, errno("../secret"));
        assertEquals(Errno.NOTCAPABLE, errno("../no-such-file"));
        assertEquals(Errno.NOTCAPABLE, errno("a/../../root/a"));
        // a subdirectory's descriptor cannot climb out of its own directory either
        assertEquals(Errno.NOTCAPABLE, errno(List.of("a"), "../a", true));
        Files.createSymbolicLink(root.resolve("abs"), tmp.resolve("secret"));
        Files.createSymbolicLink(root.resolve("absmissing"), tmp.resolve("no-such-file"));
        Files.createSymbolicLink(root.resolve("rel"), Path.of("../secret"));
        Files.createSymbolicLink(root.resolve("relmissing"), Path.of("../no-such-file"));
        Files.createSymbolicLink(root.resolve("a/up"), Path.of("../../secret"));
        for (String link : List.of("abs", "absmissing", "rel", "relmissing", "a/up", "abs/", "rel/x")) {
            assertEquals(Errno.NOTCAPABLE, errno(link), link);
        }
    }

    @Test
    void linksInsideAreFollowedAndALinkAsLastComponentOnlyWhenAsked() throws IOException {
        Files.createSymbolicLink(root.resolve("a/to-b"), Path.of("b"));
        Files.createSymbolicLink(root.resolve("a/b/to-file"), Path.of("../b/file"));
        assertEquals(List.of("a", "b", "file"), sandbox.resolve(List.of(), null, "a/to-b/to-file", true).components());
        Sandbox.Resolved link = sandbox.resolve(List.of(), null, "a/to-b/to-file", false);
        assertEquals(List.of("a", "b", "to-file"), link.components());
        assertTrue(link.isSymbolicLink());
        assertEquals(List.of("a", "b"), sandbox.resolve(List.of(), null, "a/to-b/", false).components());
    }

    @Test
    void loopsAreEloop() throws IOException {
        Files.createSymbolicLink(root.resolve("self"), Path.of("self"));
        Files.createSymbolicLink(root.resolve("ping"), Path.of("pong"));
        Files.createSymbolicLink(root.resolve("pong"), Path.of("ping"));
        assertEquals(Errno.LOOP, errno("self"));
        assertEquals(Errno.LOOP, errno("ping/x"));
        assertTrue(sandbox.resolve(List.of(), null, "self", false).isSymbolicLink());
    }

    @Test
    void missingAndNotDirectoryComponents() {
        assertEquals(Errno.NOENT, errno("nope/file"));
        assertEquals(Errno.NOENT, errno(""));
        assertEquals(Errno.NOTDIR, errno("a/b/file/x"));
        assertEquals(Errno.INVAL, errno("a\0b"));
    }

    @Test
    void aDescriptorWhoseDirectoryWasReplacedByALinkFindsNothing() throws IOException {
        Object key = sandbox.directoryKey(sandbox.resolve(List.of(), null, "a", false));
        assertTrue(sandbox.resolve(List.of("a"), key, "b/file", true).exists());
        Files.move(root.resolve("a"), root.resolve("moved"));
        Files.createSymbolicLink(root.resolve("a"), Path.of("moved"));
        assertEquals(Errno.NOENT, assertThrows(ErrnoException.class,
                () -> sandbox.resolve(List.of("a"), key, "b/file", true)).errno());
    }

    @Test
    void symlinkTargetsThatStayInside() {
        assertTrue(Sandbox.staysInside(List.of("a"), "../x"));
        assertTrue(Sandbox.staysInside(List.of(), "a/b/../c"));
        assertFalse(Sandbox.staysInside(List.of("a"), "../../x"));
        assertFalse(Sandbox.staysInside(List.of(), "/etc/passwd"));
    }
}
