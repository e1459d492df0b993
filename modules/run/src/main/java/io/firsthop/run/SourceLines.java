package io.firsthop.run;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Where a field path ("nodes.r1.interfaces.ge0.vrrp", "links[2].name") was written in a scenario
 * file, so problems found after loading (binding a scenario to devices) are reported at a line
 * and column like the loader's own. The scenario module keeps its positions private; this reads
 * the file's YAML node tree once more. A path that is not written as such in the file (a field a
 * node got from {@code groups:} or {@code defaults:}) is placed at its nearest written ancestor.
 */
public final class SourceLines {
    /** A 1-based position; line 0 when unknown. */
    public record Position(int line, int column) {
        public static final Position UNKNOWN = new Position(0, 0);
    }

    private static final SourceLines NONE = new SourceLines(null);

    private final Node root;

    private SourceLines(Node root) {
        this.root = root;
    }

    /** No positions: every path is unknown (a scenario built in Java). */
    public static SourceLines none() {
        return NONE;
    }

    /** Positions of a file; none if it cannot be read or parsed (the loader reports that). */
    public static SourceLines of(Path file) {
        try {
            return ofText(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            return NONE;
        }
    }

    public static SourceLines ofText(String text) {
        try {
            LoaderOptions options = new LoaderOptions();
            options.setAllowDuplicateKeys(true);
            return new SourceLines(new Yaml(options).compose(new StringReader(text)));
        } catch (RuntimeException e) {
            return NONE;
        }
    }

    /** Where {@code path} (or its nearest written ancestor) starts. */
    public Position position(String path) {
        if (root == null) return Position.UNKNOWN;
        Node node = root;
        Node found = null;
        for (Object step : steps(path)) {
            Node next = step instanceof Integer i ? element(node, i) : value(node, (String) step);
            if (next == null) break;
            node = next;
            found = next;
        }
        if (found == null) return Position.UNKNOWN;
        return new Position(found.getStartMark().getLine() + 1, found.getStartMark().getColumn() + 1);
    }

    private static Node value(Node node, String key) {
        if (!(node instanceof MappingNode m)) return null;
        for (NodeTuple t : m.getValue()) {
            if (t.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key)) return t.getValueNode();
        }
        return null;
    }

    private static Node element(Node node, int index) {
        if (node instanceof SequenceNode s && index >= 0 && index < s.getValue().size()) return s.getValue().get(index);
        // a single mapping where a list is allowed ("vrrp: {...}" read as "vrrp[0]")
        return index == 0 && node instanceof MappingNode ? node : null;
    }

    /** "a.b[2].c" as "a", "b", 2, "c". */
    static List<Object> steps(String path) {
        List<Object> steps = new ArrayList<>();
        int i = 0;
        int n = path.length();
        StringBuilder name = new StringBuilder();
        while (i < n) {
            char c = path.charAt(i);
            if (c == '.') {
                if (!name.isEmpty()) steps.add(name.toString());
                name.setLength(0);
                i++;
            } else if (c == '[') {
                if (!name.isEmpty()) steps.add(name.toString());
                name.setLength(0);
                int close = path.indexOf(']', i);
                if (close < 0) break;
                try {
                    steps.add(Integer.parseInt(path.substring(i + 1, close)));
                } catch (NumberFormatException e) {
                    steps.add(path.substring(i + 1, close));
                }
                i = close + 1;
            } else {
                name.append(c);
                i++;
            }
        }
        if (!name.isEmpty()) steps.add(name.toString());
        return steps;
    }
}
