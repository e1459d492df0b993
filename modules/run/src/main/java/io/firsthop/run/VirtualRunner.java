package io.firsthop.run;

import io.firsthop.core.trace.TraceEvent;
import io.firsthop.sim.TraceSink;
import io.firsthop.sim.VirtualEngine;
import io.firsthop.sim.capture.PcapCapture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The virtual engine as an {@link Engine}: one {@link VirtualEngine} per run, seeded, in virtual
 * nanoseconds. It runs in steps of {@link #STEPS_PER_RUN}-th of the run (at least 1 ms), and
 * between steps reports progress and honours a stop request, so a stop lands within one step
 * of virtual time. Captures, when asked, are one {@link PcapCapture} per link.
 */
public final class VirtualRunner implements Engine {
    /** Steps a run is cut into for progress and stop requests. */
    static final int STEPS_PER_RUN = 1000;
    private static final long MIN_STEP_NANOS = 1_000_000L;

    @Override
    public String name() {
        return "virtual";
    }

    @Override
    public EngineResult run(NetworkPlan plan, RunSettings settings, SiteTraceSink sink, RunControl control) {
        VirtualEngine sim = new VirtualEngine(settings.seed());
        List<PcapCapture> captures = new ArrayList<>();
        try {
            build(sim, plan, sink);
            if (settings.captureDir() != null) captures = capture(sim, plan, settings.captureDir());
            for (TimedAction ta : plan.timeline()) schedule(sim, ta);
            long end = settings.endOf(plan);
            long step = Math.max(MIN_STEP_NANOS, end / STEPS_PER_RUN);
            long reached = 0;
            control.progress(new RunControl.Progress(0, plan.durationNanos(), plan.endNanos(), 0));
            while (reached < end && !control.stopRequested()) {
                long next = Math.min(reached + step, end);
                sim.runUntil(next);
                reached = next;
                control.progress(new RunControl.Progress(reached, plan.durationNanos(), plan.endNanos(), sim.eventsProcessed()));
            }
            boolean completed = reached >= plan.endNanos();
            String why = completed ? null : reached >= end ? settings.stopReason() : control.stopReason();
            return new EngineResult(reached, completed, sim.eventsProcessed(), why);
        } catch (IllegalStateException | IllegalArgumentException e) {
            throw new RunFailure("the virtual engine failed at " + sim.now() + " ns: " + e.getMessage(), e);
        } finally {
            for (PcapCapture c : captures) {
                try {
                    c.close();
                } catch (IOException e) {
                    // the run's figures stand; the capture file is what is lost
                    sink.accept("", new TraceEvent.Note(sim.now(), "capture", "closing a capture failed: " + e.getMessage()));
                }
            }
        }
    }

    private static void build(VirtualEngine sim, NetworkPlan plan, SiteTraceSink sink) {
        for (DevicePlan d : plan.devices()) sim.addDevice(d.factory().get());
        for (LinkPlan l : plan.links()) sim.connect(l.name(), l.a(), l.b(), l.config());
        Map<String, String> sites = plan.sitesByName();
        boolean frames = sink.wantsFrameEvents();
        sim.addTraceSink(new TraceSink() {
            @Override
            public void accept(TraceEvent event) {
                sink.accept(sites.getOrDefault(event.device(), ""), event);
            }

            @Override
            public boolean wantsFrameEvents() {
                return frames;
            }
        });
    }

    private static List<PcapCapture> capture(VirtualEngine sim, NetworkPlan plan, Path dir) {
        List<PcapCapture> captures = new ArrayList<>();
        try {
            Files.createDirectories(dir);
            for (LinkPlan l : plan.links()) {
                PcapCapture c = PcapCapture.onLinks(sim, dir.resolve(captureFileName(l.name())), l.name());
                captures.add(c);
                sim.addTraceSink(c);
            }
        } catch (IOException e) {
            for (PcapCapture c : captures) {
                try {
                    c.close();
                } catch (IOException ignored) {
                    // already failing: the first error is the one reported
                }
            }
            throw new RunFailure("cannot write captures in " + dir + ": " + e.getMessage(), e);
        }
        return captures;
    }

    /** A link's capture file: its name with characters file systems dislike replaced, e.g. "r1_ge0--sw1_p2.pcap". */
    public static String captureFileName(String link) {
        StringBuilder b = new StringBuilder(link.length() + 5);
        for (int i = 0; i < link.length(); i++) {
            char c = link.charAt(i);
            b.append(Character.isLetterOrDigit(c) || c == '-' || c == '.' || c == '_' ? c : '_');
        }
        return b.append(".pcap").toString();
    }

    private static void schedule(VirtualEngine sim, TimedAction ta) {
        long at = ta.at();
        switch (ta.action()) {
            case Action.Crash c -> sim.crash(at, c.device(), c.loseCarrier());
            case Action.Shutdown s -> sim.shutdown(at, s.device());
            case Action.Restart r -> sim.restart(at, r.device());
            case Action.InterfaceDown d -> sim.interfaceDown(at, d.device(), d.port());
            case Action.InterfaceUp u -> sim.interfaceUp(at, u.device(), u.port());
            case Action.CutLink c -> sim.cutLink(at, c.link());
            case Action.RestoreLink r -> sim.restoreLink(at, r.link());
            case Action.Impair i -> sim.impair(at, i.link(), i.config());
            case Action.Command c -> sim.command(at, c.device(), c.command());
            case Action.KillSite k -> {
                // one process here: the site's death is the power failure of each of its devices
                for (String device : k.devices()) sim.crash(at, device, true);
            }
        }
    }
}
