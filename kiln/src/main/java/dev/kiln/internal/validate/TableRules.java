package dev.kiln.internal.validate;

import static dev.kiln.internal.validate.StackTypes.I32;

/** {@code table.get/set/size/grow/fill/copy/init} ({@code elem.drop} has a fixed typing: {@link FixedRules}). */
final class TableRules {

    private final ModuleContext module;
    private final ValueStack values;

    TableRules(ModuleContext module, ValueStack values) {
        this.module = module;
        this.values = values;
    }

    void get(int table) {
        byte type = module.requireTable(table);
        values.pop(I32);
        values.push(type);
    }

    void set(int table) {
        byte type = module.requireTable(table);
        values.pop(type);
        values.pop(I32);
    }

    void size(int table) {
        module.requireTable(table);
        values.push(I32);
    }

    /** Operands: the initial value of the new elements, then the number of elements. */
    void grow(int table) {
        byte type = module.requireTable(table);
        values.pop(I32);
        values.pop(type);
        values.push(I32);
    }

    /** Operands: the start index, the value, the count. */
    void fill(int table) {
        byte type = module.requireTable(table);
        values.pop(I32);
        values.pop(type);
        values.pop(I32);
    }

    /** Both tables must hold the same reference type. */
    void copy(int destination, int source) {
        byte destinationType = module.requireTable(destination);
        byte sourceType = module.requireTable(source);
        if (destinationType != sourceType) {
            throw RuleViolation.typeMismatch();
        }
        popThreeI32();
    }

    /** The segment's reference type must be the table's. */
    void init(int segment, int table) {
        byte tableType = module.requireTable(table);
        byte segmentType = module.requireElement(segment);
        if (tableType != segmentType) {
            throw RuleViolation.typeMismatch();
        }
        popThreeI32();
    }

    private void popThreeI32() {
        values.pop(I32);
        values.pop(I32);
        values.pop(I32);
    }
}
