package io.firsthop.scenario;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * A positioned YAML tree, made from SnakeYAML's compose API (which gives every node its start
 * mark) and owned by this module, so that defaults, groups and variants can be merged while
 * each value keeps the line and column it was written at. Merge keys ({@code <<: *anchor}) are
 * expanded; duplicate keys are reported.
 */
final class Yaml {
    static final int MAX_DEPTH = 40;

    private Yaml() {
    }

    /** 1-based line and column. */
    record Pos(int line, int col) {
        static final Pos NONE = new Pos(0, 0);

        static Pos of(Mark m) {
            return m == null ? NONE : new Pos(m.getLine() + 1, m.getColumn() + 1);
        }
    }

    sealed interface Y {
        Pos pos();
    }

    record Entry(String key, Pos keyPos, Y value) {
    }

    record YMap(Pos pos, Map<String, Entry> entries) implements Y {
        Entry get(String key) {
            return entries.get(key);
        }
    }

    record YSeq(Pos pos, List<Y> items) implements Y {
    }

    /** A scalar; {@code plain} is false for quoted and block scalars (so "10" quoted stays a string). */
    record YScalar(Pos pos, String text, boolean plain) implements Y {
    }

    /** An empty value, "~" or "null". */
    record YNull(Pos pos) implements Y {
    }

    /** How a value is named in messages: "a mapping", "a list", "'abc'", "nothing". */
    static String describe(Y y) {
        return switch (y) {
            case YMap m -> "a mapping";
            case YSeq s -> "a list";
            case YNull n -> "nothing";
            case YScalar s -> "'" + (s.text().length() > 40 ? s.text().substring(0, 40) + "..." : s.text()) + "'";
        };
    }

    /** Parses one YAML document; returns null (with a problem in {@code ctx}) when it is not YAML. */
    static Y parse(String text, Ctx ctx) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(true); // reported by toTree with both positions
        options.setMaxAliasesForCollections(50);
        options.setNestingDepthLimit(MAX_DEPTH);
        options.setAllowRecursiveKeys(false);
        org.yaml.snakeyaml.Yaml yaml = new org.yaml.snakeyaml.Yaml(options);
        org.yaml.snakeyaml.nodes.Node root;
        try {
            root = yaml.compose(new StringReader(text));
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            StringBuilder msg = new StringBuilder("YAML syntax error: ");
            if (e.getProblem() != null) msg.append(e.getProblem());
            if (e.getContext() != null) {
                msg.append(" (").append(e.getContext());
                if (e.getContextMark() != null && e.getContextMark() != mark) {
                    msg.append(" at line ").append(e.getContextMark().getLine() + 1);
                }
                msg.append(')');
            }
            ctx.error(Pos.of(mark), "", msg.toString());
            return null;
        } catch (YAMLException e) {
            ctx.error(Pos.NONE, "", "YAML error: " + e.getMessage());
            return null;
        }
        if (root == null) {
            ctx.error(new Pos(1, 1), "", "the file is empty; expected a mapping with at least 'duration' and 'nodes'");
            return null;
        }
        return toTree(root, "", 0, ctx);
    }

    private static Y toTree(org.yaml.snakeyaml.nodes.Node node, String path, int depth, Ctx ctx) {
        Pos pos = Pos.of(node.getStartMark());
        if (depth > MAX_DEPTH) {
            ctx.error(pos, path, "nested deeper than " + MAX_DEPTH + " levels (a recursive alias?)");
            return new YNull(pos);
        }
        switch (node) {
            case ScalarNode s -> {
                boolean plain = s.getScalarStyle() == DumperOptions.ScalarStyle.PLAIN;
                String v = s.getValue();
                if (plain && (v.isEmpty() || v.equals("~") || v.equals("null") || v.equals("Null") || v.equals("NULL"))) {
                    return new YNull(pos);
                }
                return new YScalar(pos, v, plain);
            }
            case SequenceNode seq -> {
                List<Y> items = new ArrayList<>();
                List<org.yaml.snakeyaml.nodes.Node> values = seq.getValue();
                for (int i = 0; i < values.size(); i++) {
                    items.add(toTree(values.get(i), path + "[" + i + "]", depth + 1, ctx));
                }
                return new YSeq(pos, List.copyOf(items));
            }
            case MappingNode map -> {
                Map<String, Entry> entries = new LinkedHashMap<>();
                List<YMap> merged = new ArrayList<>();
                for (NodeTuple t : map.getValue()) {
                    org.yaml.snakeyaml.nodes.Node k = t.getKeyNode();
                    Pos keyPos = Pos.of(k.getStartMark());
                    if (!(k instanceof ScalarNode ks)) {
                        ctx.error(keyPos, path, "a key must be a name, not " + (k instanceof MappingNode ? "a mapping" : "a list"));
                        continue;
                    }
                    String key = ks.getValue();
                    String childPath = path.isEmpty() ? key : path + "." + key;
                    if (key.equals("<<") && ks.getScalarStyle() == DumperOptions.ScalarStyle.PLAIN) {
                        Y m = toTree(t.getValueNode(), path, depth + 1, ctx);
                        if (m instanceof YMap ym) {
                            merged.add(ym);
                        } else if (m instanceof YSeq ys && ys.items().stream().allMatch(i -> i instanceof YMap)) {
                            for (Y i : ys.items()) merged.add((YMap) i);
                        } else {
                            ctx.error(keyPos, path, "a merge key '<<' needs a mapping (or a list of mappings), got " + describe(m));
                        }
                        continue;
                    }
                    Entry first = entries.get(key);
                    if (first != null) {
                        ctx.error(keyPos, childPath, "duplicate key '" + key + "' (first written at line " + first.keyPos().line()
                                + "); each name may appear once");
                        continue;
                    }
                    entries.put(key, new Entry(key, keyPos, toTree(t.getValueNode(), childPath, depth + 1, ctx)));
                }
                // YAML merge keys: explicit keys win, then the merged mappings in order
                for (YMap m : merged) {
                    for (Entry e : m.entries().values()) entries.putIfAbsent(e.key(), e);
                }
                return new YMap(pos, java.util.Collections.unmodifiableMap(entries));
            }
            default -> {
                ctx.error(pos, path, "unsupported YAML node " + node.getNodeId());
                return new YNull(pos);
            }
        }
    }

    /**
     * Deep-merges {@code over} onto {@code base}: mappings merge key by key (base order first,
     * then keys only {@code over} has); anything else in {@code over} replaces; a null in
     * {@code over} removes the key.
     */
    static Y merge(Y base, Y over) {
        if (base instanceof YMap b && over instanceof YMap o) {
            Map<String, Entry> out = new LinkedHashMap<>();
            for (Entry e : b.entries().values()) {
                Entry oe = o.get(e.key());
                if (oe == null) {
                    out.put(e.key(), e);
                } else if (!(oe.value() instanceof YNull)) {
                    out.put(e.key(), new Entry(e.key(), oe.keyPos(), merge(e.value(), oe.value())));
                }
            }
            for (Entry oe : o.entries().values()) {
                if (!b.entries().containsKey(oe.key()) && !(oe.value() instanceof YNull)) out.put(oe.key(), oe);
            }
            return new YMap(o.pos(), java.util.Collections.unmodifiableMap(out));
        }
        return over;
    }

    /** A copy of {@code map} without the given keys. */
    static YMap without(YMap map, java.util.Collection<String> keys) {
        Map<String, Entry> out = new LinkedHashMap<>(map.entries());
        out.keySet().removeAll(keys);
        return new YMap(map.pos(), java.util.Collections.unmodifiableMap(out));
    }
}
