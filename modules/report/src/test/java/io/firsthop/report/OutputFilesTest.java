package io.firsthop.report;

import static io.firsthop.report.SyntheticTrace.S;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.firsthop.core.trace.DropReason;
import io.firsthop.core.trace.TraceEvent;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("A run directory: events.jsonl, report.json, summary.md, flows.csv, report.html")
class OutputFilesTest {
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    @TempDir
    Path dir;

    private RunReport record(RecorderOptions options, List<ExpectationResult> expectations) {
        SyntheticTrace trace = RecorderFiguresTest.vrrpCrash(true);
        trace.add(new TraceEvent.FrameDropped(12 * S, "l2", "r1:ge0", null, DropReason.LINK_DOWN, "link cut"));
        try (RunRecorder rec = new RunRecorder(dir, RecorderFiguresTest.context().withDuration(20 * S), options)) {
            trace.feed(rec);
            return rec.finish(expectations);
        }
    }

    private List<JsonNode> events() throws IOException {
        List<JsonNode> out = new ArrayList<>();
        for (String line : Files.readAllLines(dir.resolve(ReportFiles.EVENTS))) out.add(JSON.readTree(line));
        return out;
    }

    @Test
    @DisplayName("events.jsonl: every line is one JSON object with t (seconds) = t_ns, site, device and type")
    void jsonLines() throws IOException {
        record(RecorderOptions.DEFAULT, List.of());
        List<JsonNode> events = events();
        assertFalse(events.isEmpty());
        Set<String> types = new HashSet<>();
        for (JsonNode e : events) {
            assertTrue(e.isObject());
            assertEquals(new BigDecimal(e.get("t_ns").asText()).movePointLeft(9).stripTrailingZeros(),
                    e.get("t").decimalValue().stripTrailingZeros(), e.toString());
            assertTrue(e.has("site") && e.has("device") && e.has("type"), e.toString());
            types.add(e.get("type").asText());
        }
        assertTrue(types.containsAll(List.of("ProbeSent", "ProbeAnswered", "ProbeLost", "StateChanged", "DeviceEvent", "MacMoved", "FrameDropped")), types.toString());
        assertFalse(types.contains("FrameSent"), "sent/received frames are left out unless asked for");
        JsonNode answered = events.stream().filter(e -> e.get("type").asText().equals("ProbeAnswered")).findFirst().orElseThrow();
        assertEquals("h1-out", answered.get("flow").asText());
        assertEquals("00:00:5e:00:01:01", answered.get("via").asText());
        assertEquals("seoul", answered.get("site").asText(), "site from the topology");
        assertEquals(answered.get("rtt_ns").asLong() / 1e6, answered.get("rtt_ms").asDouble(), 1e-9);
        JsonNode drop = events.stream().filter(e -> e.get("type").asText().equals("FrameDropped")).findFirst().orElseThrow();
        assertEquals("LINK_DOWN", drop.get("reason").asText());
    }

    @Test
    @DisplayName("events.jsonl with frames: VRRP adverts and gratuitous ARPs summarised by their headers")
    void frameLines() throws IOException {
        record(RecorderOptions.DEFAULT.withFrameEventsInLog(true), List.of());
        List<JsonNode> events = events();
        JsonNode advert = events.stream().filter(e -> e.get("type").asText().equals("FrameReceived")).findFirst().orElseThrow();
        JsonNode frame = advert.get("frame");
        assertEquals("01:00:5e:00:00:12", frame.get("dst").asText());
        assertEquals("0x0800", frame.get("ethertype").asText());
        assertEquals(112, frame.get("ip").get("protocol").asInt());
        assertEquals(1, frame.get("vrrp").get("vrid").asInt());
        assertEquals(110, frame.get("vrrp").get("priority").asInt());
        JsonNode garp = events.stream().filter(e -> e.path("frame").has("arp")).findFirst().orElseThrow();
        assertTrue(garp.get("frame").get("arp").get("gratuitous").asBoolean());
        JsonNode echo = events.stream().filter(e -> e.path("frame").has("icmp")).findFirst().orElseThrow();
        assertEquals(8, echo.get("frame").get("icmp").get("type").asInt());
    }

