package io.firsthop.scenario;

import java.util.List;

/**
 * What loading or validating a scenario gave: the scenario when there are no problems, else
 * every problem found (never only the first).
 */
public record ValidationResult(Scenario scenario, List<Problem> problems) {
    public ValidationResult {
        problems = List.copyOf(problems);
        if (problems.isEmpty() && scenario == null) throw new IllegalArgumentException("no scenario and no problem");
        if (!problems.isEmpty()) scenario = null;
    }

    public static ValidationResult of(Scenario scenario) {
        return new ValidationResult(scenario, List.of());
    }

    public boolean ok() {
        return problems.isEmpty();
    }

    /** The scenario, or a {@link ScenarioException} carrying the problems. */
    public Scenario orThrow() throws ScenarioException {
        if (!ok()) throw new ScenarioException(problems);
        return scenario;
    }

    /** The problems, one per line, compiler style; "" when there are none. */
    public String format() {
        return ScenarioException.format(problems);
    }
}
