package io.firsthop.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.firsthop.cli.MainTest.Run;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code firsthop run --engine cluster} through the real command line, one JVM per site: the run
 * process starts a JVM per site, joins their cluster, plays the timeline, gathers their events
 * and stops every process it started. Judged from the run directory, as a user would, and from
 * the site JVMs' pids. Each run lasts its scenario's duration plus the JVMs' start-up.
 */
class SiteJvmRunTest {
    static final Path SCENARIOS = Path.of("../../scenarios");
    /** Two sites; r1, the VRRP Master of both groups, in seoul; r2, hosts and server in daegu; seoul killed at 6 s. */
    static final Path KILL_MASTER_SITE = Path.of("src/test/resources/scenarios/kill-master-site.yaml");
    private static final long MS = 1_000_000L;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private static List<JsonNode> events(Path out) throws IOException {
        List<JsonNode> events = new ArrayList<>();
        for (String line : Files.readAllLines(out.resolve("events.jsonl"))) events.add(JSON.readTree(line));
        return events;
    }

    private static long pid(Path out, String site) throws IOException {
        return Long.parseLong(Files.readString(out.resolve("sites").resolve(site + ".pid")).trim());
    }

    private static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    private static String logs(Path out) {
        StringBuilder b = new StringBuilder();
        for (String site : List.of("seoul", "daegu")) {
            try {
                List<String> lines = Files.readAllLines(out.resolve("sites").resolve(site + ".log"));
                b.append("\n---- ").append(site).append(".log (last 30 lines)\n");
                lines.subList(Math.max(0, lines.size() - 30), lines.size()).forEach(l -> b.append(l).append('\n'));
            } catch (IOException e) {
                b.append("\nno log of ").append(site).append(": ").append(e);
            }
        }
        return b.toString();
    }

    private static List<JsonNode> select(List<JsonNode> events, Predicate<JsonNode> p) {
        return events.stream().filter(p).toList();
    }

    private static boolean note(JsonNode e, String textPrefix) {
        return e.get("type").asText().equals("Note") && e.get("text").asText().startsWith(textPrefix);
    }

    @Test
    @DisplayName("scenario 12 on a local multi-JVM cluster: exit 0, its expectations hold, events of both sites reach events.jsonl, "
            + "report.json is written, seoul's JVM is really killed at 15 s, and no process started is left")
    void anycastTwoSites() throws IOException {
        Path out = dir.resolve("run");
        Run r = MainTest.run("run", SCENARIOS.resolve("12-anycast-two-sites.yaml").toString(), "--engine", "cluster",
                "--out", out.toString());
        assertEquals(0, r.exitCode(), () -> r.out() + r.err() + logs(out));
        assertTrue(r.out().contains("PASS"), r.out());
        long seoul = pid(out, "seoul");
        long daegu = pid(out, "daegu");
        assertFalse(alive(seoul), "seoul's JVM (pid " + seoul + ") is gone");
        assertFalse(alive(daegu), "daegu's JVM (pid " + daegu + ") is gone");

        List<JsonNode> events = events(out);
        Set<String> sites = new TreeSet<>();
        events.forEach(e -> sites.add(e.get("site").asText()));
        assertEquals(Set.of("daegu", "run-control", "seoul"), sites);
        assertTrue(select(events, e -> e.get("site").asText().equals("seoul") && e.get("type").asText().equals("ProbeAnswered")).size()
                > 500, "seoul's probes answered until the kill");
        assertTrue(select(events, e -> e.get("site").asText().equals("daegu") && e.get("type").asText().equals("ProbeAnswered")
                && e.get("t").asDouble() > 25).size() > 400, "daegu's probes answered to the end");
        assertEquals(1, select(events, e -> note(e, "kill-site seoul: SIGKILL pid " + seoul)).size());
        assertEquals(1, select(events, e -> note(e, "site JVMs: seoul pid " + seoul + " exit 137 (killed)")
                && e.get("text").asText().contains("daegu pid " + daegu + " exit 143")).size(), "seoul SIGKILLed, daegu stopped by SIGTERM");
        JsonNode report = JSON.readTree(out.resolve("report.json").toFile());
        assertEquals("cluster", report.get("engine").asText());
        assertTrue(report.get("complete").asBoolean());
        assertEquals("crash", report.get("failovers").get(0).get("kind").asText(), "the kill is the report's injection");
    }

