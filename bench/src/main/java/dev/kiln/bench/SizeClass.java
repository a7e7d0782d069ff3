package dev.kiln.bench;

import java.util.Locale;

/** The problem-size columns of {@code kernels.tsv}. */
public enum SizeClass {
    /** About 100x less work than {@link #DEFAULT}: sized for interpreters. */
    SMALL,
    /** About 0.5-2 s of native work. */
    DEFAULT;

    /** The name used in {@code checksums.tsv} and on the command line. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The size class called {@code label}. */
    public static SizeClass fromLabel(String label) {
        for (SizeClass size : values()) {
            if (size.label().equals(label)) {
                return size;
            }
        }
        throw new IllegalArgumentException("unknown size class '" + label + "' (small or default)");
    }
}
