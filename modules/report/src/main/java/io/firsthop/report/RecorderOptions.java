package io.firsthop.report;

/**
 * How much a {@link RunRecorder} records and writes.
 *
 * @param writeEvents        write events.jsonl at all
 * @param frameEventsInLog   write FrameSent / FrameReceived lines to events.jsonl (FrameDropped always are);
 *                           there can be millions, so off by default
 * @param analyseFrames      ask the engine for per-frame events and derive from them what only frames show:
 *                           advertisement counters, the last advert before a takeover, gratuitous ARPs,
 *                           WAN crossings per round trip. Costs engine speed; on by default
 * @param checkpointEveryNs  rewrite report.json, summary.md, flows.csv and report.html each time the trace's
 *                           clock passes another multiple of this (0: only at the end)
 * @param writeHtml          write report.html (at checkpoints and at the end)
 * @param checkpointMinWallNs at least this much wall-clock time between two checkpoints: a virtual run
 *                           goes through 10 s of run time in milliseconds, and rewriting every file that
 *                           often would cost more than the run; real-time runs are not slowed by it
 */
public record RecorderOptions(boolean writeEvents, boolean frameEventsInLog, boolean analyseFrames,
                              long checkpointEveryNs, boolean writeHtml, long checkpointMinWallNs) {
    /**
     * events.jsonl without sent/received frames, frames analysed, a checkpoint every 10 s of run time but
     * not more often than every 2 s of wall-clock time, HTML.
     */
    public static final RecorderOptions DEFAULT = new RecorderOptions(true, false, true, 10_000_000_000L, true, 2_000_000_000L);

    public RecorderOptions {
        if (checkpointEveryNs < 0) throw new IllegalArgumentException("checkpoint interval must not be negative");
        if (checkpointMinWallNs < 0) throw new IllegalArgumentException("checkpoint wall-clock spacing must not be negative");
    }

    /** With the default wall-clock spacing of checkpoints (2 s). */
    public RecorderOptions(boolean writeEvents, boolean frameEventsInLog, boolean analyseFrames, long checkpointEveryNs,
                           boolean writeHtml) {
        this(writeEvents, frameEventsInLog, analyseFrames, checkpointEveryNs, writeHtml, 2_000_000_000L);
    }

    public RecorderOptions withFrameEventsInLog(boolean on) {
        return new RecorderOptions(writeEvents, on, analyseFrames || on, checkpointEveryNs, writeHtml, checkpointMinWallNs);
    }

    public RecorderOptions withAnalyseFrames(boolean on) {
        return new RecorderOptions(writeEvents, frameEventsInLog && on, on, checkpointEveryNs, writeHtml, checkpointMinWallNs);
    }

    public RecorderOptions withCheckpointEvery(long ns) {
        return new RecorderOptions(writeEvents, frameEventsInLog, analyseFrames, ns, writeHtml, checkpointMinWallNs);
    }

    public RecorderOptions withEventLog(boolean on) {
        return new RecorderOptions(on, frameEventsInLog, analyseFrames, checkpointEveryNs, writeHtml, checkpointMinWallNs);
    }

    public RecorderOptions withHtml(boolean on) {
        return new RecorderOptions(writeEvents, frameEventsInLog, analyseFrames, checkpointEveryNs, on, checkpointMinWallNs);
    }

    public RecorderOptions withCheckpointMinWall(long ns) {
        return new RecorderOptions(writeEvents, frameEventsInLog, analyseFrames, checkpointEveryNs, writeHtml, ns);
    }

    /** Whether the engine must produce FrameSent / FrameReceived for this recorder. */
    public boolean wantsFrameEvents() {
        return frameEventsInLog || analyseFrames;
    }
}
