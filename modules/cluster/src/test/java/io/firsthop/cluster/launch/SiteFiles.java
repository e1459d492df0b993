package io.firsthop.cluster.launch;

import io.firsthop.cluster.TraceLines;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** What the multi-JVM tests read from a site's state directory: its trace file as it grows, and its log when a test fails. */
final class SiteFiles {
    private SiteFiles() {
    }

    /** Prints the last 40 lines of each site's log in {@code stateDir}, to diagnose a failure. */
    static void dumpLogs(Path stateDir, List<String> sites) {
        for (String site : sites) {
            try {
                Path log = stateDir.resolve(site + ".log");
                if (Files.exists(log)) {
                    List<String> l = Files.readAllLines(log);
                    System.out.println("---- " + site + ".log (last 40 lines)");
                    l.subList(Math.max(0, l.size() - 40), l.size()).forEach(System.out::println);
                }
            } catch (IOException e) {
                System.out.println("cannot read " + site + ".log: " + e);
            }
        }
    }

    /** Reads the complete lines appended to a trace file since the last poll. */
    static final class TraceTail {
        private final Path file;
        private long offset;

        TraceTail(Path file) {
            this.file = file;
        }

        List<TraceLines.Line> poll() {
            List<TraceLines.Line> out = new ArrayList<>();
            if (!Files.exists(file)) return out;
            try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
                long length = f.length();
                if (length <= offset) return out;
                byte[] bytes = new byte[(int) (length - offset)];
                f.seek(offset);
                f.readFully(bytes);
                int lastNewline = -1;
                for (int i = bytes.length - 1; i >= 0; i--) {
                    if (bytes[i] == '\n') {
                        lastNewline = i;
                        break;
                    }
                }
                if (lastNewline < 0) return out;
                offset += lastNewline + 1;
                for (String line : new String(bytes, 0, lastNewline, StandardCharsets.UTF_8).split("\n")) {
                    if (!line.isEmpty()) out.add(TraceLines.parse(line));
                }
            } catch (IOException e) {
                // read again at the next poll
            }
            return out;
        }
    }
}
