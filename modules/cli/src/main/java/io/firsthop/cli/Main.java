package io.firsthop.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** firsthop's command line: the one place that wires every module together. */
@Command(name = "firsthop", mixinStandardHelpOptions = true, version = "firsthop 0.1.0",
        description = "Emulates first-hop gateway redundancy (VRRP, HSRP, GLBP, anycast) and measures what failures cost.",
        subcommands = {CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    public static void main(String[] args) {
        System.exit(new CommandLine(new Main()).execute(args));
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }
}
