package io.firsthop.cli;

import io.firsthop.cluster.ClusterControl;
import io.firsthop.cluster.RunClock;
import io.firsthop.cluster.SiteTrace;
import io.firsthop.cluster.TraceFileReader;
import io.firsthop.cluster.launch.Launcher;
import io.firsthop.cluster.launch.SiteRunner;
import io.firsthop.cluster.topology.ClusterTopology;
import io.firsthop.core.trace.TraceEvent;
import io.firsthop.run.Action;
import io.firsthop.run.EngineResult;
import io.firsthop.run.NetworkPlan;
import io.firsthop.run.RunControl;
import io.firsthop.run.RunFailure;
import io.firsthop.run.RunSettings;
import io.firsthop.run.SiteTraceSink;
import io.firsthop.run.TimedAction;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;

/**
 * One run of the cluster engine with one JVM per site: this process starts a JVM per site of the
 * scenario ({@link ScenarioSiteMain}), is itself a member of their cluster (a site with no devices,
 * named {@value #CONTROL_SITE}, listed first so that it coordinates the start), plays the timeline,
 * gathers the sites' trace events for the run's sink, and stops every process it started.
 *
 * <ol>
 *   <li>Start-up: the site JVMs are started with this JVM's java and class path, the Pekko settings
 *       and logging of {@code firsthop cluster up}, each writing its output to
 *       {@code <run dir>/sites/<site>.log} and its trace to {@code <site>.trace.bin}
 *       ({@link io.firsthop.cluster.TraceFileWriter}: Kryo records, flushed every 20 ms, frames
 *       included when the sink wants them). Each joins the cluster through this process's address
 *       file; once every site is Up this process sends the run's epoch and seed, every site builds
 *       its share of the plan and powers it on at run time 0.</li>
 *   <li>The timeline goes out through {@link ClusterControl} from this process's member, each
 *       action applied by its site at its run-clock instant. A {@code kill-site} SIGKILLs that
 *       site's JVM ({@link Process#destroyForcibly}) at its instant, traced here (a {@code Note} and
 *       a {@code crash} of each of its devices, the report's injection); the other sites lose it
 *       through cluster membership and the run goes on.</li>
 *   <li>The sites' trace files are read as they grow and their events handed to the run's sink in
 *       time order ({@link TraceMerge}, holding each back {@value #HOLD_BACK_MILLIS} ms so the sites'
 *       flushes can catch up), progress reported from this process's run clock.</li>
 *   <li>At the end (or on a stop request): SIGTERM to each site (it leaves the cluster and flushes its
 *       trace), a bounded wait, SIGKILL for any still alive, the rest of the trace read. A site JVM
 *       that dies on its own mid-run fails the run (after its events are read). In a finally block,
 *       and from a JVM shutdown hook for Ctrl-C, anything still alive is killed: no process started
 *       here outlives the run. The run's site directory keeps the logs, status and trace files.</li>
 * </ol>
 */
final class SiteJvmRun {
    /** The name of this process's member, unless a scenario site has it (then a suffix is added). */
    static final String CONTROL_SITE = "run-control";
    static final long HOLD_BACK_MILLIS = 1000;
    /**
     * JVM options of every site JVM, before the user's ({@code FIRSTHOP_SITE_JAVA_OPTS}, which may
     * override them). C1 only: on a 2-core machine the C2 compilations of three JVMs at the start of
     * traffic held frames back by tens of milliseconds for seconds (first-second median RTT of
     * scenario 12's centralised variant across the WAN 23-77 ms, against 4.5-7 ms with C1 only), and
     * over a whole 30 s run C1 only also took less CPU (11.4 s against 17.6 s for the two sites).
     */
    static final List<String> SITE_JVM_OPTIONS = List.of("-XX:TieredStopAtLevel=1");
    private static final Duration STOP_GRACE = Duration.ofSeconds(20);
    private static final long POLL_MILLIS = 50;
    private static final long MS = 1_000_000L;

