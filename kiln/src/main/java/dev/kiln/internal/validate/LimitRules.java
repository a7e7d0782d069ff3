package dev.kiln.internal.validate;

import dev.kiln.internal.wasm.Limits;
import dev.kiln.internal.wasm.MemoryType;
import dev.kiln.internal.wasm.TableType;

/**
 * Size limits of tables and memories: each bound within the range of its kind (tables: u32
 * elements; memories: 65536 pages, 4 GiB of 32-bit address space), and the minimum not above
 * the maximum.
 */
final class LimitRules {

    private static final long TABLE_RANGE = 0xFFFF_FFFFL;

    private LimitRules() {}

    static void checkTable(TableType table) {
        check(table.limits(), TABLE_RANGE, "table size must be at most 2^32-1");
    }

    static void checkMemory(MemoryType memory) {
        check(memory.limits(), MemoryType.MAX_PAGES, "memory size must be at most 65536 pages (4GiB)");
    }

    private static void check(Limits limits, long range, String outOfRange) {
        if (limits.min() < 0 || limits.min() > range) {
            throw new RuleViolation(outOfRange);
        }
        if (limits.hasMax()) {
            if (limits.max() < 0 || limits.max() > range) {
                throw new RuleViolation(outOfRange);
            }
            if (limits.min() > limits.max()) {
                throw new RuleViolation("size minimum must not be greater than maximum");
            }
        }
    }
}
