package io.firsthop.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The files of a run directory, their names, and atomic (re)writing: each file is written to a
 * temporary file beside it and renamed over the old one, so a reader (or a killed run) never
 * sees half a report.
 */
public final class ReportFiles {
    public static final String EVENTS = "events.jsonl";
    public static final String REPORT_JSON = "report.json";
    public static final String SUMMARY = "summary.md";
    public static final String FLOWS_CSV = "flows.csv";
    public static final String HTML = "report.html";
    public static final String COMPARISON_MD = "comparison.md";
    public static final String COMPARISON_HTML = "comparison.html";

    private ReportFiles() {
    }

    /** Writes report.json, summary.md, flows.csv and (if asked) report.html into {@code dir}. */
    public static void writeReports(Path dir, RunReport report, boolean html) {
        writeAtomically(dir.resolve(REPORT_JSON), ReportJson.write(report));
        writeAtomically(dir.resolve(SUMMARY), SummaryText.markdown(report));
        writeAtomically(dir.resolve(FLOWS_CSV), FlowsCsv.render(report));
        if (html) writeAtomically(dir.resolve(HTML), HtmlReport.render(report));
    }

    /** Reads a run's report.json; {@code path} is the run directory or the file itself. */
    public static RunReport read(Path path) throws IOException {
        Path file = Files.isDirectory(path) ? path.resolve(REPORT_JSON) : path;
        if (!Files.isRegularFile(file)) throw new IOException("no " + REPORT_JSON + " in " + path);
        try {
            return ReportJson.read(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    /** Writes {@code text} to {@code file} through a temporary file and a rename. */
    public static void writeAtomically(Path file, String text) {
        Path dir = file.toAbsolutePath().getParent();
        Path tmp = dir.resolve("." + file.getFileName() + ".tmp");
        try {
            Files.createDirectories(dir);
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("writing " + file, e);
        }
    }
}