    /** A site's JVM. */
    private record SiteJvm(String site, Process process, Path log, TraceFileReader trace) {}

    private final NetworkPlan plan;
    private final RunSettings settings;
    private final SiteTraceSink sink;
    private final RunControl control;
    private final Path scenarioFile;
    private final List<String> jvmOptions;
    private final ClusterTopology topology;
    private final String controlSite;
    private final long end;
    private final TraceMerge merge;
    private final Map<String, SiteJvm> jvms = new ConcurrentHashMap<>();
    private final Set<String> killed = ConcurrentHashMap.newKeySet();
    private final Map<String, Long> eventsBySite = new HashMap<>();
    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile boolean stopping;
    private RunClock clock;

    SiteJvmRun(NetworkPlan plan, RunSettings settings, SiteTraceSink sink, RunControl control, Path scenarioFile,
               List<String> jvmOptions) {
        this.plan = plan;
        this.settings = settings;
        this.sink = sink;
        this.control = control;
        this.scenarioFile = scenarioFile.toAbsolutePath();
        this.jvmOptions = List.copyOf(jvmOptions);
        this.topology = ClusterEngine.topology(plan);
        this.controlSite = controlSiteName(topology.sites());
        this.end = settings.endOf(plan);
        this.merge = new TraceMerge(end, sink.wantsFrameEvents());
    }

    /** {@value #CONTROL_SITE}, or with a suffix if the scenario has a site of that name. */
    static String controlSiteName(List<String> sites) {
        String name = CONTROL_SITE;
        for (int i = 2; sites.contains(name); i++) name = CONTROL_SITE + "-" + i;
        return name;
    }

    EngineResult run() {
        Path sitesDir = null;
        boolean temporary = settings.runDir() == null;
        SiteRunner runner = null;
        Thread killer = null;
        Thread hook = new Thread(() -> {
            // Ctrl-C: give the run's own stop path the time to stop the sites gently first
            try {
                finished.await(STOP_GRACE.toSeconds() + 10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            killLeftovers();
        }, "firsthop-site-jvms-cleanup");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            sitesDir = temporary ? Files.createTempDirectory("firsthop-cluster-run") : settings.runDir().resolve("sites");
            List<String> sites = new ArrayList<>();
            sites.add(controlSite);
            sites.addAll(topology.sites());
            prepare(sitesDir, sites);
            for (String site : topology.sites()) launch(site, sites, sitesDir);
            runner = SiteRunner.start(SiteRunner.Options.of(controlSite, sites, topology, sitesDir).withRunSeed(settings.seed())
                    .withJoinTimeout(ClusterEngine.START_TIMEOUT), ClusterEngine.siteConfig(), merge::add);
            if (!awaitStart(runner, sitesDir)) {
                return new EngineResult(0, false, 0, control.stopReason());
            }
            clock = runner.site().clock();
            List<TimedAction> kills = schedule(new ClusterControl(runner.site(), topology));
            if (!kills.isEmpty()) {
                killer = new Thread(() -> killAtTheirInstants(kills), "firsthop-kill-site");
                killer.setDaemon(true);
                killer.start();
            }
            long reached = 0;
            String failure = null;
            while (!control.stopRequested()) {
                long now = clock.now();
                reached = Math.min(Math.max(0, now), end);
                readTraces();
                merge.release(now - HOLD_BACK_MILLIS * MS, sink);
                control.progress(new RunControl.Progress(reached, plan.durationNanos(), plan.endNanos(), merge.released()));
                if (reached >= end) break;
                failure = unexpectedDeath();
                if (failure != null) break;
                Thread.sleep(Math.min(POLL_MILLIS, Math.max(1, (end - reached) / MS)));
            }
            stopping = true;
            if (killer != null) LockSupport.unpark(killer);
            // a run stopped early ends where it stopped: the sites' leaving is not part of it
            merge.endAt(reached);
            stopSites();
            readTraces();
            merge.add(controlSite, new TraceEvent.Note(reached, controlSite, summary()));
            merge.releaseAll(sink);
            if (failure != null) throw new RunFailure(failure);
            boolean completed = reached >= plan.endNanos();
            String why = completed ? null : reached >= end ? settings.stopReason() : control.stopReason();
            return new EngineResult(reached, completed, merge.released(), why);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RunFailure("interrupted while the cluster ran", e);
        } catch (IOException | UncheckedIOException e) {
            throw new RunFailure("the cluster engine's files in " + sitesDir + ": " + e.getMessage(), e);
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new RunFailure("the cluster engine failed: " + e.getMessage(), e);
        } finally {
            stopping = true;
            if (killer != null) LockSupport.unpark(killer);
            killLeftovers();
            if (runner != null) {
                try {
                    runner.close();
                } catch (RuntimeException e) {
                    // this process's member is all that did not stop cleanly; the sites are gone
                }
            }
            for (SiteJvm j : jvms.values()) j.trace().close();
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // Ctrl-C: the hook is running and returns now that the run is over
            }
            if (temporary && sitesDir != null) ClusterEngine.deleteTree(sitesDir);
        }
    }

