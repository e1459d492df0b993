package io.firsthop.report;

import static io.firsthop.report.SyntheticTrace.MS;
import static io.firsthop.report.SyntheticTrace.S;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.firsthop.core.trace.TraceEvent;
import io.firsthop.wire.HsrpV1Message;
import io.firsthop.wire.MacAddress;
import io.firsthop.wire.VrrpAdvertisement;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("Comparing runs side by side")
class ReportComparisonTest {
    @TempDir
    Path dir;

    /** The same crash of the active gateway at 10 s under a protocol whose backup takes over {@code takeover} later. */
    static SyntheticTrace crash(String group, String standby, String active, String cause, long takeover, MacAddress vmac, long rttNs) {
        SyntheticTrace t = new SyntheticTrace();
        t.state(0, "r1", group, "initialize", standby, "startup");
        t.state(0, "r2", group, "initialize", standby, "startup");
        t.state(1 * S, "r1", group, standby, active, "priority");
        t.add(new TraceEvent.DeviceEvent(10 * S, "r1", "crash"));
        t.state(10 * S + takeover, "r2", group, standby, active, cause);
        t.probes("h1", "h1-out", 2 * S, 30 * S, 10 * MS, S,
                sent -> sent >= 10 * S && sent < 10 * S + takeover ? -1 : rttNs, sent -> vmac, false);
        return t;
    }

    private Path run(String name, RunInfo info, SyntheticTrace trace) {
        Path out = dir.resolve(name);
        try (RunRecorder rec = new RunRecorder(out, RecorderFiguresTest.context().withDuration(30 * S).withTopology(Topology.EMPTY)
                .withDeviceSites(null), RecorderOptions.DEFAULT)) {
            for (TraceEvent e : trace.events()) rec.accept(e);
        }
        // the context's run header is the synthetic one: rewrite report.json with this run's header
        try {
            RunReport r = ReportFiles.read(out);
            RunReport relabelled = new RunReport(info, r.durationNs(), r.complete(), r.interrupted(), r.framesAnalysed(), r.traceEvents(), r.flows(),
                    r.groups(), r.failovers(), r.expectations(), r.topology());
            ReportFiles.writeReports(out, relabelled, false);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return out;
    }

    @Test
    @DisplayName("VRRP vs HSRP: per flow the loss and longest outage, per failover the takeover time, with differences against the first")
    void twoDesigns() throws IOException {
        Path vrrp = run("vrrp", new RunInfo("two-routers", "vrrp", "virtual", 1, ""),
                crash("vrrp 1 on ge0", "backup", "master", "no-response", 3_609 * MS, VrrpAdvertisement.virtualMac(1), 400_000));
        Path hsrp = run("hsrp", new RunInfo("two-routers", "hsrp", "virtual", 1, ""),
                crash("hsrp 1 on ge0", "standby", "active", "active-timer-expiry", 10_000 * MS, HsrpV1Message.virtualMac(1), 400_000));
        ReportComparison c = ReportComparison.load(List.of(vrrp, hsrp));

        assertEquals(List.of("two-routers/vrrp (virtual)", "two-routers/hsrp (virtual)"), c.runs().stream().map(ReportComparison.Run::label).toList());
        ReportComparison.FlowRow flow = c.flows().get(0);
        assertEquals("h1-out", flow.flow());
        assertEquals(3_610 * MS, flow.runs().get(0).longestOutageNs());
        assertEquals(10_000 * MS, flow.runs().get(1).longestOutageNs());
        ReportComparison.FailoverRow failover = c.failovers().get(0);
        assertEquals(List.of(3_609 * MS, 10_000 * MS), failover.takeoverNs());
        assertTrue(failover.label().startsWith("#1 crash r1 at 10.000 s"), failover.label());

        String md = c.markdown();
        assertTrue(md.contains("| h1-out | longest outage ms | 3610.000 | 10000.000 (+6390.000) |"), md);
        assertTrue(md.contains("| takeover ms | 3609.000 | 10000.000 (+6391.000) |"), md);
        assertTrue(md.contains("| h1-out | RTT p50 ms | 0.400 | 0.400 (+0.000) |"), md);
        String text = c.terminal();
        assertTrue(text.contains("10000.000 (+6391.000)"), text);
        assertFalse(text.contains("|"));

        c.write(dir);
        String html = Files.readString(dir.resolve(ReportFiles.COMPARISON_HTML));
        for (String chart : List.of("compare-outage", "compare-rtt-p50", "compare-rtt-p99", "compare-takeover")) {
            assertTrue(html.contains("data-chart=\"" + chart + "\""), chart);
        }
        assertFalse(html.contains("http://") || html.contains("<script"));
        assertTrue(Files.readString(dir.resolve(ReportFiles.COMPARISON_MD)).startsWith("# firsthop comparison: 2 runs"));
    }

    @Test
    @DisplayName("virtual vs cluster engine: the difference of the same figures is the emulation error")
    void emulationError() throws IOException {
        SyntheticTrace virtual = crash("vrrp 1 on ge0", "backup", "master", "no-response", 3_609 * MS, VrrpAdvertisement.virtualMac(1), 400_000);
        SyntheticTrace cluster = crash("vrrp 1 on ge0", "backup", "master", "no-response", 3_612 * MS, VrrpAdvertisement.virtualMac(1), 450_000);
        ReportComparison c = ReportComparison.load(List.of(
                run("virtual", new RunInfo("vrrp", null, "virtual", 7, ""), virtual),
                run("cluster", new RunInfo("vrrp", null, "cluster", 7, ""), cluster)));
        String md = c.markdown();
        assertTrue(md.contains("| h1-out | RTT p50 ms | 0.400 | 0.450 (+0.050) |"), md);
        assertTrue(md.contains("| takeover ms | 3609.000 | 3612.000 (+3.000) |"), md);
    }

    @Test
    @DisplayName("runs with the same label are told apart by their directory; one run alone is no comparison")
    void labels() throws IOException {
        SyntheticTrace t = crash("vrrp 1 on ge0", "backup", "master", "no-response", 3_609 * MS, VrrpAdvertisement.virtualMac(1), 400_000);
        RunInfo same = new RunInfo("vrrp", null, "virtual", 1, "");
        Path a = run("fast-timers", same, t);
        Path b = run("slow-timers", same, t);
        ReportComparison c = ReportComparison.load(List.of(a, b));
        assertEquals("vrrp (virtual) [fast-timers]", c.runs().get(0).label());
        assertEquals("vrrp (virtual) [slow-timers]", c.runs().get(1).label());
        assertThrows(IllegalArgumentException.class, () -> ReportComparison.load(List.of(a)));
        assertThrows(IOException.class, () -> ReportComparison.load(List.of(a, dir.resolve("missing"))));
    }
}
