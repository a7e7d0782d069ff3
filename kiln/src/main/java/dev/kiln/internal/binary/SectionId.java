package dev.kiln.internal.binary;

/**
 * Section ids of the binary format and the order they must appear in.
 *
 * <p>The order is not the numeric one: the data count section (12) was added later and sits
 * between the element (9) and code (10) sections, because validating code needs the count.
 */
final class SectionId {

    static final int CUSTOM = 0;
    static final int TYPE = 1;
    static final int IMPORT = 2;
    static final int FUNCTION = 3;
    static final int TABLE = 4;
    static final int MEMORY = 5;
    static final int GLOBAL = 6;
    static final int EXPORT = 7;
    static final int START = 8;
    static final int ELEMENT = 9;
    static final int CODE = 10;
    static final int DATA = 11;
    static final int DATA_COUNT = 12;

    /** The largest id the format defines. */
    static final int LAST = DATA_COUNT;

    private SectionId() {}

    /** The position of a non-custom section in the required order, starting at 1. */
    static int rank(int id) {
        return switch (id) {
            case DATA_COUNT -> 10;
            case CODE -> 11;
            case DATA -> 12;
            default -> id;
        };
    }
}