    /** Removes what an earlier run in the same directory left for these sites (an old address file would mislead a join). */
    private static void prepare(Path dir, List<String> sites) throws IOException {
        Files.createDirectories(dir);
        for (String site : sites) {
            for (String ext : List.of(".address", ".pid", ".status", ".trace", ".trace.bin", ".log")) {
                Files.deleteIfExists(dir.resolve(site + ext));
                Files.deleteIfExists(dir.resolve(site + ext + ".tmp"));
            }
        }
    }

    private void launch(String site, List<String> sites, Path dir) throws IOException {
        List<String> args = new ArrayList<>(List.of("--scenario", scenarioFile.toString()));
        if (plan.scenario().variant() != null) args.addAll(List.of("--variant", plan.scenario().variant()));
        args.addAll(List.of("--plan-digest", ClusterEngine.planDigest(plan),
                "--coordinator-pid", Long.toString(ProcessHandle.current().pid()),
                "--site", site, "--sites", String.join(",", sites), "--state-dir", dir.toAbsolutePath().toString(),
                "--run-seed", Long.toString(settings.seed()),
                "--join-timeout-s", Long.toString(ClusterEngine.START_TIMEOUT.toSeconds()), "--trace", "binary"));
        if (sink.wantsFrameEvents()) args.add("--frames");
        List<String> jvm = new ArrayList<>(Launcher.defaultJvmOptions());
        jvm.addAll(SITE_JVM_OPTIONS);
        jvm.addAll(jvmOptions);
        Path log = dir.resolve(site + ".log");
        Process p = Launcher.launch(Launcher.siteCommand(Launcher.currentJava(), System.getProperty("java.class.path"), jvm,
                ScenarioSiteMain.class.getName(), args), log, false);
        jvms.put(site, new SiteJvm(site, p, log, new TraceFileReader(dir.resolve(SiteRunner.TraceFormat.BINARY.fileName(site)))));
    }

    /**
     * Waits until every site is Up and has started the run (its status file says "running"); false
     * if a stop was requested meanwhile.
     */
    private boolean awaitStart(SiteRunner runner, Path dir) throws InterruptedException {
        long deadline = System.nanoTime() + ClusterEngine.START_TIMEOUT.toNanos();
        while (true) {
            if (control.stopRequested()) return false;
            failIfDead("during start-up");
            try {
                runner.awaitStarted(Duration.ofMillis(200));
                break;
            } catch (TimeoutException e) {
                if (System.nanoTime() > deadline) {
                    throw new RunFailure("the cluster did not start within " + ClusterEngine.START_TIMEOUT.toSeconds()
                            + " s (Up: " + runner.site().upSites() + "); the site logs are in " + dir);
                }
            }
        }
        for (String site : topology.sites()) {
            while (!"running".equals(Launcher.status(dir, site).get("state"))) {
                if (control.stopRequested()) return false;
                failIfDead("during start-up");
                if (System.nanoTime() > deadline) {
                    throw new RunFailure("site " + site + " did not start the run within " + ClusterEngine.START_TIMEOUT.toSeconds()
                            + " s; see " + jvms.get(site).log());
                }
                Thread.sleep(POLL_MILLIS);
            }
        }
        return true;
    }

