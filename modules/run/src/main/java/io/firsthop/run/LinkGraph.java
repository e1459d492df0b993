package io.firsthop.run;

import io.firsthop.scenario.Node;
import io.firsthop.scenario.Scenario;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;

/** A scenario's nodes as vertices and its links as edges weighted by their one-way delay, for shortest paths. */
final class LinkGraph {
    private final List<String> names = new ArrayList<>();
    private final Map<String, Integer> index = new HashMap<>();
    private final boolean[] isSwitch;
    private final boolean[] isHost;
    private final List<List<long[]>> edges = new ArrayList<>();

    LinkGraph(Scenario s, Map<String, Long> delays) {
        for (Node n : s.nodes().values()) {
            index.put(n.name(), names.size());
            names.add(n.name());
            edges.add(new ArrayList<>());
        }
        isSwitch = new boolean[names.size()];
        isHost = new boolean[names.size()];
        for (Node n : s.nodes().values()) {
            isSwitch[index.get(n.name())] = n.kind().isSwitch();
            isHost[index.get(n.name())] = n.kind().isHost();
        }
        Set<String> seen = new HashSet<>();
        for (io.firsthop.scenario.Link l : s.links()) {
            Integer a = index.get(l.a().node());
            Integer b = index.get(l.b().node());
            if (a == null || b == null || !seen.add(l.name())) continue;
            long d = delays.getOrDefault(l.name(), l.impairment().delay().toNanos());
            edges.get(a).add(new long[] {b, d});
            edges.get(b).add(new long[] {a, d});
        }
    }

    int index(String name) {
        return index.get(name);
    }

    /** One-way shortest delays from {@code source}; {@code l2Only}: only switches may be passed through, else anything but hosts. */
    long[] distances(String source, boolean l2Only) {
        long[] dist = new long[names.size()];
        Arrays.fill(dist, Long.MAX_VALUE);
        int src = index.get(source);
        dist[src] = 0;
        PriorityQueue<long[]> queue = new PriorityQueue<>((x, y) -> Long.compare(x[1], y[1]));
        queue.add(new long[] {src, 0});
        while (!queue.isEmpty()) {
            long[] top = queue.poll();
            int v = (int) top[0];
            if (top[1] > dist[v]) continue;
            boolean passable = v == src || (l2Only ? isSwitch[v] : !isHost[v]);
            if (!passable) continue;
            for (long[] e : edges.get(v)) {
                int w = (int) e[0];
                long nd = dist[v] + e[1];
                if (nd < dist[w]) {
                    dist[w] = nd;
                    queue.add(new long[] {w, nd});
                }
            }
        }
        return dist;
    }
}
