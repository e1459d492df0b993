package io.firsthop.report;

import io.firsthop.core.trace.TraceEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Records one run: consumes its trace events, computes the metrics as it goes, streams
 * events.jsonl and rewrites report.json, summary.md, flows.csv and report.html at checkpoints
 * and at the end, so a killed run keeps what it measured.
 *
 * <h2>How to drive it</h2>
 * <pre>{@code
 * RunRecorder rec = new RunRecorder(outDir, ReportContext.of(RunInfo.of("vrrp", "virtual", 1))
 *         .withTopology(topology).withMacOwners(owners), RecorderOptions.DEFAULT);
 * sim.addTraceSink(new TraceSink() {                     // the engine's sink interface
 *     public void accept(TraceEvent e) { rec.accept(e); }
 *     public boolean wantsFrameEvents() { return rec.wantsFrameEvents(); }
 * });
 * sim.run(duration);
 * RunReport measured = rec.snapshot();                   // evaluate expect: checks on it...
 * rec.finish(results);                                   // ...then write the final reports
 * }</pre>
 *
 * <p>Events should come in time order (the virtual engine's order; a cluster's slight
 * reorderings are tolerated: probes are keyed by sequence, lists are sorted when rendered).
 * Every public method is synchronized: one or more writer threads may feed it while another
 * takes snapshots, though the intended use is one writer.
 */
public final class RunRecorder implements AutoCloseable {
    private final Path outputDir;
    private final ReportContext context;
    private final RecorderOptions options;
    private final Metrics metrics;
    private final EventLog eventLog;
    private long nextCheckpoint;
    private long lastCheckpointWall;
    private boolean finished;

    /**
     * Records into {@code outputDir} (created if missing).
     *
     * @throws UncheckedIOException when the directory or events.jsonl cannot be created
     */
    public RunRecorder(Path outputDir, ReportContext context, RecorderOptions options) {
        this.outputDir = outputDir;
        this.context = Objects.requireNonNull(context, "context");
        this.options = Objects.requireNonNull(options, "options");
        this.metrics = new Metrics(context);
        this.nextCheckpoint = options.checkpointEveryNs() > 0 ? options.checkpointEveryNs() : Long.MAX_VALUE;
        this.lastCheckpointWall = System.nanoTime();
        try {
            if (outputDir != null) Files.createDirectories(outputDir);
            this.eventLog = outputDir != null && options.writeEvents()
                    ? new EventLog(outputDir.resolve(ReportFiles.EVENTS), options.frameEventsInLog()) : null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot record into " + outputDir, e);
        }
    }

    /** A recorder that writes nothing: metrics only (tests, dry runs). */
    public static RunRecorder inMemory(ReportContext context) {
        return new RunRecorder(null, context, RecorderOptions.DEFAULT.withEventLog(false).withCheckpointEvery(0));
    }

    public Path outputDir() {
        return outputDir;
    }

    public ReportContext context() {
        return context;
    }

    /** Whether the engine should create per-frame events for this recorder. */
    public boolean wantsFrameEvents() {
        return options.wantsFrameEvents();
    }

    /** One event, its site looked up in the context's device -> site map (null when unknown). */
    public void accept(TraceEvent event) {
        accept(context.siteOf(event.device()), event);
    }

    /** One event seen in {@code site} (the cluster engine knows it). Ignored once finished. */
    public synchronized void accept(String site, TraceEvent event) {
        if (finished) return;
        if (event.at() >= nextCheckpoint) {
            long every = options.checkpointEveryNs();
            nextCheckpoint = (event.at() / every + 1) * every;
            // wall-clock spacing only decides how often files are rewritten, never what they say
            long wall = System.nanoTime();
            if (wall - lastCheckpointWall >= options.checkpointMinWallNs()) {
                // the checkpoint shows everything before this instant
                checkpointFiles(false);
                lastCheckpointWall = wall;
            }
        }
        metrics.accept(event);
        if (eventLog != null) eventLog.write(site, event);
    }

    /** The metrics so far (not complete: probes still within their timeout are pending). */
    public synchronized RunReport snapshot() {
        return metrics.snapshot(false, List.of());
    }

    /** Rewrites report.json, summary.md, flows.csv (and report.html) now, and flushes events.jsonl. */
    public synchronized void checkpoint() {
        if (!finished) checkpointFiles(false);
    }

    private void checkpointFiles(boolean complete) {
        if (eventLog != null) eventLog.flush();
        if (outputDir == null) return;
        ReportFiles.writeReports(outputDir, metrics.snapshot(complete, List.of()), options.writeHtml());
    }

    /**
     * Ends the run: the final report, complete, with these expectation results, written to every
     * file; events.jsonl is closed. May be called again (with other results) to rewrite the reports.
     */
    public synchronized RunReport finish(List<ExpectationResult> expectations) {
        return finish(expectations, null);
    }

    /**
     * Ends a run that stopped before its planned end ({@code interrupted} non-null: Ctrl-C,
     * {@code --stop-after}, an engine failure): as {@link #finish(List)}, the report saying where and why.
     */
    public synchronized RunReport finish(List<ExpectationResult> expectations, Interruption interrupted) {
        RunReport report = metrics.snapshot(true, interrupted, expectations == null ? List.of() : expectations);
        if (!finished) {
            finished = true;
            if (eventLog != null) {
                try {
                    eventLog.close();
                } catch (IOException e) {
                    throw new UncheckedIOException("closing events.jsonl", e);
                }
            }
        }
        if (outputDir != null) ReportFiles.writeReports(outputDir, report, options.writeHtml());
        return report;
    }

    /** Finishes without expectation results, unless already finished. */
    @Override
    public synchronized void close() {
        if (!finished) finish(List.of());
    }
}
