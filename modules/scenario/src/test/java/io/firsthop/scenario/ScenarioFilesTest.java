package io.firsthop.scenario;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

@DisplayName("Every scenario shipped in scenarios/ validates")
class ScenarioFilesTest {
    static final Path SCENARIOS = Path.of("../../scenarios");

    static Stream<Path> scenarioFiles() throws IOException {
        try (Stream<Path> files = Files.list(SCENARIOS)) {
            List<Path> yaml = files.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml")).sorted().toList();
            return yaml.stream();
        }
    }

    @Test
    @DisplayName("scenarios/ holds scenario files")
    void thereAreScenarios() throws IOException {
        assertFalse(scenarioFiles().toList().isEmpty(), "no .yaml file in " + SCENARIOS.toAbsolutePath());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarioFiles")
    @DisplayName("validates without problems")
    void validates(Path file) {
        ValidationResult r = ScenarioLoader.load(file);
        assertTrue(r.ok(), () -> file + " has problems:\n" + r.format());
    }
}
