package dev.kiln.internal.spectest;

import java.util.List;
import java.util.Map;

/**
 * Converts the spec scripts' value objects ({@code {"type": "i32", "value": "42"}}) to and from
 * Kiln's {@code long} slots, and matches results against expectations, including the
 * {@code nan:canonical} / {@code nan:arithmetic} patterns.
 *
 * <p>A host reference {@code (ref.extern N)} is the handle {@code N + 1}, because slot {@code 0}
 * is the null reference.
 */
final class SpecValue {

    private SpecValue() {}

    /** How many slots a value of this script type takes. */
    static int slots(Map<String, Object> value) {
        return "v128".equals(value.get("type")) ? 2 : 1;
    }

    /** Writes {@code value} into {@code slots[at..]}; returns how many slots it took. */
    static int toSlots(Map<String, Object> value, long[] slots, int at) {
        String type = (String) value.get("type");
        if (type.equals("v128")) {
            long[] v = v128((String) value.get("lane_type"), lanes(value));
            slots[at] = v[0];
            slots[at + 1] = v[1];
            return 2;
        }
        slots[at] = scalar(type, (String) value.get("value"));
        return 1;
    }

    /** Whether {@code actual[at..]} matches the expectation; {@code null} if so, else why not. */
    static String mismatch(Map<String, Object> expected, long[] actual, int at) {
        String type = (String) expected.get("type");
        if (type.equals("v128")) {
            return mismatchV128(expected, actual[at], actual[at + 1]);
        }
        String want = (String) expected.get("value");
        long got = actual[at];
        boolean ok = switch (type) {
            case "f32" -> matchesFloat(want, got & 0xFFFFFFFFL, 32);
            case "f64" -> matchesFloat(want, got, 64);
            default -> scalar(type, want) == got;
        };
        return ok ? null : "expected " + type + " " + want + ", got " + describe(type, got);
    }

    private static long scalar(String type, String value) {
        return switch (type) {
            case "i32", "f32" -> Integer.parseUnsignedInt(value) & 0xFFFFFFFFL;
            case "i64", "f64" -> Long.parseUnsignedLong(value);
            case "funcref", "externref" -> value.equals("null") ? 0 : Long.parseUnsignedLong(value) + 1;
            default -> throw new IllegalArgumentException("unknown value type " + type);
        };
    }

    private static boolean matchesFloat(String want, long bits, int width) {
        long exponentMask = width == 32 ? 0x7F800000L : 0x7FF0000000000000L;
        long mantissa = width == 32 ? 0x007FFFFFL : 0x000FFFFFFFFFFFFFL;
        long quiet = width == 32 ? 0x00400000L : 0x0008000000000000L;
        boolean nan = (bits & exponentMask) == exponentMask && (bits & mantissa) != 0;
        return switch (want) {
            case "nan:canonical" -> nan && (bits & mantissa) == quiet;
            case "nan:arithmetic" -> nan && (bits & quiet) != 0;
            default -> (width == 32 ? Integer.parseUnsignedInt(want) & 0xFFFFFFFFL : Long.parseUnsignedLong(want)) == bits;
        };
    }

    private static String mismatchV128(Map<String, Object> expected, long low, long high) {
        String laneType = (String) expected.get("lane_type");
        List<String> lanes = lanes(expected);
        int width = 128 / lanes.size();
        for (int i = 0; i < lanes.size(); i++) {
            long lane = lane(low, high, i, width);
            String want = lanes.get(i);
            boolean ok = laneType.startsWith("f") ? matchesFloat(want, lane, width) : parseLane(want, width) == lane;
            if (!ok) {
                return "expected v128 " + laneType + " " + lanes + ", lane " + i + " is " + Long.toUnsignedString(lane);
            }
        }
        return null;
    }

    private static long[] v128(String laneType, List<String> lanes) {
        int width = 128 / lanes.size();
        long[] v = new long[2];
        for (int i = 0; i < lanes.size(); i++) {
            long lane = parseLane(lanes.get(i), width);
            int bit = i * width;
            v[bit / 64] |= lane << (bit % 64);
        }
        return v;
    }

    private static long lane(long low, long high, int index, int width) {
        int bit = index * width;
        long word = bit < 64 ? low : high;
        long shifted = word >>> (bit % 64);
        return width == 64 ? shifted : shifted & ((1L << width) - 1);
    }

    private static long parseLane(String text, int width) {
        long value = Long.parseUnsignedLong(text);
        return width == 64 ? value : value & ((1L << width) - 1);
    }

    @SuppressWarnings("unchecked")
    private static List<String> lanes(Map<String, Object> value) {
        return (List<String>) value.get("value");
    }

    private static String describe(String type, long slot) {
        return switch (type) {
            case "i32" -> Integer.toUnsignedString((int) slot);
            case "f32" -> Integer.toUnsignedString((int) slot) + " (" + Float.intBitsToFloat((int) slot) + ")";
            case "f64" -> Long.toUnsignedString(slot) + " (" + Double.longBitsToDouble(slot) + ")";
            default -> Long.toUnsignedString(slot);
        };
    }
}
