package io.firsthop.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code firsthop demo}: the notes' first four points on the virtual engine, told as a timeline. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        header = "Runs the source notes' points 1-4 on the virtual engine and prints what happened.",
        description = "Builds a small network (hosts h1 and h2 on switch sw1, gateways r1 and r2, router wan and server srv "
                + "behind them) and plays the notes' points 1 to 4 on it: same-subnet hosts talking by ARP and L2 only, "
                + "a lone gateway's crash, each failure kind cutting the routed path, and two gateways without FHRP "
                + "(the host must be reconfigured). Prints a timeline (time, device, event) and, per ping flow, the "
                + "pings answered and lost and each outage's start, end and duration.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                " 0:success",
                " 2:invalid input or usage",
                " 3:the run itself failed"})
final class DemoCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "N",
            description = "Seed of the run's random choices (link jitter). Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--verbose", description = "Print every trace event (frames included), not only the notable ones.")
    boolean verbose;

    @Override
    public Integer call() {
        new Demo(spec.commandLine().getOut(), seed, verbose).run();
        return CommandLine.ExitCode.OK;
    }
}
