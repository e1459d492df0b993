package io.firsthop.cluster.launch;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigValueFactory;
import io.firsthop.cluster.CrossSite;
import io.firsthop.cluster.Ingress;
import io.firsthop.cluster.RunClock;
import io.firsthop.cluster.Site;
import io.firsthop.cluster.TraceLines;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorRefResolver;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Two real site JVMs ({@link SiteMain}, started here with this test's class path on
 * 127.0.0.1 and free ports) running the {@code two-site-vrrp} topology: a VRRPv3 group whose
 * Master (r1) is in seoul and Backup (r2) in daegu, hosts in both sites probing a server.
 * Everything is judged from what the sites wrote (status and trace files), as a user would.
 * Every process started here is tracked and gone at the end.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SiteProcessesTest {
    private static final long MS = 1_000_000L;
    private static final Duration START_WAIT = Duration.ofSeconds(120);
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final List<String> SITES = List.of("seoul", "daegu");
    private static final List<String> DAEGU_HOSTS = List.of("h-daegu-1", "h-daegu-2");

    /** A message no site registers: Kryo in this JVM knows it (an extra registration), the sites do not. */
    public record Intruder(String payload) implements CrossSite {}

    private final List<Process> started = new ArrayList<>();
    private final Map<String, Process> sites = new LinkedHashMap<>();
    /** Sites this test killed or stopped on purpose. */
    private final java.util.Set<String> stopped = new java.util.HashSet<>();
    private Path stateDir;
    private ActorSystem<Void> outsider;

    @BeforeAll
    void startSites() throws Exception {
        stateDir = Files.createTempDirectory("firsthop-site-processes");
        List<String> jvm = new ArrayList<>(Launcher.defaultJvmOptions());
        // start-up and memory matter more than peak speed here: C1 only, a small heap
        jvm.addAll(List.of("-Xmx256m", "-XX:TieredStopAtLevel=1"));
        String classPath = System.getProperty("java.class.path");
        try {
            for (String site : SITES) {
                List<String> args = List.of("--site", site, "--sites", String.join(",", SITES), "--state-dir",
                        stateDir.toString(), "--topology", "two-site-vrrp", "--run-seed", "5", "--join-timeout-s", "100");
                Process p = Launcher.launch(Launcher.siteCommand(Launcher.currentJava(), classPath, jvm, args),
                        stateDir.resolve(site + ".log"), false);
                started.add(p);
                sites.put(site, p);
            }
            await("both sites Up and running", START_WAIT, () -> SITES.stream().allMatch(s -> {
                Map<String, String> st = status(s);
                return "running".equals(st.get("state")) && st.getOrDefault("members", "").split(";").length == 2;
            }));
        } catch (Throwable t) {
            dumpLogs();
            throw t;
        }
    }

    @AfterAll
    void everyProcessIsGone() throws Exception {
        try {
            if (outsider != null) {
                outsider.terminate();
                outsider.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
            }
        } finally {
            for (Process p : started) {
                if (p.isAlive()) p.destroyForcibly();
            }
            for (Process p : started) p.waitFor(30, TimeUnit.SECONDS);
        }
        for (Process p : started) {
            assertFalse(p.isAlive(), "site process " + p.pid() + " is still running");
            assertTrue(ProcessHandle.of(p.pid()).map(h -> !h.isAlive()).orElse(true), "pid " + p.pid() + " is still alive");
        }
        try (var files = Files.walk(stateDir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }

    @Test
    @Order(1)
    @DisplayName("a message of a class the site does not register is refused and counted, never instantiated; the site keeps running")
    void unregisteredClassIsRefused() throws Exception {
        long before = Long.parseLong(status("daegu").getOrDefault("kryo-rejected-inbound", "0"));
        Config config = Site.defaultConfig()
                .withValue("firsthop.kryo.extra-registrations", ConfigValueFactory.fromIterable(List.of(Intruder.class.getName())))
                .withValue("pekko.actor.provider", ConfigValueFactory.fromAnyRef("remote"));
        outsider = ActorSystem.create(Behaviors.empty(), "outsider", config);
        String daegu = Files.readString(stateDir.resolve("daegu.address"), StandardCharsets.UTF_8).trim();
        ActorRef<Object> ingress = ActorRefResolver.get(outsider).resolveActorRef(daegu + "/system/" + Ingress.NAME);
        ingress.tell(new Intruder("not for you"));

        await("daegu counts the refused message", WAIT,
                () -> Long.parseLong(status("daegu").getOrDefault("kryo-rejected-inbound", "0")) > before);
        long refusedAt = runTime("daegu");
        assertTrue(sites.get("daegu").isAlive(), "daegu died");
        // still running: its hosts keep getting answers after the refusal
        SiteFiles.TraceTail tail = new SiteFiles.TraceTail(stateDir.resolve("daegu.trace"));
        await("daegu's probes still answered", WAIT, () -> tail.poll().stream()
                .anyMatch(l -> l.kind().equals("ProbeAnswered") && l.at() > refusedAt + 200 * MS));
    }

    @Test
    @Order(2)
    @DisplayName("SIGKILL of the Master's site (seoul) mid-run: daegu notices through membership, r2 takes over both groups, "
            + "and every probe of daegu's hosts is answered or lost within the outage")
    void killTheMastersSite() throws Exception {
        SiteFiles.TraceTail tail = new SiteFiles.TraceTail(stateDir.resolve("daegu.trace"));
        List<TraceLines.Line> lines = new ArrayList<>();
        await("steady state: 50 probes of each daegu host answered", WAIT, () -> {
            lines.addAll(tail.poll());
            return DAEGU_HOSTS.stream().allMatch(h -> lines.stream().filter(l -> l.kind().equals("ProbeAnswered")
                    && l.device().equals(h)).count() >= 50);
        });
        long epoch = Long.parseLong(status("daegu").get("epoch-unix-ns"));

        long killAt = RunClock.unixNanosNow() - epoch;
        stopped.add("seoul");
        sites.get("seoul").destroyForcibly();
        assertTrue(sites.get("seoul").waitFor(30, TimeUnit.SECONDS), "seoul did not die");

        Predicate<TraceLines.Line> r2Master1 = masterOf("r2", "1");
        Predicate<TraceLines.Line> r2Master2 = masterOf("r2", "2");
        await("r2 Master of both groups, seoul removed from the cluster, probes after the outage settled", WAIT, () -> {
            lines.addAll(tail.poll());
            long takeover = lines.stream().filter(r2Master1).mapToLong(TraceLines.Line::at).max().orElse(Long.MAX_VALUE);
            boolean removed = lines.stream().anyMatch(l -> l.kind().equals("Note") && l.field(0).startsWith("member removed")
                    && l.field(0).contains("seoul"));
            long last = lines.isEmpty() ? 0 : lines.get(lines.size() - 1).at();
            return lines.stream().anyMatch(r2Master2) && removed && takeover != Long.MAX_VALUE
                    && last > takeover + 2500 * MS;
        });

        // stop daegu gracefully: it flushes its trace
        Process daegu = sites.get("daegu");
        stopped.add("daegu");
        daegu.destroy();
        assertTrue(daegu.waitFor(60, TimeUnit.SECONDS), "daegu did not stop on SIGTERM");
        // a JVM ending on SIGTERM (its shutdown hooks run) exits 128 + 15
        assertEquals(143, daegu.exitValue(), "daegu's exit code after SIGTERM");
        lines.addAll(tail.poll());

        long takeover = lines.stream().filter(r2Master1).filter(l -> l.at() > killAt).mapToLong(TraceLines.Line::at)
                .min().orElseThrow();
        System.out.printf("seoul SIGKILLed at %.3f s (run time); r2 Master of VRID 1 %.1f ms later%n", killAt / 1e9,
                (takeover - killAt) / 1e6);
        // RFC 5798: Master_Down_Interval (360.9 ms) after the last advert, sent up to 100 ms before the kill
        assertTrue(takeover - killAt > 150 * MS && takeover - killAt < 3000 * MS,
                "takeover " + (takeover - killAt) / 1e6 + " ms after the kill");

        long end = lines.get(lines.size() - 1).at();
        // the run's first probes meet cold ARP caches on cold JVMs: judge losses from the steady state on
        long steadyFrom = DAEGU_HOSTS.stream().mapToLong(h -> lines.stream()
                .filter(l -> l.kind().equals("ProbeAnswered") && l.device().equals(h)).mapToLong(TraceLines.Line::at)
                .min().orElseThrow()).max().orElseThrow() + 200 * MS;
        assertTrue(steadyFrom < killAt, "the kill came before the steady state");
        Map<String, Long> sent = new HashMap<>();
        Map<String, String> outcome = new HashMap<>();
        Map<String, Long> lostSentAt = new HashMap<>();
        for (TraceLines.Line l : lines) {
            if (!DAEGU_HOSTS.contains(l.device()) || !l.kind().startsWith("Probe")) continue;
            String key = l.device() + "/" + l.field(0) + "/" + l.field(1);
            switch (l.kind()) {
                case "ProbeSent" -> assertEquals(null, sent.put(key, l.at()), "probe sent twice: " + key);
                case "ProbeAnswered" -> assertEquals(null, outcome.put(key, "answered"), "two outcomes for " + key);
                case "ProbeLost" -> {
                    assertEquals(null, outcome.put(key, "lost"), "two outcomes for " + key);
                    lostSentAt.put(key, Long.parseLong(l.field(2)));
                }
                default -> { }
            }
        }
        for (String key : outcome.keySet()) assertTrue(sent.containsKey(key), "an outcome for a probe never sent: " + key);
        int answered = 0;
        int lost = 0;
        int pending = 0;
        for (Map.Entry<String, Long> e : sent.entrySet()) {
            String o = outcome.get(e.getKey());
            if (o == null) {
                // only probes too recent to have timed out (1 s) when daegu stopped may lack an outcome
                assertTrue(e.getValue() > end - 1500 * MS, "probe " + e.getKey() + " sent at " + e.getValue() + " never accounted for");
                pending++;
            } else if (o.equals("answered")) {
                answered++;
            } else if (e.getValue() >= steadyFrom) {
                lost++;
                long at = lostSentAt.get(e.getKey());
                assertTrue(at >= killAt - 500 * MS && at <= takeover + 500 * MS,
                        "probe " + e.getKey() + " sent at " + at / 1e6 + " ms lost outside the outage [kill "
                                + killAt / 1e6 + " ms, takeover " + takeover / 1e6 + " ms]");
            }
        }
        System.out.printf("daegu's probes: %d answered, %d lost in the outage, %d pending at the end, %d lost before %.0f ms (start-up)%n",
                answered, lost, pending, outcome.values().stream().filter("lost"::equals).count() - lost, steadyFrom / 1e6);
        assertTrue(lost > 0, "no probe was lost: the outage did not happen?");
        assertTrue(lines.stream().anyMatch(l -> l.kind().equals("ProbeAnswered") && DAEGU_HOSTS.contains(l.device())
                && l.at() > takeover + 100 * MS), "no probe answered after the takeover");
        assertTrue(lines.stream().anyMatch(l -> l.kind().equals("FrameDropped") && l.field(1).equals("LINK_DOWN")
                && l.field(2).contains("seoul")), "frames towards the dead site are traced as LINK_DOWN");
    }

    private static Predicate<TraceLines.Line> masterOf(String router, String vrid) {
        return l -> l.kind().equals("StateChanged") && l.device().equals(router) && l.field(0).startsWith("vrrp " + vrid + " ")
                && l.field(2).equals("master");
    }

    /** The site's last status file as key=value (members joined with ';'). */
    private Map<String, String> status(String site) {
        Map<String, String> out = new HashMap<>();
        try {
            Path file = stateDir.resolve(site + ".status");
            if (!Files.exists(file)) return out;
            List<String> members = new ArrayList<>();
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                int eq = line.indexOf('=');
                if (eq < 0) continue;
                if (line.startsWith("member=")) {
                    if (line.contains(" Up ") && line.endsWith(" reachable")) members.add(line.substring(eq + 1));
                } else {
                    out.put(line.substring(0, eq), line.substring(eq + 1));
                }
            }
            out.put("members", String.join(";", members));
        } catch (IOException e) {
            // being replaced right now: the next poll reads it
        }
        return out;
    }

    private long runTime(String site) {
        return RunClock.unixNanosNow() - Long.parseLong(status(site).get("epoch-unix-ns"));
    }

    private void await(String what, Duration timeout, Supplier<Boolean> condition) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.get()) {
            for (Map.Entry<String, Process> e : sites.entrySet()) {
                if (!e.getValue().isAlive() && !stopped.contains(e.getKey())) {
                    dumpLogs();
                    fail("site " + e.getKey() + " exited (code " + e.getValue().exitValue() + ") while waiting for: " + what);
                }
            }
            if (System.nanoTime() > deadline) {
                dumpLogs();
                fail("not within " + timeout + ": " + what);
            }
            Thread.sleep(100);
        }
    }

    private void dumpLogs() {
        SiteFiles.dumpLogs(stateDir, SITES);
    }
}
