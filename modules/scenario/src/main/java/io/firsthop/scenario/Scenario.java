package io.firsthop.scenario;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A whole scenario: topology, traffic, timeline and checks, with every default applied and
 * every name resolved. Engines consume this; it holds no YAML types, and tests may build one
 * directly (then check it with {@link ScenarioValidator#validate(Scenario)}).
 *
 * <p>Maps keep the order of the file.
 *
 * @param name         the scenario's name (default: the file name without ".yaml")
 * @param description  free text, "" if none
 * @param seed         the run's random seed (default 1), Shadow-style
 * @param duration     how long the run lasts, from 0
 * @param sites        the sites by name; a scenario that declares none has one, {@value Site#IMPLICIT}
 * @param wan          the WAN matrix entries
 * @param nodes        the nodes by name
 * @param links        the links, in file order
 * @param traffic      the flows
 * @param events       the timeline in file order; engines schedule each at its {@code at} (equal times in this order)
 * @param expectations the checks, in file order
 * @param variant      the name of the variant this scenario is, or null for the base scenario
 * @param variants     the base scenario's variants by name (each with no variants of its own)
 */
public record Scenario(String name, String description, long seed, Duration duration, Map<String, Site> sites,
                       List<WanLink> wan, Map<String, Node> nodes, List<Link> links, List<Flow> traffic,
                       List<Event> events, List<Expectation> expectations, String variant, Map<String, Scenario> variants) {
    public static final long DEFAULT_SEED = 1;

    public Scenario {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(duration, "duration");
        sites = ordered(sites);
        wan = List.copyOf(wan);
        nodes = ordered(nodes);
        links = List.copyOf(links);
        traffic = List.copyOf(traffic);
        events = List.copyOf(events);
        expectations = List.copyOf(expectations);
        variants = ordered(variants);
        if (duration.isNegative() || duration.isZero()) throw new IllegalArgumentException("duration must be positive");
    }

    /** A scenario without variants, for tests that build one in Java. */
    public static Scenario of(String name, Duration duration, Map<String, Site> sites, List<WanLink> wan,
                              Map<String, Node> nodes, List<Link> links, List<Flow> traffic, List<Event> events,
                              List<Expectation> expectations) {
        return new Scenario(name, "", DEFAULT_SEED, duration, sites, wan, nodes, links, traffic, events, expectations,
                null, Map.of());
    }

    /** This scenario with its variants set (the loader attaches them once they are parsed). */
    public Scenario withVariants(Map<String, Scenario> newVariants) {
        return new Scenario(name, description, seed, duration, sites, wan, nodes, links, traffic, events, expectations,
                variant, newVariants);
    }

    /** The variant named {@code name}, or null. */
    public Scenario variant(String name) {
        return variants.get(name);
    }

    private static <V> Map<String, V> ordered(Map<String, V> m) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(m));
    }

    /** The node named {@code name}, or null. */
    public Node node(String name) {
        return nodes.get(name);
    }

    /** The link named {@code name}, or null. */
    public Link link(String name) {
        for (Link l : links) {
            if (l.name().equals(name)) return l;
        }
        return null;
    }

    /** The link attached to this endpoint, or null. */
    public Link linkAt(Endpoint e) {
        for (Link l : links) {
            if (l.touches(e)) return l;
        }
        return null;
    }

    /** The flow named {@code name}, or null. */
    public Flow flow(String name) {
        for (Flow f : traffic) {
            if (f.name().equals(name)) return f;
        }
        return null;
    }

    /** The WAN entry between two sites (either order), or null. */
    public WanLink wanBetween(String siteA, String siteB) {
        for (WanLink w : wan) {
            if (w.between().matches(siteA, siteB)) return w;
        }
        return null;
    }

    /** The site of a node, or null for an unknown node. */
    public String siteOf(String node) {
        Node n = nodes.get(node);
        return n == null ? null : n.site();
    }

    /** Whether the link's two ends lie in different sites. */
    public boolean crossesSites(Link link) {
        String a = siteOf(link.a().node());
        String b = siteOf(link.b().node());
        return a != null && b != null && !a.equals(b);
    }
}
