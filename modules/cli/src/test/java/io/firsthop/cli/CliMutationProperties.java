package io.firsthop.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.firsthop.cli.MainTest.Run;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Robustness of the commands: whatever happens to a valid scenario's text, {@code validate}
 * exits 0 or 2 and a short {@code run} (capped with --stop-after) exits 0, 1 or 2, never with a
 * stack trace or an exception's name, never with another code.
 */
class CliMutationProperties {
    static final List<String> VALID = loadScenarios();

    /** One edit of a text, by line (as the scenario module's mutation properties do). */
    record Mutation(String kind, int line, String text) {
        String apply(String original) {
            List<String> lines = new ArrayList<>(Arrays.asList(original.split("\n", -1)));
            int i = Math.floorMod(line, lines.size());
            String l = lines.get(i);
            switch (kind) {
                case "delete" -> lines.remove(i);
                case "duplicate" -> lines.add(i, l);
                case "indent" -> lines.set(i, "  " + l);
                case "dedent" -> lines.set(i, l.startsWith("  ") ? l.substring(2) : l.stripLeading());
                case "garbage" -> lines.add(i, text);
                case "change-value" -> {
                    int colon = l.lastIndexOf(": ");
                    lines.set(i, colon >= 0 ? l.substring(0, colon + 2) + text : l + text);
                }
                default -> {
                    int at = l.isEmpty() ? 0 : Math.floorMod(text.hashCode(), l.length());
                    lines.set(i, l.substring(0, at) + text + l.substring(at));
                }
            }
            return String.join("\n", lines);
        }
    }

    @Provide
    Arbitrary<Mutation> mutations() {
        Arbitrary<String> kind = Arbitraries.of("delete", "duplicate", "indent", "dedent", "garbage", "change-value", "splice");
        Arbitrary<String> text = Arbitraries.oneOf(
                Arbitraries.of("", "~", "[]", "{}", "-1", "0", "255", "256", "1e9", "true", "0s", "1ns", "10s", "0.1ms", "100%",
                        "10.0.0.1", "10.0.0.1/24", "0.0.0.0/0", "\"r1:ge0\"", "\"r1:ge1\"", "r2", "sw1", "vrrp:1", "hsrp:1",
                        "{crash: r1}", "{link-cut: wan}", "{kill-site: seoul}", "{vlan: 10}", "{trunk: all}", "seoul", "daegu",
                        "00:00:5e:00:01:01", "1000pps", "- {at: 1s, restart: r2}", "{interval: 1ns}", "{delay: 1h}"),
                Arbitraries.strings().ofMaxLength(10));
        return Combinators.combine(kind, Arbitraries.integers().between(0, 200), text).as(Mutation::new);
    }

    @Provide
    Arbitrary<Integer> which() {
        return Arbitraries.integers().between(0, 1000);
    }

    @Property(tries = 200)
    @Label("one or two random edits of a shipped scenario: validate exits 0 or 2, a short run 0, 1 or 2, never with a stack trace")
    void editsNeverBreakTheCommands(@ForAll("mutations") Mutation a, @ForAll("mutations") Mutation b, @ForAll boolean twice,
                                    @ForAll("which") int which) throws IOException {
        String original = VALID.get(Math.floorMod(which, VALID.size()));
        String text = twice ? b.apply(a.apply(original)) : a.apply(original);
        Path dir = Files.createTempDirectory("firsthop-cli-property");
        try {
            Path file = Files.writeString(dir.resolve("mutated.yaml"), text);
            Run validate = MainTest.run("validate", file.toString());
            check(validate, Set.of(0, 2), text);
            Run run = MainTest.run("run", file.toString(), "--out", dir.resolve("out").toString(), "--stop-after", "2s");
            check(run, Set.of(0, 1, 2), text);
            assertTrue((validate.exitCode() == 2) == (run.exitCode() == 2), () -> "validate and run disagree on:\n" + text
                    + "\nvalidate: " + validate.err() + "\nrun: " + run.err());
        } finally {
            deleteTree(dir);
        }
    }

    private static void check(Run r, Set<Integer> allowed, String text) {
        assertTrue(allowed.contains(r.exitCode()), () -> "exit " + r.exitCode() + " for:\n" + text + "\nstderr:\n" + r.err());
        for (String s : new String[] {"\tat ", "Exception", "internal error", "the run failed"}) {
            assertFalse(r.err().contains(s) || r.out().contains(s), () -> "'" + s + "' for:\n" + text + "\nstderr:\n" + r.err());
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }

    private static List<String> loadScenarios() {
        try (Stream<Path> files = Files.list(Path.of("../../scenarios"))) {
            List<String> texts = new ArrayList<>();
            for (Path p : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) texts.add(Files.readString(p));
            return List.copyOf(texts);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
