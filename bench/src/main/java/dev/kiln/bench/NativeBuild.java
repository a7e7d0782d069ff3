package dev.kiln.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;

/** Builds a kernel's C source with {@code gcc} into a cached executable, again only when a source is newer. */
final class NativeBuild {

    private NativeBuild() {}

    /**
     * The executable {@code buildDir/NAME}, built from the kernel's source unless it is newer than
     * the source and the {@code bench.h} beside it.
     *
     * @throws IllegalStateException if gcc fails (its messages quoted) or cannot be started
     */
    static Path upToDate(Kernel kernel, Path buildDir, List<String> flags) {
        Path executable = buildDir.resolve(kernel.name());
        try {
            if (!isStale(executable, kernel.source())) {
                return executable;
            }
            Files.createDirectories(buildDir);
            // Built beside the target and then moved, so that an interrupted build leaves no
            // half-written executable newer than its source.
            Path partial = Files.createTempFile(buildDir, kernel.name(), ".partial");
            try {
                gcc(kernel.source(), partial, flags);
                Files.move(partial, executable, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(partial);
            }
            return executable;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot build " + executable, e);
        }
    }

    private static boolean isStale(Path executable, Path source) throws IOException {
        if (!Files.isRegularFile(executable)) {
            return true;
        }
        FileTime built = Files.getLastModifiedTime(executable);
        Path header = source.resolveSibling("bench.h");
        return Files.getLastModifiedTime(source).compareTo(built) > 0
                || Files.isRegularFile(header) && Files.getLastModifiedTime(header).compareTo(built) > 0;
    }

    private static void gcc(Path source, Path output, List<String> flags) throws IOException {
        List<String> command = new ArrayList<>(List.of("gcc"));
        command.addAll(flags);
        command.addAll(List.of("-o", output.toString(), source.toString(), "-lm"));
        Process gcc;
        try {
            gcc = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IllegalStateException("the native engine needs gcc: " + e.getMessage(), e);
        }
        gcc.getOutputStream().close();
        String messages = new String(gcc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int status;
        try {
            status = gcc.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while building " + source, e);
        }
        if (status != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed (status " + status + "): " + messages.strip());
        }
    }
}
