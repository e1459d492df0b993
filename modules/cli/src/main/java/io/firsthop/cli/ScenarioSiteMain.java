package io.firsthop.cli;

import io.firsthop.cluster.launch.SiteMain;
import io.firsthop.cluster.launch.SiteRunner;
import io.firsthop.cluster.topology.ClusterTopology;
import io.firsthop.run.NetworkPlan;
import io.firsthop.run.Validation;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
 * process's (the file changed meanwhile), builds the cluster topology the run process built, and
 * runs its site as {@link SiteMain} does with that topology. It stops when the run process
 * SIGTERMs it, and on its own when the run process (the coordinator pid) is gone, so that no
 * site outlives its run. Exit codes: 2 for bad arguments or a scenario that does not bind to the
 * same plan, 3 when the run process went away, otherwise {@link SiteMain}'s.
 */
public final class ScenarioSiteMain {
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
        SiteMain.run(options.withTopology(topology), ClusterEngine.siteConfig());
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
