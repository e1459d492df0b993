package io.firsthop.run;

import io.firsthop.report.ExpectationResult;
import io.firsthop.report.RunReport;
import java.util.List;
import java.util.function.Supplier;

/**
 * Plays one bound scenario on an engine and checks its expectations: the part of
 * {@code firsthop run} that does not write files, so tests run scenarios in-process exactly as
 * the command does.
 *
 * <p>How to use it: {@link #run} with a plan from {@link Validation} or {@link Binder}, an
 * engine, the settings, a sink for the trace (the report recorder; {@link #NO_SINK} for none) and
 * a {@link RunControl}. A stop requested through the control ends the run early; the outcome
 * then holds what was measured until then, and checks about later instants are "n/a".
 */
public final class ScenarioRun {
    /** A sink that keeps nothing. */
    public static final SiteTraceSink NO_SINK = (site, event) -> { };

    /**
     * What a run gave.
     *
     * @param plan         what was run
     * @param engine       how far the engine got
     * @param observations what was measured
     * @param checks       the expectations, evaluated
     */
    public record Outcome(NetworkPlan plan, EngineResult engine, Observations observations, List<ExpectationResult> checks) {
        public Outcome {
            checks = List.copyOf(checks);
        }

        /** Whether the run stopped before its end. */
        public boolean stoppedEarly() {
            return !engine.completed();
        }

        public boolean allPassed() {
            for (ExpectationResult c : checks) if (!c.passed()) return false;
            return true;
        }

        /** {@link ExitCodes#OK} or {@link ExitCodes#EXPECTATION_FAILED}, by the checks alone. */
        public int checksExitCode() {
            return allPassed() ? ExitCodes.OK : ExitCodes.EXPECTATION_FAILED;
        }
    }

    private ScenarioRun() {
    }

    /**
     * Runs {@code plan} on {@code engine} and evaluates its expectations.
     *
     * @throws RunFailure if the run itself failed
     */
    public static Outcome run(NetworkPlan plan, Engine engine, RunSettings settings, SiteTraceSink sink, RunControl control) {
        return run(plan, engine, settings, sink, control, () -> null);
    }

    /**
     * Runs {@code plan} and evaluates its expectations, outages and loss from the report module's
     * metrics that {@code report} gives once the run is over (null: from this module's own).
     */
    public static Outcome run(NetworkPlan plan, Engine engine, RunSettings settings, SiteTraceSink sink, RunControl control,
                              Supplier<RunReport> report) {
        Observations observations = new Observations(plan);
        SiteTraceSink all = SiteTraceSink.both(observations, sink);
        EngineResult result;
        if (settings.captureDir() != null && !engine.supportsCapture()) {
            // the engine traces its frames; the pcaps are written from those events here
            try (LinkCaptures captures = LinkCaptures.open(plan, settings.captureDir())) {
                result = engine.run(plan, settings.withoutCapture(), SiteTraceSink.both(all, captures), control);
            }
        } else {
            result = engine.run(plan, settings, all, control);
        }
        observations.finish(result.reachedNanos());
        Expectations expectations = new Expectations(observations, new Gateways(plan), new Baselines(plan), report.get());
        return new Outcome(plan, result, observations, expectations.evaluate());
    }
}
