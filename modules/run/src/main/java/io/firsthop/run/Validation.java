package io.firsthop.run;

import io.firsthop.scenario.Problem;
import io.firsthop.scenario.Scenario;
import io.firsthop.scenario.ScenarioLoader;
import io.firsthop.scenario.ValidationResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything that can be wrong with a scenario file before it runs: what the loader finds
 * (syntax, types, names, addresses, segments), then what binding finds (what the devices on
 * hand cannot do yet), for the scenario and each of its variants. Never throws for bad input.
 */
public final class Validation {
    /**
     * A checked file.
     *
     * @param scenario the base scenario, or null when the file has problems
     * @param plans    the bound plans: the base under "" and each variant under its name (empty when there are problems)
     * @param problems every problem, loader's first, then binding's
     */
    public record Checked(Scenario scenario, Map<String, NetworkPlan> plans, List<Problem> problems) {
        public Checked {
            plans = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(plans));
            problems = List.copyOf(problems);
        }

        public boolean ok() {
            return problems.isEmpty();
        }

        /** The problems, one per line, compiler style. */
        public String format() {
            StringBuilder b = new StringBuilder();
            for (Problem p : problems) b.append(p.format()).append('\n');
            return b.toString();
        }
    }

    private Validation() {
    }

    public static Checked check(Path file) {
        // the loader would report these with the I/O exception's name: say it in words
        String unreadable = !Files.exists(file) ? "no such file" : Files.isDirectory(file) ? "a directory, not a scenario file"
                : !Files.isReadable(file) ? "cannot read the file (permission denied)" : null;
        if (unreadable != null) return new Checked(null, Map.of(), List.of(new Problem(file.toString(), 0, 0, "", unreadable)));
        ValidationResult loaded = ScenarioLoader.load(file);
        if (!loaded.ok()) return new Checked(null, Map.of(), loaded.problems());
        return bindAll(loaded.scenario(), file.toString(), SourceLines.of(file));
    }

    /** Binds a loaded scenario and its variants. */
    public static Checked bindAll(Scenario scenario, String file, SourceLines lines) {
        List<Problem> problems = new ArrayList<>();
        Map<String, NetworkPlan> plans = new LinkedHashMap<>();
        try {
            Binder.Result base = Binder.bind(scenario, file, lines);
            problems.addAll(base.problems());
            if (base.ok()) plans.put("", base.plan());
            for (Map.Entry<String, Scenario> v : scenario.variants().entrySet()) {
                Binder.Result r = Binder.bind(v.getValue(), file, lines);
                problems.addAll(r.problems());
                if (r.ok()) plans.put(v.getKey(), r.plan());
            }
        } catch (RuntimeException e) {
            // a bug of ours, not of the file: reported as a problem, never as a stack trace
            problems.add(new Problem(file, 0, 0, "", "internal error while binding the scenario (please report it): " + e));
        }
        return new Checked(problems.isEmpty() ? scenario : null, problems.isEmpty() ? plans : Map.of(), problems);
    }
}
