package io.firsthop.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.firsthop.report.ReportFiles;
import io.firsthop.report.RunReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run session writes its run directory, and an interruption (what Ctrl-C does) keeps what was measured. */
class RunSessionTest {
    static final Path VRRP = Path.of("../../scenarios/09-vrrp-failover.yaml");

    @TempDir
    Path dir;

    static NetworkPlan plan(Path file) {
        Validation.Checked checked = Validation.check(file);
        assertTrue(checked.ok(), checked::format);
        return checked.plans().get("");
    }

    @Test
    @DisplayName("a complete run writes events.jsonl, report.json, summary.md and flows.csv, and exits 0 when every expectation holds")
    void completeRun() throws IOException {
        RunSession.Result r = new RunSession(plan(VRRP), new VirtualRunner(), RunSession.Options.defaults(dir, 7), p -> { }).run();
        assertEquals(ExitCodes.OK, r.exitCode(), () -> String.valueOf(r.report().expectations()));
        for (String f : new String[] {ReportFiles.EVENTS, ReportFiles.REPORT_JSON, ReportFiles.SUMMARY, ReportFiles.FLOWS_CSV,
                ReportFiles.HTML}) {
            assertTrue(Files.size(dir.resolve(f)) > 0, f);
        }
        assertTrue(r.report().complete());
        assertTrue(Files.readString(dir.resolve(ReportFiles.REPORT_JSON)).contains("\"interrupted\" : null"));
        assertNull(ReportFiles.read(dir).interrupted());
    }

    @Test
    @DisplayName("Ctrl-C's path: interrupted at 15 s, the run stops there, writes every report file with what it measured, "
            + "says it was interrupted, and exits 130")
    void interruption() throws IOException {
        AtomicReference<RunSession> session = new AtomicReference<>();
        RunSession s = new RunSession(plan(VRRP), new VirtualRunner(), RunSession.Options.defaults(dir, 7), p -> {
            if (p.reachedNanos() >= 15_000_000_000L) session.get().interrupt();
        });
        session.set(s);
        RunSession.Result r = s.run();
        assertEquals(ExitCodes.INTERRUPTED, r.exitCode());
        assertTrue(r.interrupted());
        assertNotNull(r.outcome());
        long reached = r.outcome().engine().reachedNanos();
        assertTrue(reached >= 15_000_000_000L && reached < 15_100_000_000L, "stopped within one step: " + reached);
        String json = Files.readString(dir.resolve(ReportFiles.REPORT_JSON));
        String summary = Files.readString(dir.resolve(ReportFiles.SUMMARY));
        assertTrue(json.contains("interrupted at 15."), json);
        assertTrue(summary.contains("interrupted at 15."), summary);
        RunReport written = ReportFiles.read(dir);
        assertEquals(RunSession.INTERRUPTED, written.interrupted().reason());
        assertEquals(reached, written.interrupted().atNs());
        assertEquals(reached, written.durationNs(), "the duration is what the run reached, not the planned duration");
        assertTrue(Files.size(dir.resolve(ReportFiles.EVENTS)) > 0);
        assertTrue(Files.size(dir.resolve(ReportFiles.FLOWS_CSV)) > 0);
        // what was measured before the stop is there: the failover at 10 s and the master before it
        assertTrue(r.report().flow("h1-out").lost() > 300, "the 3.18 s outage from 10 s is measured");
        assertTrue(r.outcome().checks().stream().anyMatch(c -> c.description().startsWith("at 9s") && c.passed()));
        // and what it could not measure is n/a, not a guess
        assertTrue(r.outcome().checks().stream().anyMatch(c -> c.description().startsWith("at 25s") && c.measured().startsWith("n/a")));
    }

    @Test
    @DisplayName("--stop-after ends the run early without calling it interrupted: later checks are n/a and fail (exit 1)")
    void stopAfter() {
        RunSession.Options o = new RunSession.Options(dir, 7, false, false, 5_000_000_000L, 0);
        RunSession.Result r = new RunSession(plan(VRRP), new VirtualRunner(), o, p -> { }).run();
        assertEquals(ExitCodes.EXPECTATION_FAILED, r.exitCode());
        assertEquals(5_000_000_000L, r.outcome().engine().reachedNanos());
        assertTrue(r.report().expectations().get(0).measured().contains("stopped at 5.000 s as asked"));
        assertTrue(r.report().expectations().get(0).passed());
        assertEquals(5_000_000_000L, r.report().interrupted().atNs());
        assertEquals("stopped at 5.000 s as asked", r.report().interrupted().reason());
    }

    @Test
    @DisplayName("a run directory that cannot be created is the run's own failure: exit 3, with the reason")
    void unwritableDirectory() throws IOException {
        Path file = Files.writeString(dir.resolve("not-a-directory"), "x");
        RunSession.Result r = new RunSession(plan(VRRP), new VirtualRunner(), RunSession.Options.defaults(file.resolve("run"), 7), p -> { })
                .run();
        assertEquals(ExitCodes.RUN_FAILED, r.exitCode());
        assertTrue(r.failure().contains("cannot write the run directory"), r.failure());
    }

    @Test
    @DisplayName("--capture writes one pcap per link, each starting with the pcap magic number")
    void capture() throws IOException {
        NetworkPlan plan = plan(VRRP);
        RunSession.Options o = new RunSession.Options(dir, 7, true, false, 6_000_000_000L, 0);
        new RunSession(plan, new VirtualRunner(), o, p -> { }).run();
        for (LinkPlan l : plan.links()) {
            byte[] bytes = Files.readAllBytes(dir.resolve("captures").resolve(VirtualRunner.captureFileName(l.name())));
            assertTrue(bytes.length > 24, l.name());
            int magic = (bytes[0] & 0xFF) | (bytes[1] & 0xFF) << 8 | (bytes[2] & 0xFF) << 16 | (bytes[3] & 0xFF) << 24;
            assertTrue(magic == 0xA1B2C3D4 || magic == 0xA1B23C4D || Integer.reverseBytes(magic) == 0xA1B2C3D4
                    || Integer.reverseBytes(magic) == 0xA1B23C4D, Integer.toHexString(magic));
        }
    }
}
