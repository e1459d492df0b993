package io.firsthop.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** firsthop's command line: the one place that wires every module together. */
@Command(name = "firsthop", mixinStandardHelpOptions = true, version = "firsthop 0.1.0",
        description = "Emulates first-hop gateway redundancy (VRRP, HSRP, GLBP, anycast) and measures what failures cost.",
        subcommands = {
                DemoCommand.class,
                BenchCommand.class,
                ValidateCommand.class,
                RunCommand.class,
                ReportCommand.class,
                ClusterCommand.class,
                CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "  0:success (run: every expectation holds)",
                "  1:run: an expectation failed",
                "  2:invalid input or usage (unknown command or option, bad value, scenario problems)",
                "  3:the run itself failed",
                "130:run: interrupted (Ctrl-C), what was measured is written"})
public final class Main implements Runnable {
    /** The run failed (an error inside the engine or a device, or I/O): not the user's input. */
    public static final int EXIT_RUN_FAILED = 3;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        int code;
        try {
            code = commandLine().execute(args);
        } catch (Error e) {
            // picocli hands only exceptions to the handler; an Error (out of memory, a class missing
            // from a broken build) still ends the run with a one-line reason and exit code 3
            System.err.println("firsthop: the run failed: " + e);
            code = EXIT_RUN_FAILED;
        }
        System.exit(code);
    }

    /** The configured command line: usage errors exit with 2, failures of a run with 3, without stack traces. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            PrintWriter err = commandLine.getErr();
            if (e instanceof IllegalArgumentException) {
                // a value picocli accepted but the command rejected: still the user's input
                err.println("firsthop " + commandLine.getCommandName() + ": " + e.getMessage());
                err.flush();
                return CommandLine.ExitCode.USAGE;
            }
            err.println("firsthop " + commandLine.getCommandName() + ": the run failed: " + describe(e));
            err.flush();
            return EXIT_RUN_FAILED;
        });
        return cl;
    }

    /** The exception's message and those of its causes, which name the device and the instant. */
    private static String describe(Throwable e) {
        StringBuilder sb = new StringBuilder(String.valueOf(e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName()));
        for (Throwable c = e.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
            sb.append(": ").append(c.getMessage() != null ? c.getMessage() : c.getClass().getSimpleName());
        }
        return sb.toString();
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
