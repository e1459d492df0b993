package io.firsthop.scenario;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Robustness: whatever happens to a valid file's text, loading it gives a {@link ValidationResult}
 * (a scenario, or positioned problems) and never an exception or an internal error.
 */
class MutationPropertiesTest {
    static final List<String> VALID = loadValidTexts();

    /** One edit of a text, by line. */
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
                default -> { // splice: text inserted mid-line
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
                Arbitraries.of("", "~", "[]", "{}", "-1", "0", "300", "99999999999999999999", "1e9", "true", "10s", "0.1ms",
                        "10.0.0.1", "10.0.0.1/24", "256.1.1.1/33", "\"r1:ge0\"", "r1:ge0:x", "&a [*a]", "*nope", "!!binary x",
                        "{a: [1, {b: 2}]}", "- - -", ": :", "'unterminated", "\"bad \\q escape\"", "\t", "<<: {x: 1}",
                        "vrrp: {vrid: 1}", "kind: switch", "[10, 20-30, all]", "00:00:5e:00:01:01", "1000pps", "10Mbps", "5%"),
                Arbitraries.strings().ofMaxLength(12));
        return Combinators.combine(kind, Arbitraries.integers().between(0, 400), text).as(Mutation::new);
    }

    @Property(tries = 400)
    @Label("one random edit of a valid scenario never throws: the loader answers with a scenario or positioned problems")
    void oneEditNeverThrows(@ForAll("mutations") Mutation m, @ForAll("which") int which) {
        String text = m.apply(VALID.get(Math.floorMod(which, VALID.size())));
        check(text);
    }

    @Property(tries = 200)
    @Label("several random edits in a row never throw either")
    void severalEditsNeverThrow(@ForAll("mutations") Mutation a, @ForAll("mutations") Mutation b,
                                @ForAll("mutations") Mutation c, @ForAll("which") int which) {
        String text = c.apply(b.apply(a.apply(VALID.get(Math.floorMod(which, VALID.size())))));
        check(text);
    }

    @Provide
    Arbitrary<Integer> which() {
        return Arbitraries.integers().between(0, 1000);
    }

    private static void check(String text) {
        ValidationResult r = ScenarioLoader.parse(text, "mutated.yaml");
        assertNotNull(r);
        if (r.ok()) {
            assertNotNull(r.scenario());
            return;
        }
        for (Problem p : r.problems()) {
            assertFalse(p.message().contains("internal error"), () -> "internal error for:\n" + text + "\n" + r.format());
            assertTrue(p.line() > 0 || p.message().startsWith("YAML error"), () -> "problem without a line: " + p.format() + "\nfor:\n" + text);
            assertFalse(p.message().isBlank());
        }
    }

    private static List<String> loadValidTexts() {
        try {
            List<String> texts = new ArrayList<>();
            for (Path dir : List.of(Path.of("../../scenarios"), Path.of("src/test/resources/valid"))) {
                if (!Files.isDirectory(dir)) continue;
                try (var files = Files.list(dir)) {
                    for (Path p : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) texts.add(Files.readString(p));
                }
            }
            return List.copyOf(texts);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
