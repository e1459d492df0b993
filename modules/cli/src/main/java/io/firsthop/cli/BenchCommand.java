package io.firsthop.cli;

import io.firsthop.sim.bench.EngineBench;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code firsthop bench}: how fast the virtual engine runs the notes' LAN, against its bare event loop. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        header = "Measures the virtual engine: events per second and speed-up over real time.",
        description = "Times the virtual engine on 2 gateways, 1 switch and 20 hosts, each host pinging a server behind "
                + "the gateways every 10 ms: engine events per second and speed-up over real time (virtual time / wall "
                + "time; also per CPU second of the JVM, which other processes on a shared machine do not disturb), as median, min and max over the measured rounds, after warm-up rounds. In the same run it times "
                + "the bare event loop (ping-pong devices) for as many events: the ratio is what the device cores cost.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                " 0:success",
                " 2:invalid input or usage",
                " 3:the run itself failed"})
final class BenchCommand implements Callable<Integer> {
    static final double TARGET_EVENTS_PER_SECOND = 1_000_000;
    static final double TARGET_SPEED_UP = 1_000;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--seconds", defaultValue = "300", paramLabel = "S",
            description = "Virtual seconds per round (may be fractional). Default: ${DEFAULT-VALUE}.")
    double seconds;

    @Option(names = "--rounds", defaultValue = "7", paramLabel = "R", description = "Measured rounds. Default: ${DEFAULT-VALUE}.")
    int rounds;

    @Option(names = "--warmup", defaultValue = "3", paramLabel = "W", description = "Warm-up rounds, not counted. Default: ${DEFAULT-VALUE}.")
    int warmup;

    @Option(names = "--hosts", defaultValue = "20", paramLabel = "H", description = "Hosts on the switch. Default: ${DEFAULT-VALUE}.")
    int hosts;

    @Override
    public Integer call() {
        if (!(seconds > 0 && seconds <= 3600)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--seconds must be within (0, 3600], was " + seconds);
        }
        EngineBench.Settings settings;
        try {
            settings = new EngineBench.Settings(hosts, 10_000_000L, Math.round(seconds * 1e9), warmup, rounds);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "firsthop bench: %d hosts on sw1 (odd ones via r1, even via r2), each pinging srv every 10 ms%n", hosts);
        out.printf(Locale.ROOT, "%s virtual s per round, %d warm-up + %d measured rounds; Java %s, %d processors%n",
                fmt(seconds), warmup, rounds, Runtime.version(), Runtime.getRuntime().availableProcessors());
        out.flush();
        EngineBench.Result r = EngineBench.run(settings, line -> {
            out.println("  " + line);
            out.flush();
        });
        EngineBench.Spread ev = r.lanEventsPerSecond();
        EngineBench.Spread sp = r.lanSpeedUp();
        EngineBench.Spread base = r.baselineEventsPerSecond();
        out.printf(Locale.ROOT, "LAN: %,.0f events per virtual second (%.1f per ping)%n", r.eventsPerSimulatedSecond(), r.eventsPerProbe());
        out.printf(Locale.ROOT, "LAN events/s:         median %.2f M (min %.2f M, max %.2f M)%n", ev.median() / 1e6, ev.min() / 1e6, ev.max() / 1e6);
        out.printf(Locale.ROOT, "LAN speed-up:         median %,.0fx real time (min %,.0fx, max %,.0fx)%n", sp.median(), sp.min(), sp.max());
        EngineBench.Spread cpu = r.lanCpuSpeedUp();
        out.printf(Locale.ROOT, "  per CPU second:     median %,.0fx (min %,.0fx, max %,.0fx): virtual time over the CPU time of all the"
                + " JVM's threads (GC and JIT included), which other processes do not inflate%n", cpu.median(), cpu.min(), cpu.max());
        out.printf(Locale.ROOT, "baseline events/s:    median %.2f M (min %.2f M, max %.2f M), bare loop on ping-pong devices%n",
                base.median() / 1e6, base.min() / 1e6, base.max() / 1e6);
        out.printf(Locale.ROOT, "device cores cost:    the bare loop runs %.1fx as many events per second%n", r.deviceCost());
        out.printf(Locale.ROOT, "targets: >= 1,000,000 events/s %s; >= 1,000x real time %s%n",
                ev.median() >= TARGET_EVENTS_PER_SECOND ? "met" : "NOT met", sp.median() >= TARGET_SPEED_UP ? "met" : "NOT met");
        out.flush();
        return CommandLine.ExitCode.OK;
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
    }
}
