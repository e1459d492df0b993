package io.firsthop.run;

import io.firsthop.core.trace.TraceEvent;
import io.firsthop.report.ExpectationResult;
import io.firsthop.report.Interruption;
import io.firsthop.report.RecorderOptions;
import io.firsthop.report.RunInfo;
import io.firsthop.report.RunRecorder;
import io.firsthop.report.RunReport;
import io.firsthop.scenario.Scenario;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One {@code firsthop run} of one bound scenario, writing its run directory as it goes:
 * events.jsonl streamed, report.json, summary.md, flows.csv and report.html at checkpoints and
 * at the end (the report module's {@link RunRecorder}), captures/*.pcap when asked.
 *
 * <p>How to use it: build it, hand {@link #interrupt} to whatever should stop it (the CLI's
 * Ctrl-C hook; a test), then {@link #run}. An interrupted run stops at the engine's next step,
 * and its report files still hold everything measured until then, with a first expectation
 * {@code run-end} saying where and why it stopped (failed, so the run does not pass). A run that
 * fails (an engine or device error) keeps what it measured the same way.
 */
public final class RunSession {
    /** The stop reason of {@link #interrupt()}. */
    public static final String INTERRUPTED = "interrupted (Ctrl-C)";

    /**
     * @param outDir           the run directory
     * @param seed             the run's seed
     * @param capture          write captures/&lt;link&gt;.pcap
     * @param frames           write per-frame events to events.jsonl
     * @param stopAfterNanos   end the run at this run time (0: at its end); checks after it are "n/a"
     * @param checkpointNanos  rewrite the report files each time this much run time has passed (0: only at the end)
     */
    public record Options(Path outDir, long seed, boolean capture, boolean frames, long stopAfterNanos, long checkpointNanos) {
        public Options {
            Objects.requireNonNull(outDir, "outDir");
        }

        public static Options defaults(Path outDir, long seed) {
            return new Options(outDir, seed, false, false, 0, RecorderOptions.DEFAULT.checkpointEveryNs());
        }
    }

    /**
     * What the run gave.
     *
     * @param outDir   where its files are
     * @param outcome  the run and its checks; null when the run itself failed
     * @param report   the final report as written
     * @param exitCode {@link ExitCodes}: OK, EXPECTATION_FAILED, RUN_FAILED or INTERRUPTED
     * @param failure  why the run failed, or null
     */
    public record Result(Path outDir, ScenarioRun.Outcome outcome, RunReport report, int exitCode, String failure) {
        public boolean interrupted() {
            return exitCode == ExitCodes.INTERRUPTED;
        }
    }

    private final NetworkPlan plan;
    private final Engine engine;
    private final Options options;
    private final RunControl control;

    public RunSession(NetworkPlan plan, Engine engine, Options options, RunControl.Listener progress) {
        this.plan = Objects.requireNonNull(plan, "plan");
        this.engine = Objects.requireNonNull(engine, "engine");
        this.options = Objects.requireNonNull(options, "options");
        this.control = new RunControl(Objects.requireNonNull(progress, "progress"));
    }

    public RunControl control() {
        return control;
    }

    /** What Ctrl-C does: the run stops at its next step and writes what it measured, marked interrupted. Any thread. */
    public void interrupt() {
        control.requestStop(INTERRUPTED);
    }

    /** Runs and writes the run directory. Never throws for a failing run: see {@link Result#failure()}. */
    public Result run() {
        Scenario s = plan.scenario();
        RunInfo info = new RunInfo(s.name(), s.variant(), engine.name(), options.seed(), s.description());
        RecorderOptions ro = RecorderOptions.DEFAULT.withFrameEventsInLog(options.frames()).withCheckpointEvery(options.checkpointNanos());
        RunRecorder recorder;
        try {
            recorder = new RunRecorder(options.outDir(), ReportContexts.of(plan, info), ro);
        } catch (UncheckedIOException e) {
            return new Result(options.outDir(), null, null, ExitCodes.RUN_FAILED, "cannot write the run directory "
                    + options.outDir() + ": " + e.getCause().getMessage());
        }
        SiteTraceSink sink = new SiteTraceSink() {
            @Override
            public void accept(String site, TraceEvent event) {
                recorder.accept(site, event);
            }

            @Override
            public boolean wantsFrameEvents() {
                return recorder.wantsFrameEvents();
            }
        };
        RunSettings settings = new RunSettings(options.seed(), options.capture() ? options.outDir().resolve("captures") : null,
                options.stopAfterNanos(), options.outDir());
        ScenarioRun.Outcome outcome;
        try {
            outcome = ScenarioRun.run(plan, engine, settings, sink, control, recorder::snapshot);
        } catch (RuntimeException e) {
            String why = e instanceof RunFailure ? e.getMessage() : "the run failed: " + e;
            RunReport report = finish(recorder, List.of(new ExpectationResult("run-end", "the run reached its end ("
                    + Expectations.seconds(plan.durationNanos()) + ")", "failed: " + why, Expectations.seconds(plan.durationNanos()), false)),
                    new Interruption(recorder.snapshot().durationNs(), "failed: " + why));
            return new Result(options.outDir(), null, report, ExitCodes.RUN_FAILED, why);
        }
        List<ExpectationResult> results = new ArrayList<>();
        boolean interrupted = false;
        Interruption stopped = null;
        if (outcome.stoppedEarly()) {
            String reason = outcome.engine().stopReason() == null ? "stopped" : outcome.engine().stopReason();
            interrupted = INTERRUPTED.equals(reason);
            results.add(new ExpectationResult("run-end", "the run reached its end (" + Expectations.seconds(plan.durationNanos()) + ")",
                    (interrupted ? "interrupted at " + Expectations.seconds(outcome.engine().reachedNanos()) + ": " + reason : reason)
                            + "; the figures cover the run up to there", Expectations.seconds(plan.durationNanos()), !interrupted));
            stopped = new Interruption(outcome.engine().reachedNanos(), reason);
        }
        results.addAll(outcome.checks());
        RunReport report = finish(recorder, results, stopped);
        if (report == null) {
            return new Result(options.outDir(), outcome, null, ExitCodes.RUN_FAILED, "cannot write the report files in " + options.outDir());
        }
        int exit = interrupted ? ExitCodes.INTERRUPTED : outcome.checksExitCode();
        return new Result(options.outDir(), outcome, report, exit, null);
    }

    private static RunReport finish(RunRecorder recorder, List<ExpectationResult> results, Interruption stopped) {
        try {
            return recorder.finish(results, stopped);
        } catch (UncheckedIOException e) {
            return null;
        }
    }
}
