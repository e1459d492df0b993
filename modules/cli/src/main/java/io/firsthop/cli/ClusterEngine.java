package io.firsthop.cli;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigValueFactory;
import io.firsthop.cluster.ClusterControl;
import io.firsthop.cluster.Site;
import io.firsthop.cluster.TraceSink;
import io.firsthop.cluster.launch.SiteRunner;
import io.firsthop.cluster.topology.ClusterTopology;
import io.firsthop.core.host.StopProbeFlow;
import io.firsthop.core.trace.TraceEvent;
import io.firsthop.core.track.SetTrackedObject;
import io.firsthop.run.Action;
import io.firsthop.run.DevicePlan;
import io.firsthop.run.Engine;
import io.firsthop.run.EngineResult;
import io.firsthop.run.LinkPlan;
import io.firsthop.run.NetworkPlan;
import io.firsthop.run.RunControl;
import io.firsthop.run.RunFailure;
import io.firsthop.run.RunSettings;
import io.firsthop.run.SiteTraceSink;
import io.firsthop.run.TimedAction;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * The cluster engine as an {@link Engine} for {@code firsthop run --engine cluster}: every site of
 * the scenario is a Pekko ActorSystem (a {@link SiteRunner}) joined in one Pekko Cluster over
 * Artery TCP on 127.0.0.1; every device is an actor on its site, frames between sites cross
 * Artery, time is the wall clock, and the timeline goes through {@link ClusterControl} at its
 * run-clock instants.
 *
 * <p>Where the sites run:
 * <ul>
 *   <li>by default, one JVM per site ({@link ScenarioSiteMain}, started and stopped by
 *       {@link SiteJvmRun}; the run process is a member of the cluster too, with no devices, and
 *       coordinates). This needs the scenario file ({@link #forScenarioFile}): each site JVM
 *       loads and binds it as {@code run} did. A {@code kill-site} SIGKILLs that site's JVM.</li>
 *   <li>{@link #withSitesInOneJvm with the sites in one JVM}, every site's ActorSystem in the run
 *       process (tests, small machines); a {@code kill-site} is then the crash of every device of
 *       the site, as on the virtual engine.</li>
 * </ul>
 *
 * <p>What differs from the virtual engine either way: timing is real (bounds need their slack), a
 * run lasts its duration in wall-clock time plus the cluster's start-up, and {@code --capture} is
 * written by the run process from the frames the sites trace ({@code supportsCapture()} is false, so
 * {@link io.firsthop.run.ScenarioRun} taps the trace).
 */
public final class ClusterEngine implements Engine {
    /** Device commands of the run module's timeline that the cluster's built-in Kryo list lacks. */
    static final List<String> EXTRA_REGISTRATIONS = List.of(StopProbeFlow.class.getName(), SetTrackedObject.class.getName());
    static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private static final long POLL_MILLIS = 50;

    private final boolean sitesInOneJvm;
    private final Path scenarioFile;
    private final List<String> siteJvmOptions;

    /** One JVM per site (the default); {@link #forScenarioFile} must name the scenario file before a run. */
    public ClusterEngine() {
        this(false, null, List.of());
    }

    private ClusterEngine(boolean sitesInOneJvm, Path scenarioFile, List<String> siteJvmOptions) {
        this.sitesInOneJvm = sitesInOneJvm;
        this.scenarioFile = scenarioFile;
        this.siteJvmOptions = List.copyOf(siteJvmOptions);
    }

    /** The same engine, its site JVMs loading the plans from {@code file} (the file they were bound from). */
    public ClusterEngine forScenarioFile(Path file) {
        return new ClusterEngine(sitesInOneJvm, file, siteJvmOptions);
    }

    /** The same engine with every site in this JVM ({@code true}) or one JVM per site ({@code false}). */
    public ClusterEngine withSitesInOneJvm(boolean inOneJvm) {
        return new ClusterEngine(inOneJvm, scenarioFile, siteJvmOptions);
    }

    /** The same engine, its site JVMs started with these JVM options too (e.g. -Xmx256m). */
    public ClusterEngine withSiteJvmOptions(List<String> options) {
        return new ClusterEngine(sitesInOneJvm, scenarioFile, options);
    }

    public boolean sitesInOneJvm() {
        return sitesInOneJvm;
    }

    @Override
    public String name() {
        return "cluster";
    }

    @Override
    public boolean supportsCapture() {
        return false;
    }

    @Override
    public EngineResult run(NetworkPlan plan, RunSettings settings, SiteTraceSink sink, RunControl control) {
        if (sitesInOneJvm) return runInOneJvm(plan, settings, sink, control);
        if (scenarioFile == null) {
            throw new RunFailure("the cluster engine starts each site's JVM from the scenario file, and none was given "
                    + "(a plan built in code runs with the sites in one JVM)");
        }
        return new SiteJvmRun(plan, settings, sink, control, scenarioFile, siteJvmOptions).run();
    }

    /** The Pekko settings of every site of a run, in this JVM or in a site JVM: the defaults plus the timeline's commands. */
    static Config siteConfig() {
        return Site.defaultConfig().withValue("firsthop.kryo.extra-registrations", ConfigValueFactory.fromIterable(EXTRA_REGISTRATIONS));
    }

    /**
     * A digest of what the plan was bound from (the scenario, or the variant, with every value
     * the file gave): a site JVM that binds the file again refuses to run if it differs, e.g.
     * because the file was edited after the run started.
     */
    static String planDigest(NetworkPlan plan) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(plan.scenario().toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private EngineResult runInOneJvm(NetworkPlan plan, RunSettings settings, SiteTraceSink sink, RunControl control) {
        ClusterTopology topology = topology(plan);
        long end = settings.endOf(plan);
        Forwarder forward = new Forwarder(sink, end);
        Path stateDir = null;
        List<SiteRunner> runners = new ArrayList<>();
        try {
            stateDir = Files.createTempDirectory("firsthop-cluster-run");
            Config config = siteConfig();
            for (String site : topology.sites()) {
                runners.add(SiteRunner.start(SiteRunner.Options.of(site, topology.sites(), topology, stateDir)
                        .withRunSeed(settings.seed()).withJoinTimeout(START_TIMEOUT), config, forward));
            }
            for (SiteRunner r : runners) r.awaitStarted(START_TIMEOUT);
            Site first = runners.get(0).site();
            ClusterControl cc = new ClusterControl(first, topology);
            for (TimedAction ta : plan.timeline()) {
                if (ta.at() <= end) schedule(cc, ta);
            }
            long reached = 0;
            while (!control.stopRequested()) {
                reached = Math.min(Math.max(0, first.clock().now()), end);
                control.progress(new RunControl.Progress(reached, plan.durationNanos(), plan.endNanos(), forward.events()));
                if (reached >= end) break;
                Thread.sleep(Math.min(POLL_MILLIS, Math.max(1, (end - reached) / 1_000_000L)));
            }
            forward.stop();
            boolean completed = reached >= plan.endNanos();
            String why = completed ? null : reached >= end ? settings.stopReason() : control.stopReason();
            return new EngineResult(reached, completed, forward.events(), why);
        } catch (TimeoutException e) {
            throw new RunFailure("the cluster did not start: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RunFailure("interrupted while the cluster ran", e);
        } catch (IOException e) {
            throw new RunFailure("cannot create the cluster's state directory: " + e.getMessage(), e);
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new RunFailure("the cluster engine failed: " + e.getMessage(), e);
        } finally {
            forward.stop();
            for (int i = runners.size() - 1; i >= 0; i--) {
                try {
                    runners.get(i).close();
                } catch (Exception e) {
                    // the run's figures stand; a site that does not stop cleanly is all that is lost
                    sink.accept(runners.get(i).options().site(), new TraceEvent.Note(end, "cluster", "closing site failed: " + e));
                }
            }
            if (stateDir != null) deleteTree(stateDir);
        }
    }

    /** The plan as the cluster's topology: its sites in file order, each device on its site, each link with its resolved impairments. */
    static ClusterTopology topology(NetworkPlan plan) {
        ClusterTopology.Builder b = ClusterTopology.builder(plan.scenario().name());
        for (String site : plan.scenario().sites().keySet()) b.site(site);
        for (DevicePlan d : plan.devices()) b.device(d.site(), d.name(), d.factory());
        // a cross-site link's impairments already hold the WAN entry's: no WAN is added on top
        for (LinkPlan l : plan.links()) b.link(l.name(), l.a(), l.b(), l.config());
        return b.build();
    }

    /** Sends one timed action to the site(s) it concerns; a site kill crashes every device of the site. */
    static void schedule(ClusterControl cc, TimedAction ta) {
        long at = ta.at();
        switch (ta.action()) {
            case Action.Crash c -> cc.crash(at, c.device(), c.loseCarrier());
            case Action.Shutdown s -> cc.shutdown(at, s.device());
            case Action.Restart r -> cc.restart(at, r.device());
            case Action.InterfaceDown d -> cc.interfaceDown(at, d.device(), d.port());
            case Action.InterfaceUp u -> cc.interfaceUp(at, u.device(), u.port());
            case Action.CutLink c -> cc.cutLink(at, c.link());
            case Action.RestoreLink r -> cc.restoreLink(at, r.link());
            case Action.Impair i -> cc.impair(at, i.link(), i.config());
            case Action.Command c -> cc.command(at, c.device(), c.command());
            case Action.KillSite k -> {
                // the sites share this JVM: the site's death is the power failure of each of its devices
                for (String device : k.devices()) cc.crash(at, device, true);
            }
        }
    }

    /**
     * Hands the sites' events, which arrive concurrently from every actor, one at a time to the
     * run's sink, from run time 0 to the end of the run (membership notes before the run starts
     * and the sites' shutdown after it are not part of it).
     */
    private static final class Forwarder implements TraceSink {
        private final SiteTraceSink sink;
        private final long end;
        private final boolean frames;
        private boolean open = true;
        private long events;

        Forwarder(SiteTraceSink sink, long end) {
            this.sink = sink;
            this.end = end;
            this.frames = sink.wantsFrameEvents();
        }

        @Override
        public synchronized void accept(String site, TraceEvent event) {
            if (!open || event.at() < 0 || event.at() > end) return;
            events++;
            sink.accept(site, event);
        }

        @Override
        public boolean wantsFrameEvents() {
            return frames;
        }

        synchronized void stop() {
            open = false;
        }

        synchronized long events() {
            return events;
        }
    }

    static void deleteTree(Path dir) {
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        } catch (IOException e) {
            // a temporary directory left behind is harmless
        }
    }
}
