package io.firsthop.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.firsthop.core.trace.TraceEvent;
import io.firsthop.report.ReportContext;
import io.firsthop.report.ReportFiles;
import io.firsthop.report.RunInfo;
import io.firsthop.report.RunRecorder;
import io.firsthop.report.RecorderOptions;
import io.firsthop.wire.Ipv4Address;
import io.firsthop.wire.VrrpAdvertisement;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("firsthop report")
class ReportCommandTest {
    private static final long MS = 1_000_000L;

    @TempDir
    Path dir;

    /** A run whose backup takes over {@code takeoverMs} after the master crashes at 1 s; probes every 10 ms. */
    private Path run(String name, String variant, long takeoverMs) {
        Path out = dir.resolve(name);
        try (RunRecorder rec = new RunRecorder(out, ReportContext.of(new RunInfo("pair", variant, "virtual", 1, "")),
                RecorderOptions.DEFAULT)) {
            rec.accept(new TraceEvent.StateChanged(0, "r1", "vrrp 1 on ge0", "initialize", "master", "priority"));
            rec.accept(new TraceEvent.StateChanged(0, "r2", "vrrp 1 on ge0", "initialize", "backup", "startup"));
            long takeover = 1000 * MS + takeoverMs * MS;
            for (int seq = 0; seq < 500; seq++) {
                long t = seq * 10 * MS;
                if (t == 1000 * MS) rec.accept(new TraceEvent.DeviceEvent(t, "r1", "crash"));
                if (t == takeover) rec.accept(new TraceEvent.StateChanged(t, "r2", "vrrp 1 on ge0", "backup", "master", "no-response"));
                rec.accept(new TraceEvent.ProbeSent(t, "h1", "h1-out", seq, Ipv4Address.parse("10.0.1.10")));
                if (t < 1000 * MS || t >= takeover) {
                    rec.accept(new TraceEvent.ProbeAnswered(t + 300_000, "h1", "h1-out", seq, 300_000, VrrpAdvertisement.virtualMac(1)));
                } else {
                    rec.accept(new TraceEvent.ProbeLost(t + 2 * MS, "h1", "h1-out", seq, t));
                }
            }
        }
        return out;
    }

    @Test
    @DisplayName("DIR: re-renders summary.md, flows.csv and report.html from report.json and prints the summary")
    void rerender() throws IOException {
        Path run = run("one", null, 1200);
        Files.delete(run.resolve(ReportFiles.HTML));
        Files.delete(run.resolve(ReportFiles.SUMMARY));
        MainTest.Run r = MainTest.run("report", run.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("firsthop report: pair (virtual)"), r.out());
        assertTrue(r.out().contains("vrrp:1: r1 -> r2 after 1.200 s (no-response)"), r.out());
        assertTrue(Files.exists(run.resolve(ReportFiles.HTML)));
        assertTrue(Files.readString(run.resolve(ReportFiles.SUMMARY)).contains("| h1-out |"));
    }

    @Test
    @DisplayName("DIR --compare DIR2: side by side, with differences, written to comparison.md and comparison.html")
    void compare() throws IOException {
        Path fast = run("fast", "fast", 400);
        Path slow = run("slow", "slow", 3600);
        MainTest.Run r = MainTest.run("report", fast.toString(), "--compare", slow.toString(), "--out", dir.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("pair/fast (virtual)") && r.out().contains("pair/slow (virtual)"), r.out());
        assertTrue(r.out().contains("3600.000 (+3200.000)"), r.out());
        assertTrue(Files.readString(dir.resolve(ReportFiles.COMPARISON_MD)).contains("| takeover ms | 400.000 | 3600.000 (+3200.000) |"));
        assertTrue(Files.exists(dir.resolve(ReportFiles.COMPARISON_HTML)));
    }

    @Test
    @DisplayName("a directory without report.json is a usage error (exit 2)")
    void missing() {
        MainTest.Run r = MainTest.run("report", dir.resolve("nothing-here").toString());
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("no report.json in"), r.err());
        assertFalse(r.out().contains("firsthop report:"));
    }

    @Test
    @DisplayName("the command is listed in firsthop --help")
    void listed() {
        assertTrue(MainTest.run("--help").out().contains("  report "));
        assertTrue(List.of(MainTest.run("help", "report").out().split("\n")).stream().anyMatch(l -> l.contains("--compare")));
    }
}
