package io.firsthop.scenario;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Collects problems (each reported once, even when a value shared through defaults or groups is
 * read for many nodes) and remembers where each field path was written.
 */
final class Ctx {
    final String file;
    private final List<Problem> problems = new ArrayList<>();
    private final Set<String> reported = new HashSet<>();
    private final Map<String, Yaml.Pos> positions = new HashMap<>();
    /** Prefixed to messages while a variant is parsed. */
    String note = "";

    Ctx(String file) {
        this.file = file;
    }

    void error(Yaml.Pos pos, String path, String message) {
        // dedupe on place and text, not path: a group's value read for r1 and r2 is one mistake
        if (reported.add(pos.line() + ":" + pos.col() + ":" + message)) {
            problems.add(new Problem(file, pos.line(), pos.col(), path, note + message));
        }
    }

    /** Reports at the position recorded for {@code path} (or its nearest recorded ancestor). */
    void error(String path, String message) {
        error(position(path), path, message);
    }

    void mark(String path, Yaml.Pos pos) {
        positions.putIfAbsent(path, pos);
    }

    Yaml.Pos position(String path) {
        String p = path;
        while (true) {
            Yaml.Pos pos = positions.get(p);
            if (pos != null) return pos;
            int cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
            if (cut <= 0) return positions.getOrDefault(p, Yaml.Pos.NONE);
            p = p.substring(0, cut);
        }
    }

    void clearPositions() {
        positions.clear();
    }

    List<Problem> problems() {
        return List.copyOf(problems);
    }

    int problemCount() {
        return problems.size();
    }
}
