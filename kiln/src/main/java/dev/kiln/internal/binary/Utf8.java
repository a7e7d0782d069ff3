package dev.kiln.internal.binary;

import java.nio.charset.StandardCharsets;

/**
 * Strict UTF-8 for names. The JDK's decoder replaces bad input instead of failing, so well-
 * formedness is checked here first: no overlong forms, no surrogates (U+D800..U+DFFF), nothing
 * above U+10FFFF, no stray or missing continuation bytes.
 */
final class Utf8 {

    private Utf8() {}

    /** The decoded string, or {@code null} if {@code bytes[start, start + length)} is not UTF-8. */
    static String decode(byte[] bytes, int start, int length) {
        int end = start + length;
        int i = start;
        while (i < end && bytes[i] >= 0) {
            i++;
        }
        if (i == end) { // pure ASCII, by far the most common case
            return new String(bytes, start, length, StandardCharsets.ISO_8859_1);
        }
        return isWellFormed(bytes, i, end) ? new String(bytes, start, length, StandardCharsets.UTF_8) : null;
    }

    /** Whether {@code bytes[start, end)} is well-formed UTF-8 (Unicode table 3-7). */
    static boolean isWellFormed(byte[] bytes, int start, int end) {
        int i = start;
        while (i < end) {
            int b = bytes[i] & 0xFF;
            if (b < 0x80) {
                i++;
                continue;
            }
            int n = sequenceLength(b);
            if (n == 0 || end - i < n || !validSecondByte(b, bytes[i + 1] & 0xFF)) {
                return false;
            }
            for (int k = 2; k < n; k++) {
                if (!isContinuation(bytes[i + k])) {
                    return false;
                }
            }
            i += n;
        }
        return true;
    }

    /** Bytes in a sequence that starts with {@code lead}; 0 for bytes that cannot start one. */
    private static int sequenceLength(int lead) {
        if (lead >= 0xC2 && lead <= 0xDF) {
            return 2;
        } else if (lead >= 0xE0 && lead <= 0xEF) {
            return 3;
        } else if (lead >= 0xF0 && lead <= 0xF4) {
            return 4;
        }
        return 0; // continuation bytes, overlong leads C0/C1, and F5..FF (beyond U+10FFFF)
    }

    /**
     * The second byte narrows its range after some leads: that is how overlong 3- and 4-byte
     * forms, surrogates and code points above U+10FFFF are excluded.
     */
    private static boolean validSecondByte(int lead, int second) {
        return switch (lead) {
            case 0xE0 -> second >= 0xA0 && second <= 0xBF;
            case 0xED -> second >= 0x80 && second <= 0x9F;
            case 0xF0 -> second >= 0x90 && second <= 0xBF;
            case 0xF4 -> second >= 0x80 && second <= 0x8F;
            default -> second >= 0x80 && second <= 0xBF;
        };
    }

    private static boolean isContinuation(byte b) {
        return (b & 0xC0) == 0x80;
    }
}
