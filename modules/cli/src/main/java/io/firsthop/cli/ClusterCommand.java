package io.firsthop.cli;

import io.firsthop.cluster.bench.ClusterBench;
import io.firsthop.cluster.launch.Launcher;
import io.firsthop.cluster.topology.BuiltInTopologies;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code firsthop cluster}: the cluster engine on this machine, one JVM per site
 * ({@code up}, {@code status}, {@code down}, {@code kill}, {@code rejoin}), and its benchmarks ({@code bench}).
 */
@Command(name = "cluster", mixinStandardHelpOptions = true,
        header = "Runs the cluster engine locally: one JVM per site, joined in a Pekko cluster.",
        description = {"Each site is a JVM (io.firsthop.cluster.launch.SiteMain) on 127.0.0.1 and a free port, using the "
                + "JDK and class path this command runs with. The run-state directory (--state-dir; default "
                + "$FIRSTHOP_STATE_DIR, else $XDG_RUNTIME_DIR/firsthop/cluster, else ~/.firsthop/cluster) holds per site "
                + "<site>.log, .status, .trace, .address, .pid, and cluster.state (the pids 'up' started)."},
        subcommands = {ClusterCommand.Up.class, ClusterCommand.Status.class, ClusterCommand.Down.class,
                ClusterCommand.Kill.class, ClusterCommand.Rejoin.class, ClusterCommand.Bench.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                " 0:success",
                " 2:invalid input or usage",
                " 3:the run itself failed"})
