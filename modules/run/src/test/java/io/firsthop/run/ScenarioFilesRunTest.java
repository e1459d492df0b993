package io.firsthop.run;

import io.firsthop.report.ExpectationResult;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every scenario in scenarios/ validates, binds and passes its expectations on the virtual engine. */
@DisplayName("The scenarios in scenarios/ pass on the virtual engine")
class ScenarioFilesRunTest {
    static final Path SCENARIOS = Path.of("../../scenarios");

    static Stream<Path> scenarioFiles() throws IOException {
        try (Stream<Path> files = Files.list(SCENARIOS)) {
            return files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarioFiles")
    @DisplayName("validates, and every expectation holds in the scenario and each variant")
    void passes(Path file) {
        Validation.Checked checked = Validation.check(file);
        assertTrue(checked.ok(), checked::format);
        for (Map.Entry<String, NetworkPlan> e : checked.plans().entrySet()) {
            NetworkPlan plan = e.getValue();
            ScenarioRun.Outcome outcome = ScenarioRun.run(plan, new VirtualRunner(), RunSettings.seed(plan.scenario().seed()),
                    ScenarioRun.NO_SINK, RunControl.silent());
            StringBuilder report = new StringBuilder(file + (e.getKey().isEmpty() ? "" : " variant " + e.getKey()) + ":\n");
            for (ExpectationResult c : outcome.checks()) {
                report.append(c.passed() ? "  pass " : "  FAIL ").append(c.description()).append(": measured ").append(c.measured())
                        .append(", limit ").append(c.limit()).append('\n');
            }
            System.out.print(report);
            assertTrue(outcome.engine().completed());
            assertTrue(outcome.allPassed(), report::toString);
        }
    }

}