    /**
     * Sends every action but the site kills to its site(s), now, for their instants; returns the
     * kills. An action on a device of a site killed before it cannot happen: it is traced as a note.
     */
    private List<TimedAction> schedule(ClusterControl cc) {
        Map<String, Long> killedAt = new HashMap<>();
        List<TimedAction> kills = new ArrayList<>();
        for (TimedAction ta : plan.timeline()) {
            if (ta.at() > end) continue;
            if (ta.action() instanceof Action.KillSite k) {
                killedAt.putIfAbsent(k.site(), ta.at());
                kills.add(ta);
                continue;
            }
            String device = deviceOf(ta.action());
            String site = device == null ? null : topology.siteOf(device);
            Long deadSince = site == null ? null : killedAt.get(site);
            if (deadSince != null) {
                merge.add(controlSite, new TraceEvent.Note(ta.at(), controlSite, ta.cause() + ": not applied, site " + site
                        + "'s JVM was killed at " + seconds(deadSince)));
            } else {
                ClusterEngine.schedule(cc, ta);
            }
        }
        return kills;
    }

    private static String deviceOf(Action a) {
        return switch (a) {
            case Action.Crash c -> c.device();
            case Action.Shutdown s -> s.device();
            case Action.Restart r -> r.device();
            case Action.InterfaceDown d -> d.device();
            case Action.InterfaceUp u -> u.device();
            case Action.Command c -> c.device();
            case Action.CutLink c -> null;
            case Action.RestoreLink r -> null;
            case Action.Impair i -> null;
            case Action.KillSite k -> null;
        };
    }

    /** The kill thread: each kill at its run-clock instant, in time order. */
    private void killAtTheirInstants(List<TimedAction> kills) {
        for (TimedAction ta : kills) {
            while (!stopping) {
                long left = ta.at() - clock.now();
                if (left <= 0) break;
                LockSupport.parkNanos(Math.min(left, 10 * MS));
            }
            if (stopping) return;
            kill((Action.KillSite) ta.action());
        }
    }