final class ClusterCommand implements Runnable {
    static {
        // Pekko logs through SLF4J/Logback: firsthop's own configuration unless the user gave one
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "firsthop-site-logback.xml");
        }
    }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Options every subcommand shares. */
    static final class StateDir {
        @Option(names = "--state-dir", paramLabel = "DIR",
                description = "Run-state directory (default: $FIRSTHOP_STATE_DIR, else $XDG_RUNTIME_DIR/firsthop/cluster, "
                        + "else ~/.firsthop/cluster).")
        Path dir;

        Path resolve() {
            return dir != null ? dir : Launcher.defaultStateDir();
        }
    }

    @Command(name = "up", mixinStandardHelpOptions = true,
            header = "Starts one JVM per site, waits until all are Up (and the run started), prints where the logs are.",
            description = "The first site coordinates: once every site is Up it sets the run's epoch (now + 1 s) and every "
                    + "site builds and powers on its share of the topology.")
    static final class Up implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @CommandLine.Mixin
        StateDir stateDir = new StateDir();

        @Option(names = "--sites", required = true, split = ",", paramLabel = "SITE",
                description = "The sites, e.g. seoul,daegu (the first coordinates the run).")
        List<String> sites;

        @Option(names = "--topology", defaultValue = "none", paramLabel = "NAME",
                description = "A built-in topology (${COMPLETION-CANDIDATES}), or none for sites without devices. "
                        + "Default: ${DEFAULT-VALUE}.", completionCandidates = TopologyNames.class)
        String topology;

        @Option(names = "--run-seed", defaultValue = "1", paramLabel = "N", description = "The run's seed. Default: ${DEFAULT-VALUE}.")
        long runSeed;

        @Option(names = "--wait", defaultValue = "90", paramLabel = "S",
                description = "Seconds to wait for every site to be Up. Default: ${DEFAULT-VALUE}.")
        long waitSeconds;

        @Option(names = "--jvm-option", paramLabel = "OPT", description = "An extra JVM option for every site (repeatable).")
        List<String> jvmOptions = new ArrayList<>();

        @Override
        public Integer call() throws Exception {
            Set<String> unique = new LinkedHashSet<>(sites);
            if (unique.size() != sites.size() || sites.isEmpty()) {
                throw new IllegalArgumentException("--sites must name distinct sites, got " + sites);
            }
            for (String s : sites) {
                if (!s.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) throw new IllegalArgumentException("bad site name '" + s + "'");
            }
            if (!topology.equals("none")) {
                List<String> needed = BuiltInTopologies.byName(topology).sites();
                if (!sites.containsAll(needed)) {
                    throw new IllegalArgumentException("topology " + topology + " needs sites " + needed + ", got " + sites);
                }
            }
            Launcher.UpOptions base = Launcher.UpOptions.of(sites, topology, runSeed, stateDir.resolve());
            Launcher.UpOptions o = new Launcher.UpOptions(base.sites(), base.topology(), base.runSeed(), base.stateDir(),
                    base.javaBin(), base.classPath(), jvmOptions, Duration.ofSeconds(waitSeconds));
            PrintWriter out = spec.commandLine().getOut();
            Launcher.up(o, out);
            out.println("next: 'firsthop cluster status', 'firsthop cluster kill SITE' (SIGKILL one site), "
                    + "'firsthop cluster rejoin SITE' (restart it), 'firsthop cluster down'");
            out.flush();
            return CommandLine.ExitCode.OK;
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true,
            header = "Shows each site: pid alive, state, devices, and the cluster members as each site sees them.")
    static final class Status implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @CommandLine.Mixin
        StateDir stateDir = new StateDir();

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            Launcher.printStatus(stateDir.resolve(), out);
            out.flush();
            return CommandLine.ExitCode.OK;
        }
    }

    @Command(name = "down", mixinStandardHelpOptions = true,
            header = "Stops exactly the site JVMs 'up' started: SIGTERM, then SIGKILL after a grace period.",
            description = "A pid is signalled only if the live process still has the start time recorded by 'up' and "
                    + "runs SiteMain for that site. Logs and traces stay in the state directory.")
    static final class Down implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @CommandLine.Mixin
        StateDir stateDir = new StateDir();

        @Option(names = "--grace", defaultValue = "15", paramLabel = "S",
                description = "Seconds between SIGTERM and SIGKILL. Default: ${DEFAULT-VALUE}.")
        long graceSeconds;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            Launcher.down(stateDir.resolve(), Duration.ofSeconds(graceSeconds), out);
            out.flush();
            return CommandLine.ExitCode.OK;
        }
    }

    @Command(name = "kill", mixinStandardHelpOptions = true,
            header = "Kills one site's JVM with SIGKILL (a site failure); the other sites notice and go on.")
    static final class Kill implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @CommandLine.Mixin
        StateDir stateDir = new StateDir();

        @Parameters(paramLabel = "SITE", description = "The site to kill.")
        String site;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            boolean killed = Launcher.kill(stateDir.resolve(), site, out);
            out.flush();
            return killed ? CommandLine.ExitCode.OK : CommandLine.ExitCode.USAGE;
        }
    }

    @Command(name = "rejoin", mixinStandardHelpOptions = true,
            header = "Restarts a site whose JVM died (killed, crashed) into the run that went on without it.",
            description = "A new JVM for the site (same sites, topology and seed as 'up' recorded) joins through the other "
                    + "sites once they have removed the dead one, learns the run's epoch from them and powers its devices on "
                    + "at the run's current time, as configured; cross-site links carry frames again. Its log and trace "
                    + "files are appended to.")
    static final class Rejoin implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @CommandLine.Mixin
        StateDir stateDir = new StateDir();

        @Parameters(paramLabel = "SITE", description = "The site to restart.")
        String site;

        @Option(names = "--wait", defaultValue = "90", paramLabel = "S",
                description = "Seconds to wait for the site to run again. Default: ${DEFAULT-VALUE}.")
        long waitSeconds;

        @Option(names = "--jvm-option", paramLabel = "OPT", description = "An extra JVM option for the site (repeatable).")
        List<String> jvmOptions = new ArrayList<>();

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            Launcher.rejoin(stateDir.resolve(), site, Launcher.currentJava(), System.getProperty("java.class.path"), jvmOptions,
                    Duration.ofSeconds(waitSeconds), out);
            out.flush();
            return CommandLine.ExitCode.OK;
        }
    }

    @Command(name = "bench", mixinStandardHelpOptions = true,
            header = "Benchmarks the cluster engine against raw Pekko baselines measured in the same run.",
            description = "throughput: frames/s through h1-sw1-r1-sw2-h2 in one JVM and across two (a second JVM is started) "
                    + "against raw tells of the same message shape; latency: measured minus configured one-way delay on "
                    + "0.1/1/4 ms links, one JVM and across JVMs; failover: VRRPv3 takeover after a Master crash against "
                    + "RFC 5798's 360.9375 ms; memory: heap per idle host actor and start-up of 10,000 devices; overload: "
                    + "200,000-frame bursts across the JVMs, frames sent = received + drops traced by reason, against raw "
                    + "tells that Artery drops untraced.")
    static final class Bench implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--only", split = ",", paramLabel = "SECTION",
                description = "Sections to run: throughput, latency, failover, memory, overload. Default: all.")
        List<String> only;

        @Option(names = "--seconds", defaultValue = "3", paramLabel = "S",
                description = "Seconds of each measured round (3 rounds of firsthop alternating with 3 of the raw baseline). "
                        + "Default: ${DEFAULT-VALUE}.")
        double seconds;

        @Option(names = "--window", defaultValue = "64", paramLabel = "N",
                description = "Pings in flight in the throughput benchmarks. Default: ${DEFAULT-VALUE}.")
        int window;

        @Option(names = "--failovers", defaultValue = "5", paramLabel = "N", description = "Master crashes. Default: ${DEFAULT-VALUE}.")
        int failovers;

        @Option(names = "--devices", defaultValue = "10000", paramLabel = "N",
                description = "Devices in the start-up benchmark. Default: ${DEFAULT-VALUE}.")
        int devices;

        @Override
        public Integer call() throws Exception {
            Set<String> sections = only == null ? ClusterBench.Settings.ALL : new LinkedHashSet<>(only);
            ClusterBench.Settings settings = new ClusterBench.Settings(sections, seconds, window, failovers, devices);
            ClusterBench.run(settings, spec.commandLine().getOut());
            return CommandLine.ExitCode.OK;
        }
    }

    /** The built-in topology names, for --topology's help. */
    static final class TopologyNames extends ArrayList<String> {
        TopologyNames() {
            super(BuiltInTopologies.names());
            add("none");
        }
    }
}