    @Test
    @DisplayName("report.json: the documented top-level keys, and it reads back into the same report")
    void reportJson() throws IOException {
        RunReport written = record(RecorderOptions.DEFAULT,
                List.of(new ExpectationResult("max-outage", "flow h1-out: longest outage at most 4 s", "3.620 s", "4 s", true)));
        JsonNode root = JSON.readTree(dir.resolve(ReportFiles.REPORT_JSON).toFile());
        for (String key : List.of("format", "scenario", "engine", "seed", "duration", "complete", "frames_analysed", "trace_events",
                "flows", "groups", "failovers", "expectations", "topology")) {
            assertTrue(root.has(key), "missing " + key);
        }
        assertEquals("synthetic", root.get("scenario").get("name").asText());
        assertEquals("virtual", root.get("engine").asText());
        assertEquals(1, root.get("seed").asLong());
        assertTrue(root.get("complete").asBoolean());
        JsonNode flow = root.get("flows").get(0);
        for (String key : List.of("name", "from", "to", "sent", "received", "lost", "rtt", "outages", "gateways", "tromboning",
                "timeline", "rtt_histogram", "longest_outage_ms")) {
            assertTrue(flow.has(key), "flow missing " + key);
        }
        assertEquals(3620, flow.get("longest_outage_ms").asDouble());
        assertEquals(10, flow.get("outages").get(0).get("start").asDouble());
        JsonNode group = root.get("groups").get(0);
        for (String key : List.of("name", "protocol", "group_id", "segment", "members", "transitions", "dual_masters")) {
            assertTrue(group.has(key), "group missing " + key);
        }
        JsonNode failover = root.get("failovers").get(0);
        for (String key : List.of("number", "t", "kind", "target", "what", "chain", "takeovers", "flows", "takeover_ms")) {
            assertTrue(failover.has(key), "failover missing " + key);
        }
        assertEquals(3609, failover.get("takeover_ms").asDouble());
        JsonNode expectation = root.get("expectations").get(0);
        assertEquals("max-outage", expectation.get("name").asText());
        assertTrue(expectation.get("passed").asBoolean());
        assertEquals(written, ReportFiles.read(dir), "report.json holds every figure of the report, exactly");
    }

    @Test
    @DisplayName("checkpoints rewrite report.json while the run goes, atomically (no temporary file left), marked incomplete")
    void checkpoints() throws IOException {
        RunRecorder rec = new RunRecorder(dir, RecorderFiguresTest.context(), RecorderOptions.DEFAULT.withCheckpointEvery(5 * S).withCheckpointMinWall(0));
        List<TraceEvent> events = RecorderFiguresTest.vrrpCrash(false).events();
        for (TraceEvent e : events) {
            if (e.at() > 12 * S) break;
            rec.accept(e);
        }
        RunReport checkpoint = ReportFiles.read(dir);
        assertFalse(checkpoint.complete());
        assertTrue(checkpoint.durationNs() < 10 * S, "the last checkpoint (at 10 s) shows what came before it");
        assertTrue(Files.exists(dir.resolve(ReportFiles.SUMMARY)));
        assertTrue(Files.exists(dir.resolve(ReportFiles.FLOWS_CSV)));
        assertTrue(Files.exists(dir.resolve(ReportFiles.HTML)));
        long lines = Files.readAllLines(dir.resolve(ReportFiles.EVENTS)).size();
        assertTrue(lines > 0, "events.jsonl is flushed as the run goes");
        rec.close();
        assertTrue(ReportFiles.read(dir).complete());
        try (Stream<Path> files = Files.list(dir)) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().endsWith(".tmp")));
        }
    }

    @Test
    @DisplayName("summary.md and the terminal summary give per flow loss and longest outage, per failover the takeover, the verdicts")
    void summary() throws IOException {
        RunReport r = record(RecorderOptions.DEFAULT,
                List.of(new ExpectationResult("max-outage", "flow h1-out: longest outage at most 1 s", "3.620 s", "1 s", false)));
        String md = Files.readString(dir.resolve(ReportFiles.SUMMARY));
        assertTrue(md.contains("| h1-out |"), md);
        assertTrue(md.contains("3.620 s (362 probes)"), md);
        assertTrue(md.contains("vrrp:1: r1 -> r2 after 3.609 s (no-response)"), md);
        assertTrue(md.contains("| FAIL | max-outage |"), md);
        String text = SummaryText.terminal(r);
        assertTrue(text.contains("h1-out"));
        assertTrue(text.contains("0 of 1 passed"), text);
        assertFalse(text.contains("|"), "terminal text has aligned columns, not markdown");
    }

    @Test
    @DisplayName("flows.csv: a header and one row per flow with the same columns")
    void csv() throws IOException {
        record(RecorderOptions.DEFAULT, List.of());
        List<String> lines = Files.readAllLines(dir.resolve(ReportFiles.FLOWS_CSV));
        assertEquals(2, lines.size());
        int columns = lines.get(0).split(",", -1).length;
        assertEquals(columns, lines.get(1).split(",", -1).length);
        assertTrue(lines.get(1).startsWith("h1-out,h1,seoul,198.51.100.10,1600,1238,362,0,"), lines.get(1));
        assertTrue(lines.get(1).contains(",3620,362,r1@seoul > r2@daegu,") || lines.get(1).contains(",3620,362,r1 > r2,"), lines.get(1));
    }
}
