package io.firsthop.cli;

import io.firsthop.report.ReportFiles;
import io.firsthop.report.SummaryText;
import io.firsthop.run.Engine;
import io.firsthop.run.Engines;
import io.firsthop.run.ExitCodes;
import io.firsthop.run.NetworkPlan;
import io.firsthop.run.RunSession;
import io.firsthop.run.Validation;
import io.firsthop.scenario.Units;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code firsthop run FILE}: replays a scenario on an engine, writes its run directory as it goes, checks its expectations. */
@Command(name = "run", mixinStandardHelpOptions = true,
        header = "Replays a scenario, writes its report as it goes and checks its expectations.",
        description = {"Validates FILE (as 'firsthop validate'), then plays it on the chosen engine: the devices power on at 0, "
                + "the events happen at their times, the flows' probes measure what a user would see. The run directory "
                + "(--out; default runs/<scenario>-<yyyyMMdd-HHmmss>) is written as the run goes: events.jsonl streamed, "
                + "report.json, summary.md, flows.csv and report.html rewritten at checkpoints and at the end, "
                + "captures/<link>.pcap with --capture. The summary is printed at the end.",
                "",
                "A progress bar is drawn on a terminal; elsewhere a line is printed every tenth of the run. Ctrl-C stops "
                        + "the run cleanly: the report files keep everything measured until then and say it was interrupted.",
                "",
                "--engine cluster starts one JVM per site of the scenario on this machine (this process joins their Pekko "
                        + "cluster and coordinates), plays the timeline in wall-clock time and stops every JVM it started at "
                        + "the end; a kill-site SIGKILLs that site's JVM and the others go on. Each site's log, status and "
                        + "trace are in DIR/sites/ (FIRSTHOP_SITE_JAVA_OPTS adds JVM options to the site JVMs)."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "  0:every expectation holds",
                "  1:an expectation failed",
                "  2:invalid input or usage (scenario problems, unknown option or engine, unknown variant)",
                "  3:the run itself failed (engine or device error, run directory not writable)",
                "130:interrupted (Ctrl-C); the report files say so"})