    private void kill(Action.KillSite k) {
        SiteJvm j = jvms.get(k.site());
        long at = clock.now();
        if (!killed.add(k.site()) || !j.process().isAlive()) {
            merge.add(controlSite, new TraceEvent.Note(at, controlSite, "kill-site " + k.site() + ": its JVM is gone already"));
            return;
        }
        long pid = j.process().pid();
        j.process().destroyForcibly();
        String what = "kill-site " + k.site() + ": SIGKILL pid " + pid;
        merge.add(controlSite, new TraceEvent.Note(at, controlSite, what));
        // the site's devices die with it, silently: say so for each, as the report's injection
        for (String device : k.devices()) merge.add(k.site(), new TraceEvent.DeviceEvent(at, device, "crash (" + what + ")"));
        // a thread of its own, not Process.onExit(): that completes on the common pool, which a caller may keep busy
        Thread reaped = new Thread(() -> {
            try {
                int code = j.process().waitFor();
                long gone = clock.now();
                merge.add(controlSite, new TraceEvent.Note(gone, controlSite, "site " + k.site() + ": JVM pid " + pid + " gone, exit code "
                        + code + ", " + String.format(Locale.ROOT, "%.1f", (gone - at) / 1e6) + " ms after the SIGKILL"));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "firsthop-kill-site-" + k.site());
        reaped.setDaemon(true);
        reaped.start();
    }

    /** Reads what the sites' trace files gained since the last read. */
    private void readTraces() {
        for (SiteJvm j : jvms.values()) {
            for (SiteTrace t : j.trace().poll()) {
                merge.add(t.site(), t.event());
                eventsBySite.merge(j.site(), 1L, Long::sum);
            }
        }
    }

    /** A site JVM that exited without being killed or stopped: why the run fails, or null. */
    private String unexpectedDeath() {
        for (SiteJvm j : jvms.values()) {
            // alive first: a kill is recorded before its SIGKILL, so a JVM seen dead after it is known killed
            if (j.process().isAlive() || killed.contains(j.site())) continue;
            String why = "site " + j.site() + "'s JVM (pid " + j.process().pid() + ") exited with code " + j.process().exitValue()
                    + " at run time " + seconds(Math.max(0, clock.now())) + ", before the end of the run; see "
                    + j.log() + lastLines(j.log());
            merge.add(controlSite, new TraceEvent.Note(Math.min(Math.max(0, clock.now()), end), controlSite, why));
            return why;
        }
        return null;
    }

    private void failIfDead(String when) {
        for (SiteJvm j : jvms.values()) {
            if (!j.process().isAlive()) {
                throw new RunFailure("site " + j.site() + "'s JVM exited " + when + " (code " + j.process().exitValue() + "); see "
                        + j.log() + lastLines(j.log()));
            }
        }
    }

    private static String lastLines(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            List<String> tail = lines.subList(Math.max(0, lines.size() - 5), lines.size());
            return tail.isEmpty() ? "" : ":\n  " + String.join("\n  ", tail);
        } catch (IOException | UncheckedIOException e) {
            return "";
        }
    }

    /** SIGTERM to every site still alive (each leaves the cluster and flushes its trace), then SIGKILL after the grace period. */
    private void stopSites() throws InterruptedException {
        for (SiteJvm j : jvms.values()) {
            if (j.process().isAlive()) j.process().destroy();
        }
        long deadline = System.nanoTime() + STOP_GRACE.toNanos();
        for (SiteJvm j : jvms.values()) {
            long left = deadline - System.nanoTime();
            if (left > 0) j.process().waitFor(left, TimeUnit.NANOSECONDS);
            if (j.process().isAlive()) {
                merge.add(controlSite, new TraceEvent.Note(Math.min(Math.max(0, clock.now()), end), controlSite, "site " + j.site()
                        + ": JVM pid " + j.process().pid() + " still running " + STOP_GRACE.toSeconds() + " s after SIGTERM: SIGKILL"));
                j.process().destroyForcibly();
            }
        }
    }

    /** Kills every site JVM still alive and waits (bounded) until they are gone; for the finally block and Ctrl-C. */
    private void killLeftovers() {
        for (SiteJvm j : jvms.values()) {
            if (j.process().isAlive()) j.process().destroyForcibly();
        }
        for (SiteJvm j : jvms.values()) {
            try {
                j.process().waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.3f s", nanos / 1e9);
    }

    /** What the site JVMs did, for the trace's last word. */
    private String summary() {
        StringBuilder b = new StringBuilder("site JVMs:");
        Map<String, String> parts = new LinkedHashMap<>();
        for (String site : topology.sites()) {
            SiteJvm j = jvms.get(site);
            Process p = j.process();
            parts.put(site, " " + site + " pid " + p.pid() + (p.isAlive() ? " still running" : " exit " + p.exitValue())
                    + (killed.contains(site) ? " (killed)" : "") + ", " + eventsBySite.getOrDefault(site, 0L) + " events"
                    + (j.trace().rejected() > 0 ? ", " + j.trace().rejected() + " unreadable" : "")
                    + (j.trace().pendingBytes() > 0 ? ", a torn last record of " + j.trace().pendingBytes() + " bytes" : ""));
        }
        b.append(String.join(";", parts.values()));
        if (merge.late() > 0) b.append("; ").append(merge.late()).append(" events reached this process more than ")
                .append(HOLD_BACK_MILLIS).append(" ms late and were handed on out of time order");
        return b.toString();
    }
}
