package dev.kiln.internal.spectest;

import java.util.ArrayList;
import java.util.List;

/** The outcome of one spec script: counts, and one line per failure or skip reason. */
final class ScriptResult {

    private final String name;
    private int passed;
    private int failed;
    private int skipped;
    private final List<String> failures = new ArrayList<>();
    private final List<String> skipReasons = new ArrayList<>();

    ScriptResult(String name) {
        this.name = name;
    }

    String name() {
        return name;
    }

    int passed() {
        return passed;
    }

    int failed() {
        return failed;
    }

    int skipped() {
        return skipped;
    }

    List<String> failures() {
        return failures;
    }

    List<String> skipReasons() {
        return skipReasons;
    }

    void pass() {
        passed++;
    }

    void fail(int line, String what) {
        failed++;
        failures.add("line " + line + ": " + what);
    }

    void skip(int count, String reason) {
        skipped += count;
        if (!skipReasons.contains(reason)) {
            skipReasons.add(reason);
        }
    }
}