final class RunCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "The scenario file (YAML).")
    Path file;

    @Option(names = "--engine", defaultValue = "virtual", paramLabel = "ENGINE",
            description = "virtual (a deterministic discrete-event run, faster than real time) or cluster (a local Pekko "
                    + "cluster, one JVM per site, in wall-clock time: the run lasts its duration plus a few seconds to start "
                    + "the site JVMs; their logs and traces go to DIR/sites/). Default: ${DEFAULT-VALUE}.")
    String engine;

    @Option(names = "--sites-in-one-jvm",
            description = "With --engine cluster: run every site as an ActorSystem inside this JVM instead of one JVM per site "
                    + "(less memory and start-up; a kill-site then crashes the site's devices instead of killing a JVM).")
    boolean sitesInOneJvm;

    @Option(names = "--out", paramLabel = "DIR", description = "The run directory. Default: runs/<scenario>-<yyyyMMdd-HHmmss>.")
    Path out;

    @Option(names = "--seed", paramLabel = "N", description = "The run's seed (loss, jitter). Default: the scenario's 'seed'.")
    Long seed;

    @Option(names = "--capture", description = "Write one pcap per link in DIR/captures/ (Wireshark and tshark read them), "
            + "every frame at the instant its sender put it on the link.")
    boolean capture;

    @Option(names = "--frames", description = "Also write every frame sent and received to events.jsonl (large).")
    boolean frames;

    @Option(names = "--stop-after", paramLabel = "DURATION",
            description = "End the run early at this run time, e.g. 5s (a quick look): the report covers 0..DURATION and "
                    + "expectations about later instants are n/a and fail.")
    String stopAfter;

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    VariantChoice variants;

    static final class VariantChoice {
        @Option(names = "--variant", paramLabel = "NAME", required = true, description = "Run this variant of the scenario instead.")
        String name;

        @Option(names = "--all-variants", required = true,
                description = "Run the scenario and each of its variants, one after the other, into DIR/<variant> (DIR/base for the scenario).")
        boolean all;
    }

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Validation.Checked checked = Validation.check(file);
        if (!checked.ok()) {
            err.print(checked.format());
            err.println(checked.problems().size() + " problem" + (checked.problems().size() == 1 ? "" : "s") + " found; nothing was run");
            err.flush();
            return ExitCodes.INVALID;
        }
        Engine chosen = Engines.byName(engine);
        if (chosen instanceof ClusterEngine cluster) {
            chosen = cluster.forScenarioFile(file).withSitesInOneJvm(sitesInOneJvm).withSiteJvmOptions(siteJvmOptions());
        } else if (sitesInOneJvm) {
            throw new IllegalArgumentException("--sites-in-one-jvm goes with --engine cluster");
        }
        long stopAfterNanos = 0;
        if (stopAfter != null) {
            stopAfterNanos = Units.parseDuration(stopAfter).toNanos();
            if (stopAfterNanos <= 0) throw new IllegalArgumentException("--stop-after must be more than 0s, got " + stopAfter);
        }
        Map<String, NetworkPlan> plans = new LinkedHashMap<>();
        if (variants != null && variants.name != null) {
            NetworkPlan p = checked.plans().get(variants.name);
            if (p == null || variants.name.isEmpty()) {
                List<String> names = new ArrayList<>(checked.plans().keySet());
                names.remove("");
                throw new IllegalArgumentException("no variant '" + variants.name + "' in " + file
                        + (names.isEmpty() ? " (it has none)" : "; variants: " + String.join(", ", names)));
            }
            plans.put(variants.name, p);
        } else if (variants != null && variants.all) {
            plans.putAll(checked.plans());
        } else {
            plans.put("", checked.plans().get(""));
        }
        Path base = out != null ? out : Path.of("runs", checked.scenario().name()
                + (variants != null && variants.name != null ? "-" + variants.name : "") + "-"
                + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        boolean all = variants != null && variants.all;
        int exit = ExitCodes.OK;
        for (Map.Entry<String, NetworkPlan> e : plans.entrySet()) {
            NetworkPlan plan = e.getValue();
            Path dir = all ? base.resolve(e.getKey().isEmpty() ? "base" : e.getKey()) : base;
            long runSeed = seed != null ? seed : plan.scenario().seed();
            String label = plan.scenario().name() + (e.getKey().isEmpty() ? "" : "/" + e.getKey());
            ProgressPrinter progress = new ProgressPrinter(err, ProgressPrinter.onTerminal(), label);
            RunSession session = new RunSession(plan, chosen, new RunSession.Options(dir, runSeed, capture, frames, stopAfterNanos,
                    RunSession.Options.defaults(dir, runSeed).checkpointNanos()), progress);
            RunSession.Result result = runWithCtrlC(session);
            progress.done();
            if (result.report() != null) stdout.print(SummaryText.terminal(result.report()));
            stdout.println("run directory: " + dir + (result.report() != null ? " (" + ReportFiles.REPORT_JSON + ", " + ReportFiles.SUMMARY
                    + ", " + ReportFiles.HTML + ", ...)" : ""));
            stdout.flush();
            if (result.failure() != null) {
                err.println("firsthop run: " + result.failure());
                err.flush();
            }
            exit = worse(exit, result.exitCode());
            if (result.interrupted()) break;
        }
        return exit;
    }

    /** Extra JVM options for the cluster engine's site JVMs: $FIRSTHOP_SITE_JAVA_OPTS, split on white space. */
    private static List<String> siteJvmOptions() {
        String opts = System.getenv("FIRSTHOP_SITE_JAVA_OPTS");
        if (opts == null || opts.isBlank()) return List.of();
        return List.of(opts.trim().split("\\s+"));
    }

    /** Runs the session with a JVM shutdown hook that interrupts it and waits until its files are written. */
    private static RunSession.Result runWithCtrlC(RunSession session) {
        CountDownLatch written = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            session.interrupt();
            try {
                // the JVM exits when hooks return: give the run time to write what it measured
                written.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "firsthop-ctrl-c");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            return session.run();
        } finally {
            written.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // Ctrl-C arrived: the hook is running and now returns
            }
        }
    }

    /** The exit code that says more: interrupted, then failed, then an expectation failed. */
    static int worse(int a, int b) {
        int[] order = {ExitCodes.INTERRUPTED, ExitCodes.RUN_FAILED, ExitCodes.INVALID, ExitCodes.EXPECTATION_FAILED, ExitCodes.OK};
        for (int code : order) {
            if (a == code || b == code) return code;
        }
        return Math.max(a, b);
    }
}
