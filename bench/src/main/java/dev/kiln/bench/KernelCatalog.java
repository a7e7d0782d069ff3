package dev.kiln.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The kernels of {@code ../shared/bench}: {@code kernels.tsv} gives names, sizes, C sources and
 * wasm build flags, {@code checksums.tsv} the checksum each size must print, {@code wasm/NAME.wasm}
 * the module.
 */
public final class KernelCatalog {

    private KernelCatalog() {}

    /** Where the kernels are unless told otherwise: {@code $kiln.shared/bench}, else {@code ../shared/bench}. */
    public static Path defaultDirectory() {
        return Path.of(System.getProperty("kiln.shared", "../shared"), "bench");
    }

    /** Every kernel of {@code kernels.tsv}, in file order, at {@code sizeClass}. */
    public static List<Kernel> load(Path benchDir, SizeClass sizeClass) {
        Map<String, String> checksums = checksums(benchDir.resolve("checksums.tsv"), sizeClass);
        List<Kernel> kernels = new ArrayList<>();
        for (String[] row : rows(benchDir.resolve("kernels.tsv"), 5)) {
            String name = row[0];
            String size = sizeClass == SizeClass.SMALL ? row[2] : row[1];
            String checksum = checksums.get(name + "\t" + size);
            if (checksum == null) {
                throw new IllegalStateException("checksums.tsv has no " + sizeClass.label() + " checksum for "
                        + name + " at size " + size);
            }
            kernels.add(new Kernel(name, size, Long.parseUnsignedLong(checksum),
                    benchDir.resolve("wasm").resolve(name + ".wasm"), benchDir.resolve("src").resolve(row[3]),
                    flags(row[4])));
        }
        return kernels;
    }

    /** The kernels called {@code names}, in the order given; all of them when {@code names} is empty. */
    public static List<Kernel> select(List<Kernel> all, List<String> names) {
        if (names.isEmpty()) {
            return all;
        }
        List<Kernel> chosen = new ArrayList<>();
        for (String name : names) {
            chosen.add(all.stream().filter(k -> k.name().equals(name)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("unknown kernel '" + name + "'; known: "
                            + all.stream().map(Kernel::name).toList())));
        }
        return chosen;
    }

    /** The flags column of {@code kernels.tsv}: space-separated, {@code -} for none. */
    private static List<String> flags(String column) {
        return column.equals("-") ? List.of() : List.of(column.trim().split("\\s+"));
    }

    /** {@code "name\tsize"} to checksum, for one size class. */
    private static Map<String, String> checksums(Path file, SizeClass sizeClass) {
        Map<String, String> byKernelAndSize = new HashMap<>();
        for (String[] row : rows(file, 4)) {
            if (row[1].equals(sizeClass.label())) {
                byKernelAndSize.put(row[0] + "\t" + row[2], row[3]);
            }
        }
        return byKernelAndSize;
    }

    /** The tab-separated rows of {@code file}, without blank lines and {@code #} comments. */
    private static List<String[]> rows(Path file, int minColumns) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        List<String[]> rows = new ArrayList<>();
        for (String line : lines) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] row = line.split("\t");
            if (row.length < minColumns) {
                throw new IllegalStateException(file + ": expected " + minColumns + " tab-separated columns: " + line);
            }
            rows.add(row);
        }
        return rows;
    }
}