    @Test
    @DisplayName("kill-site of the Master's site: seoul's JVM is SIGKILLed mid-run, daegu's r2 takes over within the RFC's bound, "
            + "every probe of daegu's hosts is answered or lost within the outage, daegu sees seoul removed and the run goes on to its end")
    void killTheMastersSite() throws Exception {
        Path out = dir.resolve("kill");
        // on a thread of its own: the common pool must stay free (Process.onExit completes there)
        CompletableFuture<Run> running = new CompletableFuture<>();
        Thread runThread = new Thread(() -> running.complete(MainTest.run("run", KILL_MASTER_SITE.toString(),
                "--engine", "cluster", "--out", out.toString())), "kill-test-run");
        runThread.start();
        long seoul = awaitPid(out, "seoul", running);
        long daegu = awaitPid(out, "daegu", running);
        assertTrue(alive(seoul), "seoul's JVM is running");
        Optional<ProcessHandle> seoulProcess = ProcessHandle.of(seoul);
        if (seoulProcess.isPresent()) {
            try {
                seoulProcess.get().onExit().get(120, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                fail("seoul's JVM was not killed within 120 s" + logs(out));
            }
        }
        assertFalse(alive(seoul), "seoul's JVM was killed");
        assertFalse(running.isDone(), "the run was still going when seoul's JVM died");
        assertTrue(alive(daegu), () -> "daegu's JVM was still running when seoul's died" + logs(out));
        Run r = running.get(120, TimeUnit.SECONDS);
        // the run ends normally: 0 or 1 by its expectations (wall-clock bounds), never a failed or interrupted run
        JsonNode verdicts = JSON.readTree(out.resolve("report.json").toFile()).get("expectations");
        boolean allPassed = true;
        for (JsonNode v : verdicts) allPassed &= v.get("passed").asBoolean();
        assertEquals(allPassed ? 0 : 1, r.exitCode(), () -> r.out() + r.err() + logs(out));
        assertFalse(alive(daegu), "daegu's JVM (pid " + daegu + ") is gone after the run");

        List<JsonNode> events = events(out);
        JsonNode kill = select(events, e -> note(e, "kill-site seoul: SIGKILL pid " + seoul)).getFirst();
        long killAt = kill.get("t_ns").asLong();
        assertTrue(killAt >= 6000 * MS && killAt < 6500 * MS, "killed at its run-clock instant, 6 s: " + killAt);
        assertEquals(1, select(events, e -> note(e, "site seoul: JVM pid " + seoul + " gone, exit code 137")).size(),
                "the JVM ended on SIGKILL");
        assertEquals(List.of("h-seoul", "sw-seoul", "r1"), select(events, e -> e.get("type").asText().equals("DeviceEvent")
                && e.get("what").asText().startsWith("crash (kill-site seoul")).stream().map(e -> e.get("device").asText()).toList(),
                "the site's devices die with it, each traced at the kill");
        assertTrue(select(events, e -> e.get("site").asText().equals("seoul") && e.get("t_ns").asLong() > killAt + 100 * MS).isEmpty(),
                "nothing is heard from seoul after its death");

        long takeover = select(events, e -> e.get("type").asText().equals("StateChanged") && e.get("device").asText().equals("r2")
                && e.get("group").asText().startsWith("vrrp 1 ") && e.get("to").asText().equals("master")
                && e.get("t_ns").asLong() > killAt).getFirst().get("t_ns").asLong();
        System.out.printf("seoul SIGKILLed at %.3f s; r2 Master of VRID 1 %.1f ms later%n", killAt / 1e9, (takeover - killAt) / 1e6);
        // RFC 5798 §6.1: Master_Down_Interval = 3 x 100 ms + (256 - 100) x 100 ms / 256 = 361 ms after r1's last advert,
        // sent up to 100 ms before the kill
        assertTrue(takeover - killAt > 150 * MS && takeover - killAt < 2000 * MS, "takeover " + (takeover - killAt) / 1e6 + " ms after the kill");

        long removed = select(events, e -> e.get("site").asText().equals("daegu") && note(e, "member removed from the cluster seoul"))
                .getFirst().get("t_ns").asLong();
        assertTrue(removed > killAt && removed < killAt + 10_000 * MS, "daegu removed seoul through membership");
        assertFalse(select(events, e -> e.get("site").asText().equals("daegu") && e.get("type").asText().equals("FrameDropped")
                && e.get("reason").asText().equals("LINK_DOWN") && e.get("t_ns").asLong() > killAt).isEmpty(),
                "frames towards the dead site are traced as LINK_DOWN drops");

        long end = 12_000 * MS;
        int lost = 0;
        for (String host : List.of("h-daegu-1", "h-daegu-2")) {
            Map<Long, Long> sent = new HashMap<>();
            Map<Long, String> outcome = new HashMap<>();
            // the first probes meet cold ARP caches on cold JVMs (a reply may wait longer than the ARP queue allows):
            // judge losses from the steady state on
            long steadyFrom = select(events, e -> e.get("device").asText().equals(host) && e.get("type").asText().equals("ProbeAnswered"))
                    .getFirst().get("t_ns").asLong() + 200 * MS;
            assertTrue(steadyFrom < killAt, host + " reached a steady state before the kill");
            for (JsonNode e : events) {
                if (!e.get("device").asText().equals(host)) continue;
                long seq = e.has("seq") ? e.get("seq").asLong() : -1;
                switch (e.get("type").asText()) {
                    case "ProbeSent" -> assertEquals(null, sent.put(seq, e.get("t_ns").asLong()), "sent twice: " + host + " " + seq);
                    case "ProbeAnswered" -> assertEquals(null, outcome.put(seq, "answered"), "two outcomes: " + host + " " + seq);
                    case "ProbeLost" -> {
                        assertEquals(null, outcome.put(seq, "lost"), "two outcomes: " + host + " " + seq);
                        long sentAt = e.get("sent_t_ns").asLong();
                        if (sentAt < steadyFrom) continue;
                        assertTrue(sentAt >= killAt - 500 * MS && sentAt <= takeover + 500 * MS, host + " probe " + seq + " sent at "
                                + sentAt / 1e6 + " ms lost outside the outage [kill " + killAt / 1e6 + " ms, takeover " + takeover / 1e6 + " ms]");
                        lost++;
                    }
                    default -> { }
                }
            }
            assertTrue(sent.size() > 400, host + " probed: " + sent.size());
            for (Map.Entry<Long, Long> s : sent.entrySet()) {
                // only probes within their 1 s timeout of the end may still be waiting
                if (!outcome.containsKey(s.getKey()) && s.getValue() < end - 1100 * MS) {
                    fail(host + " probe " + s.getKey() + " sent at " + s.getValue() / 1e6 + " ms was never answered nor lost");
                }
            }
            long answeredAfter = select(events, e -> e.get("device").asText().equals(host) && e.get("type").asText().equals("ProbeAnswered")
                    && e.get("t_ns").asLong() > removed + 500 * MS).size();
            assertTrue(answeredAfter > 20, host + " probes answered after seoul's removal: the run went on");
        }
        assertTrue(lost > 0, "no probe was lost: the outage did not happen?");
    }

    private static long awaitPid(Path out, String site, CompletableFuture<Run> running) throws Exception {
        Path file = out.resolve("sites").resolve(site + ".pid");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            if (running.isDone()) fail("the run ended before site " + site + " wrote its pid: " + running.get().out() + running.get().err());
            if (Files.exists(file)) {
                String text = Files.readString(file).trim();
                if (!text.isEmpty()) return Long.parseLong(text);
            }
            Thread.sleep(20);
        }
        throw new AssertionError("site " + site + " wrote no pid within 120 s" + logs(out));
    }
}
