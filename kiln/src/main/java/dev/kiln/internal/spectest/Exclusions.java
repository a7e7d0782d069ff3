package dev.kiln.internal.spectest;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The spec-test exclusion list, {@code exclusions.txt} beside this class: the one place that
 * says which scripts and commands are not run, and why.
 */
final class Exclusions {

    private static final String TEXT_MODULES = "text-modules";

    private record Rule(Pattern script, int line, String reason) {}

    private final List<Rule> rules;
    private final String textModuleReason;

    private Exclusions(List<Rule> rules, String textModuleReason) {
        this.rules = rules;
        this.textModuleReason = textModuleReason;
    }

    /** The list that ships with Kiln. */
    static Exclusions load() {
        try (var in = Exclusions.class.getResourceAsStream("exclusions.txt")) {
            if (in == null) {
                throw new IllegalStateException("exclusions.txt is missing from the kiln jar");
            }
            return parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines().toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Exclusions parse(List<String> lines) {
        List<Rule> rules = new ArrayList<>();
        String textReason = null;
        for (String raw : lines) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.split("\\s+", 2);
            if (parts.length < 2) {
                throw new IllegalArgumentException("exclusion without a reason: " + line);
            }
            if (parts[0].equals(TEXT_MODULES)) {
                textReason = parts[1];
                continue;
            }
            String[] scriptAndLine = parts[0].split(":", 2);
            int commandLine = scriptAndLine.length == 2 ? Integer.parseInt(scriptAndLine[1]) : -1;
            rules.add(new Rule(glob(scriptAndLine[0]), commandLine, parts[1]));
        }
        return new Exclusions(List.copyOf(rules), textReason);
    }

    /** Why the whole script {@code name} (for example {@code v2/simd_i8x16.json}) is skipped, or {@code null}. */
    String scriptReason(String name) {
        for (Rule rule : rules) {
            if (rule.line < 0 && rule.script.matcher(name).matches()) {
                return rule.reason;
            }
        }
        return null;
    }

    /** Why the command at {@code line} of script {@code name} is skipped, or {@code null}. */
    String commandReason(String name, int line, boolean textModule) {
        if (textModule && textModuleReason != null) {
            return textModuleReason;
        }
        for (Rule rule : rules) {
            if (rule.line == line && rule.script.matcher(name).matches()) {
                return rule.reason;
            }
        }
        return null;
    }

    private static Pattern glob(String glob) {
        StringBuilder regex = new StringBuilder();
        for (String part : glob.split("\\*", -1)) {
            if (!regex.isEmpty()) {
                regex.append(".*");
            }
            regex.append(Pattern.quote(part));
        }
        return Pattern.compile(regex.toString());
    }
}
