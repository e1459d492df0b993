package io.firsthop.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
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

    @Test
    @DisplayName("the complete two-site example of docs/scenario-format.md validates, with its variant")
    void documentedExampleValidates() throws IOException {
        String doc = Files.readString(Path.of("../../docs/scenario-format.md"));
        int section = doc.indexOf("## A complete two-site example");
        int start = doc.indexOf("```yaml\n", section) + "```yaml\n".length();
        String yaml = doc.substring(start, doc.indexOf("```\n", start));
        ValidationResult r = ScenarioLoader.parse(yaml, "scenario-format.md");
        assertTrue(r.ok(), r::format);
        assertEquals(2, r.scenario().sites().size());
        assertEquals(120, ((GatewayProtocol.Vrrp) r.scenario().variant("daegu-primary").node("r2").spec()
                .l3Interface("ge0").gateways().get(0)).priority());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarioFiles")
    @DisplayName("validates without problems")
    void validates(Path file) {
        ValidationResult r = ScenarioLoader.load(file);
        assertTrue(r.ok(), () -> file + " has problems:\n" + r.format());
    }
}
