package io.firsthop.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.firsthop.cli.MainTest.Run;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code firsthop validate} and {@code firsthop run}, in-process, through the real command line. */
class ScenarioCommandsTest {
    static final Path SCENARIOS = Path.of("../../scenarios");
    /** The scenario module's corpus of broken files, each ending with the problems it must give. */
    static final Path BROKEN = Path.of("../scenario/src/test/resources/broken");
    static final Path VRRP = SCENARIOS.resolve("09-vrrp-failover.yaml");

    static Run run(String... args) {
        return MainTest.run(args);
    }

    static Stream<Path> files(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList().stream();
        }
    }

    static Stream<Path> brokenFiles() throws IOException {
        return files(BROKEN);
    }

    static void noStackTrace(Run r) {
        for (String s : new String[] {"\tat ", "Exception", "internal error"}) {
            assertFalse(r.err().contains(s) || r.out().contains(s), () -> "'" + s + "' in:\n" + r.err() + r.out());
        }
    }

    @Nested
    @DisplayName("validate")
    class Validate {
        @Test
        @DisplayName("every scenario in scenarios/ is valid: each listed as ok, exit 0")
        void shippedScenarios() throws IOException {
            List<String> args = new ArrayList<>(List.of("validate"));
            files(SCENARIOS).forEach(p -> args.add(p.toString()));
            Run r = run(args.toArray(new String[0]));
            assertEquals(0, r.exitCode(), r.err());
            assertEquals(args.size() - 1, r.out().lines().filter(l -> l.contains(": ok")).count(), r.out());
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("io.firsthop.cli.ScenarioCommandsTest#brokenFiles")
        @DisplayName("each broken file gives its own problems, compiler style (file:line:col: path: message), and exit 2")
        void brokenFile(Path file) throws IOException {
            List<String> expected = new ArrayList<>();
            for (String line : Files.readAllLines(file)) {
                if (!line.startsWith("# expect: ")) continue;
                String spec = line.substring("# expect: ".length());
                int space = spec.indexOf(' ');
                expected.add(file + ":" + spec.substring(0, space) + ": " + spec.substring(space + 1));
            }
            Run r = run("validate", file.toString());
            assertEquals(2, r.exitCode());
            List<String> lines = r.err().lines().toList();
            assertEquals(expected, lines.subList(0, lines.size() - 1), r.err());
            assertEquals(expected.size() + " problem" + (expected.size() == 1 ? "" : "s") + " found", lines.getLast());
            noStackTrace(r);
        }

        @Test
        @DisplayName("several files: all problems of all of them at once, valid ones listed as ok")
        void severalFiles() {
            Run r = run("validate", VRRP.toString(), BROKEN.resolve("several-errors-at-once.yaml").toString(),
                    BROKEN.resolve("unknown-vrrp-key.yaml").toString());
            assertEquals(2, r.exitCode());
            assertTrue(r.out().contains("09-vrrp-failover.yaml: ok"), r.out());
            assertTrue(r.err().contains("several-errors-at-once.yaml:") && r.err().contains("unknown-vrrp-key.yaml:"), r.err());
        }

        @Test
        @DisplayName("a missing file is a problem of its own, not a crash")
        void missingFile() {
            Run r = run("validate", "no/such/file.yaml");
            assertEquals(2, r.exitCode());
            assertTrue(r.err().startsWith("no/such/file.yaml: no such file"), r.err());
            noStackTrace(r);
        }

        @Test
        @DisplayName("what the devices cannot do is reported like the loader's problems (a binding problem)")
        void bindingProblem(@TempDir Path dir) throws IOException {
            Path file = Files.writeString(dir.resolve("glbp.yaml"), """
                    duration: 10s
                    nodes:
                      r1:
                        kind: router
                        interfaces:
                          ge0: {address: 10.0.0.2/24, glbp: {group: 1, virtual-ip: 10.0.0.1, preempt-delay: 1s}}
                    """);
            Run r = run("validate", file.toString());
            assertEquals(2, r.exitCode());
            assertTrue(r.err().startsWith(file + ":6:89: nodes.r1.interfaces.ge0.glbp.preempt-delay: a GLBP AVG preemption delay cannot run yet"),
                    r.err());
        }
    }

    @Nested
    @DisplayName("run")
    class RunCommand {
        @TempDir
        Path dir;

        @Test
        @DisplayName("a passing scenario: exit 0, the run directory written, plain progress lines (no terminal), the summary printed")
        void passing() {
            Path out = dir.resolve("vrrp");
            Run r = run("run", VRRP.toString(), "--out", out.toString());
            assertEquals(0, r.exitCode(), r.err() + r.out());
            for (String f : new String[] {"events.jsonl", "report.json", "summary.md", "flows.csv"}) assertTrue(Files.exists(out.resolve(f)), f);
            assertTrue(r.err().contains("vrrp-failover: 50% (15.0s of 30.0s run time"), r.err());
            assertTrue(r.out().contains("8 of 8 passed"), r.out());
            assertTrue(r.out().contains("run directory: " + out), r.out());
        }

        @Test
        @DisplayName("an expectation that fails: exit 1, the failing check in the summary with its measured value")
        void failing() throws IOException {
            String text = Files.readString(VRRP).replace("{flow: h1-out, max-outage: 4s}", "{flow: h1-out, max-outage: 1s}");
            Path file = Files.writeString(dir.resolve("strict.yaml"), text);
            Run r = run("run", file.toString(), "--out", dir.resolve("out").toString());
            assertEquals(1, r.exitCode(), r.err());
            assertTrue(r.out().contains("FAIL") && r.out().contains("3.180 s (318 probes lost from 10.000 s)"), r.out());
        }

        @Test
        @DisplayName("--seed overrides the scenario's seed; --stop-after ends early (later checks n/a: exit 1)")
        void seedAndStopAfter() {
            Run r = run("run", VRRP.toString(), "--out", dir.resolve("early").toString(), "--seed", "99", "--stop-after", "12s");
            assertEquals(1, r.exitCode());
            assertTrue(r.out().contains("seed 99"), r.out());
            assertTrue(r.out().contains("stopped at 12.000 s as asked"), r.out());
        }

        @Test
        @DisplayName("--all-variants runs the scenario and each variant into DIR/base and DIR/<variant>; --variant runs one")
        void variants() {
            Path out = dir.resolve("glbp");
            Run all = run("run", SCENARIOS.resolve("11-active-active-glbp.yaml").toString(), "--all-variants", "--out", out.toString());
            assertEquals(0, all.exitCode(), all.err() + all.out());
            assertTrue(Files.exists(out.resolve("base/report.json")) && Files.exists(out.resolve("vrrp/report.json")));
            Run one = run("run", SCENARIOS.resolve("11-active-active-glbp.yaml").toString(), "--variant", "vrrp", "--out",
                    dir.resolve("one").toString());
            assertEquals(0, one.exitCode());
            assertTrue(one.out().contains("active-active-glbp/vrrp"), one.out());
        }

        @Test
        @DisplayName("usage errors exit 2 with one line and nothing run: a broken file, an unknown variant, an unknown or absent "
                + "engine, a bad duration, both variant options")
        void usageErrors() {
            Run broken = run("run", BROKEN.resolve("unknown-vrrp-key.yaml").toString(), "--out", dir.resolve("x").toString());
            assertEquals(2, broken.exitCode());
            assertTrue(broken.err().contains("nothing was run"), broken.err());
            assertFalse(Files.exists(dir.resolve("x")));
            Run variant = run("run", VRRP.toString(), "--variant", "nope");
            assertEquals(2, variant.exitCode());
            assertTrue(variant.err().contains("no variant 'nope'") && variant.err().contains("(it has none)"), variant.err());
            Run engine = run("run", VRRP.toString(), "--engine", "quantum");
            assertEquals(2, engine.exitCode());
            assertTrue(engine.err().contains("unknown engine 'quantum'"), engine.err());
            Run duration = run("run", VRRP.toString(), "--stop-after", "soon");
            assertEquals(2, duration.exitCode());
            Run both = run("run", VRRP.toString(), "--variant", "a", "--all-variants");
            assertEquals(2, both.exitCode());
            for (Run r : List.of(broken, variant, engine, duration, both)) noStackTrace(r);
        }

        @Test
        @DisplayName("a run directory that cannot be written: exit 3, the reason on stderr")
        void unwritable() throws IOException {
            Path file = Files.writeString(dir.resolve("plain-file"), "x");
            Run r = run("run", VRRP.toString(), "--out", file.resolve("sub").toString());
            assertEquals(3, r.exitCode());
            assertTrue(r.err().contains("cannot write the run directory"), r.err());
            noStackTrace(r);
        }
    }
}
