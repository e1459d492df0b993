package io.firsthop.cli;

import io.firsthop.cluster.launch.SiteMain;
import io.firsthop.cluster.launch.SiteRunner;
import io.firsthop.cluster.topology.ClusterTopology;
import io.firsthop.run.NetworkPlan;
import io.firsthop.run.RunControl;
import io.firsthop.run.RunSettings;
import io.firsthop.run.ScenarioRun;
import io.firsthop.run.Validation;
import io.firsthop.run.VirtualRunner;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The main class of a site JVM of {@code firsthop run --engine cluster}: one site of a scenario,
 * started by the run process ({@link SiteJvmRun}).
 *
 * <pre>
 * java -cp ... io.firsthop.cli.ScenarioSiteMain --scenario FILE [--variant NAME] [--plan-digest HEX]
 *      [--coordinator-pid PID] --site seoul --sites run-control,seoul,daegu --state-dir DIR [SiteMain's other options]
 * </pre>
 *
 * It loads and binds the scenario file exactly as {@code firsthop run} does (the same
 * {@code Binder}, so the same plan), refuses to run if the plan's digest differs from the run
 * process's (the file changed meanwhile), builds the cluster topology the run process built, warms
 * its JVM up on a virtual copy of the scenario, and runs its site as {@link SiteMain} does with
 * that topology. It stops when the run process
 * SIGTERMs it, and on its own when the run process (the coordinator pid) is gone, so that no
 * site outlives its run. Exit codes: 2 for bad arguments or a scenario that does not bind to the
 * same plan, 3 when the run process went away, otherwise {@link SiteMain}'s.
 */
public final class ScenarioSiteMain {
    /** The warm-up's virtual run time, at most (the scenario's duration if shorter). */
    private static final long WARM_UP_RUN_NANOS = 10_000_000_000L;
    /** The warm-up's wall-clock budget. */
    private static final long WARM_UP_WALL_NANOS = 1_500_000_000L;

    private ScenarioSiteMain() {
    }

    public static void main(String[] args) throws Exception {
        Path scenario = null;
        String variant = null;
        String digest = null;
        Long coordinator = null;
        List<String> siteArgs = new ArrayList<>();
        SiteRunner.Options options;
        try {
            for (int i = 0; i < args.length; i++) {
                String v = i + 1 < args.length ? args[i + 1] : null;
                switch (args[i]) {
                    case "--scenario" -> scenario = Path.of(need(args[i], v));
                    case "--variant" -> variant = need(args[i], v);
                    case "--plan-digest" -> digest = need(args[i], v);
                    case "--coordinator-pid" -> coordinator = Long.parseLong(need(args[i], v));
                    default -> {
                        siteArgs.add(args[i]);
                        continue;
                    }
                }
                i++;
            }
            if (scenario == null) throw new IllegalArgumentException("--scenario is required");
            options = SiteMain.parse(siteArgs.toArray(new String[0]));
            if (options.topology() != null) throw new IllegalArgumentException("--topology: the scenario gives this site's topology");
        } catch (IllegalArgumentException e) {
            fail(2, "ScenarioSiteMain: " + e.getMessage() + "\nusage: ScenarioSiteMain --scenario FILE [--variant NAME] "
                    + "[--plan-digest HEX] [--coordinator-pid PID] " + SiteMain.usage().substring("usage: SiteMain ".length()));
            return;
        }
        Validation.Checked checked = Validation.check(scenario);
        if (!checked.ok()) {
            fail(2, checked.format() + "site " + options.site() + ": " + scenario + " does not bind; nothing was run");
            return;
        }
        NetworkPlan plan = checked.plans().get(variant == null ? "" : variant);
        if (plan == null) {
            fail(2, "site " + options.site() + ": " + scenario + " has no variant '" + variant + "'");
            return;
        }
        if (digest != null && !digest.equals(ClusterEngine.planDigest(plan))) {
            fail(2, "site " + options.site() + ": " + scenario + " binds to another plan than the run's (digest "
                    + ClusterEngine.planDigest(plan) + ", the run's " + digest + "): was the file changed after the run started?");
            return;
        }
        ClusterTopology topology = ClusterEngine.topology(plan);
        if (!topology.sites().contains(options.site())) {
            fail(2, "site " + options.site() + ": the scenario has no such site (sites: " + topology.sites() + ")");
            return;
        }
        if (coordinator != null) exitWith(coordinator, options.site());
        warmUp(plan, options.site());
        SiteMain.run(options.withTopology(topology), ClusterEngine.siteConfig());
    }

    /**
     * Plays the plan for a few virtual seconds on the virtual engine, its trace discarded, before
     * the site joins: the device cores' classes are loaded and their paths compiled, so the run's
     * first ARP exchanges and probes do not pay for a cold JVM. Without it, the first gateway ARP
     * of a flow took 15-57 ms here (against 5-12 ms with it), long enough for the probes queued
     * behind it to overflow a 3-packet ARP queue downstream and be lost. The run itself is
     * untouched: nothing of this reaches the cluster.
     */
    private static void warmUp(NetworkPlan plan, String site) {
        long start = System.nanoTime();
        long deadline = start + WARM_UP_WALL_NANOS;
        RunControl[] control = new RunControl[1];
        control[0] = new RunControl(p -> {
            if (System.nanoTime() > deadline) control[0].requestStop("warm-up time is up");
        });
        try {
            new VirtualRunner().run(plan, new RunSettings(plan.scenario().seed(), null, Math.min(plan.durationNanos(), WARM_UP_RUN_NANOS)),
                    ScenarioRun.NO_SINK, control[0]);
            System.out.printf(Locale.ROOT, "site %s: warmed up on the virtual engine in %.0f ms%n", site, (System.nanoTime() - start) / 1e6);
        } catch (RuntimeException e) {
            // a warm-up is an optimisation: the run goes on cold
            System.err.println("site " + site + ": warm-up failed (the run goes on): " + e);
        }
    }

    /** Stops this JVM (shutdown hooks run: the site leaves and flushes its trace) when the run process is gone. */
    private static void exitWith(long pid, String site) {
        Optional<ProcessHandle> run = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
        if (run.isEmpty()) {
            fail(3, "site " + site + ": the run process (pid " + pid + ") is gone; not starting");
            return;
        }
        ProcessHandle coordinator = run.get();
        // polled on a thread of its own: ProcessHandle.onExit() completes on the common pool and, for a process
        // that is not a child, polls anyway
        Thread watch = new Thread(() -> {
            try {
                while (coordinator.isAlive()) Thread.sleep(250);
            } catch (InterruptedException e) {
                return;
            }
            System.err.println("site " + site + ": the run process (pid " + pid + ") is gone; stopping");
            System.exit(3);
        }, "firsthop-run-process-watch");
        watch.setDaemon(true);
        watch.start();
    }

    private static String need(String option, String value) {
        if (value == null) throw new IllegalArgumentException(option + " needs a value");
        return value;
    }

    private static void fail(int code, String message) {
        System.err.println(message);
        System.exit(code);
    }
}
