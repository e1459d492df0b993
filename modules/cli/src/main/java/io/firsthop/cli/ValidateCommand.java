package io.firsthop.cli;

import io.firsthop.run.ExitCodes;
import io.firsthop.run.Validation;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code firsthop validate FILE...}: every problem of every file at once, compiler style. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        header = "Checks scenario files and reports every problem at once.",
        description = "Loads each scenario file and checks it as 'firsthop run' would before running it: YAML syntax, "
                + "types, units and ranges, unknown keys (with the nearest valid key), names that must exist, addresses, "
                + "L2 segments and duplicate gateway groups, the timeline and the checks, every variant, and what the "
                + "devices on hand cannot do yet. Each problem is one line on standard error, compiler style: "
                + "FILE:LINE:COL: PATH: MESSAGE. Files without problems are listed on standard output.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                " 0:every file is valid",
                " 2:a file has problems, or invalid usage",
                " 3:the check itself failed"})
final class ValidateCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "FILE", arity = "1..*", description = "Scenario files (YAML).")
    List<Path> files;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        int problems = 0;
        for (Path file : files) {
            Validation.Checked checked = Validation.check(file);
            if (checked.ok()) {
                int variants = checked.plans().size() - 1;
                out.println(file + ": ok" + (variants > 0 ? " (" + variants + " variant" + (variants == 1 ? "" : "s") + ")" : ""));
            } else {
                err.print(checked.format());
                problems += checked.problems().size();
            }
        }
        out.flush();
        err.flush();
        if (problems > 0) {
            err.println(problems + " problem" + (problems == 1 ? "" : "s") + " found");
            err.flush();
            return ExitCodes.INVALID;
        }
        return ExitCodes.OK;
    }
}
