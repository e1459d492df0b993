package io.firsthop.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The corpus of broken files: each ends with "# expect: LINE:COL PATH: MESSAGE" lines (comments,
 * so they move no position), and must produce exactly those problems, in that order.
 */
@DisplayName("Broken scenario files each give their own positioned error")
class BrokenFilesTest {
    static final Path CORPUS = Path.of("src/test/resources/broken");

    static Stream<Path> brokenFiles() throws IOException {
        try (Stream<Path> files = Files.list(CORPUS)) {
            return files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenFiles")
    @DisplayName("reports exactly the expected problems, with file, line, column, path and message")
    void reportsTheExpectedProblems(Path file) throws IOException {
        List<String> expected = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            if (!line.startsWith("# expect: ")) continue;
            String spec = line.substring("# expect: ".length()); // "LINE:COL path: message"
            int space = spec.indexOf(' ');
            expected.add(file + ":" + spec.substring(0, space) + ": " + spec.substring(space + 1));
        }
        assertFalse(expected.isEmpty(), file + " says nothing about what it expects");
        ValidationResult r = ScenarioLoader.load(file);
        assertFalse(r.ok());
        assertNull(r.scenario());
        List<String> actual = r.problems().stream().map(Problem::format).toList();
        assertEquals(String.join("\n", expected), String.join("\n", actual));
    }
}
