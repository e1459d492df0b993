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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * The cluster engine as a {@link Engine} for {@code firsthop run --engine cluster}: every site of
 * the scenario is a Pekko ActorSystem (a {@link SiteRunner}, as a site JVM runs one), all in this
 * JVM and joined in one Pekko Cluster over Artery TCP on 127.0.0.1; every device is an actor on
 * its site, frames between sites cross Artery, time is the wall clock. The timeline goes through
 * {@link ClusterControl}, from the first site to the site(s) each action concerns, at its run-clock
 * instant.
 *
 * <p>What differs from the virtual engine: timing is real (bounds need their slack), a run lasts
 * its duration in wall-clock time plus the cluster's start-up, there is no capture, and a site kill
 * is the crash of every device of the site (as the plan says), not the death of a JVM. The run's
 * site state and trace files go to a temporary directory that is removed afterwards.
 */
public final class ClusterEngine implements Engine {
    /** Device commands of the run module's timeline that the cluster's built-in Kryo list lacks. */
    static final List<String> EXTRA_REGISTRATIONS = List.of(StopProbeFlow.class.getName(), SetTrackedObject.class.getName());
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private static final long POLL_MILLIS = 50;

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
        if (settings.captureDir() != null) throw new RunFailure("--capture works on the virtual engine only");
        ClusterTopology topology = topology(plan);
        long end = settings.endOf(plan);
        Forwarder forward = new Forwarder(sink, end);
        Path stateDir = null;
        List<SiteRunner> runners = new ArrayList<>();
        try {
            stateDir = Files.createTempDirectory("firsthop-cluster-run");
            Config config = Site.defaultConfig().withValue("firsthop.kryo.extra-registrations",
                    ConfigValueFactory.fromIterable(EXTRA_REGISTRATIONS));
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

    private static void schedule(ClusterControl cc, TimedAction ta) {
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

    private static void deleteTree(Path dir) {
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        } catch (IOException e) {
            // a temporary directory left behind is harmless
        }
    }
}
