package io.firsthop.cli;

import io.firsthop.report.ReportComparison;
import io.firsthop.report.ReportFiles;
import io.firsthop.report.RunReport;
import io.firsthop.report.SummaryText;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code firsthop report DIR [--compare DIR2 ...]}: re-renders a run's reports, or compares runs side by side. */
@Command(name = "report", mixinStandardHelpOptions = true,
        header = "Re-renders a run's report, or compares runs side by side.",
        description = {"With one run directory: reads its report.json, rewrites summary.md, flows.csv and report.html "
                + "from it and prints the summary.",
                "With --compare: puts the runs side by side (per flow the loss, longest outage, RTT p50 and p99; per "
                + "failover the takeover time), each figure with its difference from the first run's, prints the "
                + "comparison and writes comparison.md and comparison.html. Compare designs (VRRP vs HSRP vs GLBP vs "
                + "anycast), timers, or the virtual and the cluster engine on one scenario (the emulation error)."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                " 0:success",
                " 2:invalid input or usage (no report.json in a directory)",
                " 3:a report could not be read or written"})
final class ReportCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR", description = "A run's output directory (holding report.json).")
    Path dir;

    @Option(names = "--compare", paramLabel = "DIR", arity = "1..*",
            description = "Other runs' directories to compare with DIR (DIR is the reference for differences).")
    List<Path> compare = new ArrayList<>();

    @Option(names = "--out", paramLabel = "DIR", description = "Where comparison.md and comparison.html go. Default: DIR.")
    Path out;

    @Option(names = "--no-html", description = "Do not write report.html (or comparison.html).")
    boolean noHtml;

    @Override
    public Integer call() throws IOException {
        List<Path> dirs = new ArrayList<>();
        dirs.add(dir);
        dirs.addAll(compare);
        for (Path d : dirs) {
            Path file = Files.isDirectory(d) ? d.resolve(ReportFiles.REPORT_JSON) : d;
            if (!Files.isRegularFile(file)) {
                throw new CommandLine.ParameterException(spec.commandLine(), "no " + ReportFiles.REPORT_JSON + " in " + d);
            }
        }
        PrintWriter stdout = spec.commandLine().getOut();
        try {
            if (compare.isEmpty()) {
                RunReport report = ReportFiles.read(dir);
                Path target = Files.isDirectory(dir) ? dir : dir.toAbsolutePath().getParent();
                ReportFiles.writeReports(target, report, !noHtml);
                stdout.print(SummaryText.terminal(report));
            } else {
                ReportComparison comparison = ReportComparison.load(dirs);
                Path target = out != null ? out : (Files.isDirectory(dir) ? dir : dir.toAbsolutePath().getParent());
                ReportFiles.writeAtomically(target.resolve(ReportFiles.COMPARISON_MD), comparison.markdown());
                if (!noHtml) ReportFiles.writeAtomically(target.resolve(ReportFiles.COMPARISON_HTML), comparison.html());
                stdout.print(comparison.terminal());
                stdout.println("Written: " + target.resolve(ReportFiles.COMPARISON_MD)
                        + (noHtml ? "" : ", " + target.resolve(ReportFiles.COMPARISON_HTML)));
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        stdout.flush();
        return 0;
    }
}
