package io.firsthop.cluster.launch;

import io.firsthop.cluster.TraceLines;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A site whose JVM was SIGKILLed comes back: two real site JVMs ({@link SiteMain}) run
 * {@code two-site-vrrp}; daegu (the server, r2 and the core switch) is killed, seoul removes
 * it from the cluster, then a new JVM for daegu starts with {@code --rejoin}. It must join as
 * a new incarnation, learn the run from seoul, power its devices on as configured, and frames
 * must cross between the sites again both ways (seoul's hosts probe the server in daegu
 * through r1 in seoul). Judged from the status and trace files, as a user would. Every process
 * started here is gone at the end.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SiteRejoinTest {
    private static final long MS = 1_000_000L;
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final List<String> SITES = List.of("seoul", "daegu");
    private static final List<String> SEOUL_HOSTS = List.of("h-seoul-1", "h-seoul-2");

    private final List<Process> started = new ArrayList<>();
    private final Map<String, Process> sites = new HashMap<>();
    private final java.util.Set<String> killed = new java.util.HashSet<>();
    private Path stateDir;

    @AfterAll
    void everyProcessIsGone() throws Exception {
        for (Process p : started) {
            if (p.isAlive()) p.destroyForcibly();
        }
        for (Process p : started) p.waitFor(30, TimeUnit.SECONDS);
        for (Process p : started) assertFalse(p.isAlive(), "site process " + p.pid() + " is still running");
        if (stateDir != null) {
            try (var files = Files.walk(stateDir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    @Test
    @DisplayName("a SIGKILLed site restarted with --rejoin joins as a new incarnation, resumes its devices as configured, "
            + "and frames cross between the sites again")
    void killedSiteRejoins() throws Exception {
        stateDir = Files.createTempDirectory("firsthop-site-rejoin");
        try {
            for (String site : SITES) start(site, false);
            await("both sites Up and running", () -> SITES.stream().allMatch(s -> running(s, 2)));
            SiteFiles.TraceTail seoul = new SiteFiles.TraceTail(stateDir.resolve("seoul.trace"));
            List<TraceLines.Line> lines = new ArrayList<>();
            await("seoul's hosts get answers from daegu's server", () -> {
                lines.addAll(seoul.poll());
                return SEOUL_HOSTS.stream().allMatch(h -> count(lines, answered(h), 0) >= 20);
            });

            killed.add("daegu");
            sites.get("daegu").destroyForcibly();
            assertTrue(sites.get("daegu").waitFor(30, TimeUnit.SECONDS), "daegu did not die");
            await("seoul removes daegu from the cluster", () -> {
                lines.addAll(seoul.poll());
                return lines.stream().anyMatch(l -> l.kind().equals("Note") && l.field(0).startsWith("member removed")
                        && l.field(0).contains("daegu"));
            });
            long removedAt = lines.stream().filter(l -> l.kind().equals("Note") && l.field(0).startsWith("member removed"))
                    .mapToLong(TraceLines.Line::at).max().orElseThrow();

            killed.remove("daegu");
            start("daegu", true);
            await("daegu runs again, both sites Up as daegu sees them", () -> running("daegu", 2));
            SiteFiles.TraceTail daegu = new SiteFiles.TraceTail(stateDir.resolve("daegu.trace"));
            List<TraceLines.Line> daeguLines = new ArrayList<>();
            await("daegu traces that it rejoined the run", () -> {
                daeguLines.addAll(daegu.poll());
                return daeguLines.stream().anyMatch(l -> l.kind().equals("Note") && l.field(0).startsWith("run rejoined"));
            });
            long rejoinedAt = daeguLines.stream().filter(l -> l.kind().equals("Note") && l.field(0).startsWith("run rejoined"))
                    .mapToLong(TraceLines.Line::at).findFirst().orElseThrow();
            assertTrue(rejoinedAt > removedAt, "daegu's run time goes on from the run's epoch: rejoined at "
                    + rejoinedAt / 1e6 + " ms, removed at " + removedAt / 1e6 + " ms");

            await("seoul's hosts get answers from daegu's server again", () -> {
                lines.addAll(seoul.poll());
                return SEOUL_HOSTS.stream().allMatch(h -> count(lines, answered(h), rejoinedAt) >= 20);
            });
            await("r2 back in daegu as configured: a Backup of both groups behind r1 (priority 200 in seoul)", () -> {
                daeguLines.addAll(daegu.poll());
                return daeguLines.stream().anyMatch(l -> l.at() >= rejoinedAt && isState(l, "r2", "1", "backup"))
                        && daeguLines.stream().anyMatch(l -> l.at() >= rejoinedAt && isState(l, "r2", "2", "backup"));
            });
            // r1's uplink port is one end of a cross-site link (r1-up, to daegu's core switch): it lost
            // carrier when daegu was removed, and must see it again from the new incarnation
            assertTrue(lines.stream().anyMatch(l -> l.at() > removedAt && l.kind().equals("StateChanged")
                            && l.device().equals("r1") && l.field(0).equals("vrrp 2 on up") && l.field(1).equals("initialize")),
                    "r1's group on its cross-site uplink left Initialize after daegu came back (carrier regained)");
            System.out.printf("daegu removed at %.3f s, rejoined at %.3f s (run time)%n", removedAt / 1e9, rejoinedAt / 1e9);
        } catch (Throwable t) {
            dumpLogs();
            throw t;
        }
    }

    private void start(String site, boolean rejoin) throws IOException {
        List<String> jvm = new ArrayList<>(Launcher.defaultJvmOptions());
        // start-up and memory matter more than peak speed here: C1 only, a small heap
        jvm.addAll(List.of("-Xmx256m", "-XX:TieredStopAtLevel=1"));
        List<String> args = new ArrayList<>(List.of("--site", site, "--sites", String.join(",", SITES), "--state-dir",
                stateDir.toString(), "--topology", "two-site-vrrp", "--run-seed", "5", "--join-timeout-s", "80"));
        if (rejoin) args.add("--rejoin");
        Process p = Launcher.launch(Launcher.siteCommand(Launcher.currentJava(), System.getProperty("java.class.path"), jvm,
                args), stateDir.resolve(site + ".log"), false);
        started.add(p);
        sites.put(site, p);
    }

    private static Predicate<TraceLines.Line> answered(String host) {
        return l -> l.kind().equals("ProbeAnswered") && l.device().equals(host);
    }

    private static long count(List<TraceLines.Line> lines, Predicate<TraceLines.Line> p, long after) {
        return lines.stream().filter(l -> l.at() > after).filter(p).count();
    }

    private static boolean isState(TraceLines.Line l, String router, String vrid, String state) {
        return l.kind().equals("StateChanged") && l.device().equals(router) && l.field(0).startsWith("vrrp " + vrid + " ")
                && l.field(2).equals(state);
    }

    /** Whether {@code site}'s last status says running, with {@code members} Up and reachable members. */
    private boolean running(String site, int members) {
        Path file = stateDir.resolve(site + ".status");
        try {
            if (!Files.exists(file)) return false;
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            long pid = lines.stream().filter(l -> l.startsWith("pid=")).mapToLong(l -> Long.parseLong(l.substring(4))).findFirst()
                    .orElse(-1);
            return pid == sites.get(site).pid() && lines.contains("state=running")
                    && lines.stream().filter(l -> l.startsWith("member=") && l.contains(" Up ") && l.endsWith(" reachable"))
                    .count() == members;
        } catch (IOException | RuntimeException e) {
            return false; // being replaced right now: the next poll reads it
        }
    }

    private void await(String what, Supplier<Boolean> condition) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.get()) {
            for (Map.Entry<String, Process> e : sites.entrySet()) {
                if (!e.getValue().isAlive() && !killed.contains(e.getKey())) {
                    fail("site " + e.getKey() + " exited (code " + e.getValue().exitValue() + ") while waiting for: " + what);
                }
            }
            if (System.nanoTime() > deadline) fail("not within " + WAIT + ": " + what);
            Thread.sleep(100);
        }
    }

    private void dumpLogs() {
        SiteFiles.dumpLogs(stateDir, SITES);
    }
}
