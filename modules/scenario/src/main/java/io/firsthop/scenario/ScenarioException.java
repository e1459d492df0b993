package io.firsthop.scenario;

import java.util.List;

/** A scenario that did not load or validate; {@link #problems()} holds every reason. */
public final class ScenarioException extends Exception {
    private final List<Problem> problems;

    public ScenarioException(List<Problem> problems) {
        super(problems.size() + " problem" + (problems.size() == 1 ? "" : "s") + " in scenario:\n" + format(problems));
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }

    /** One problem per line, as {@code file:line:col: path: message}. */
    public static String format(List<Problem> problems) {
        StringBuilder sb = new StringBuilder();
        for (Problem p : problems) sb.append(p.format()).append('\n');
        return sb.toString();
    }
}
