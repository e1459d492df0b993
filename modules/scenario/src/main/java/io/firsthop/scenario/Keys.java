package io.firsthop.scenario;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/** Every key the parser accepts, per section: the single source for unknown-key errors and for the schema test. */
final class Keys {
    private Keys() {
    }

    static final List<String> TOP = List.of("name", "description", "seed", "duration", "sites", "wan", "defaults",
            "groups", "nodes", "links", "traffic", "events", "expect", "variants");
    static final List<String> SITE = List.of("description");
    static final List<String> IMPAIRMENT = List.of("delay", "jitter", "loss", "rate", "queue");
    static final List<String> WAN = concat(List.of("between"), IMPAIRMENT);
    static final List<String> DEFAULTS = List.of("site", "link", "vrrp", "hsrp", "glbp", "track", "traffic");
    static final List<String> DEFAULT_TRACK = List.of("decrement");
    static final List<String> DEFAULT_TRAFFIC = List.of("interval", "rate", "timeout");

    static final List<String> HOST = List.of("kind", "site", "address", "mac", "interfaces", "gateway", "bond");
    static final List<String> HOST_INTERFACE = List.of("address", "mac");
    static final List<String> BOND = List.of("members", "xmit-hash-policy");
    static final List<String> GATEWAYS = List.of("vrrp", "hsrp", "glbp", "anycast");
    static final List<String> ROUTER = List.of("kind", "site", "interfaces", "routes", "tracking");
    static final List<String> ROUTED_INTERFACE = concat(List.of("address", "addresses", "mac"), GATEWAYS);
    static final List<String> SWITCH = List.of("kind", "site", "ports", "aging", "mlag", "vlan-interfaces", "routes", "tracking");
    static final List<String> SWITCH_PORT = List.of("vlan", "trunk", "native", "mlag");
    static final List<String> MLAG = List.of("domain", "peer-link", "peer-gateway");
    static final List<String> VLAN_INTERFACE = concat(List.of("vlan", "address", "addresses", "mac"), GATEWAYS);
    static final List<String> NODE_ANY = union(HOST, ROUTER, SWITCH);
    static final List<String> GROUP = concat(List.of("members"), NODE_ANY);
    static final List<String> ROUTE = List.of("to", "via");
    static final List<String> TRACK_OBJECT = List.of("interface", "reachable", "interval", "timeout");
    static final List<String> TRACK_REF = List.of("object", "decrement", "force-down");

    static final List<String> VRRP = List.of("name", "version", "vrid", "priority", "virtual-ip", "advert-interval",
            "preempt", "preempt-delay", "accept-mode", "rfc9568", "checksum", "track");
    static final List<String> HSRP = List.of("name", "version", "group", "virtual-ip", "priority", "hello", "hold",
            "preempt", "preempt-delay", "auth", "track");
    static final List<String> GLBP = List.of("name", "group", "virtual-ip", "priority", "preempt", "preempt-delay",
            "hello", "hold", "redirect", "timeout", "load-balancing", "weighting", "forwarder-preempt-delay", "track");
    static final List<String> GLBP_WEIGHTING = List.of("maximum", "lower", "upper");
    static final List<String> ANYCAST = List.of("name", "virtual-ip", "virtual-mac");
    /** Keys that identify one group, so a default for them makes no sense. */
    static final List<String> GROUP_IDENTITY = List.of("name", "vrid", "group", "virtual-ip");

    static final List<String> LINK = concat(List.of("name", "endpoints"), IMPAIRMENT);
    static final List<String> FLOW = List.of("name", "from", "to", "interval", "rate", "start", "stop", "timeout");

    static final List<String> EVENT_ACTIONS = List.of("crash", "shutdown", "restart", "interface-down", "interface-up",
            "link-cut", "link-restore", "impair", "partition", "heal", "kill-site", "set-priority", "track-down",
            "track-up", "set-gateway");
    static final List<String> EVENT = concat(List.of("at"), EVENT_ACTIONS);
    static final List<String> IMPAIR_EVENT = concat(List.of("link", "between"), IMPAIRMENT);
    static final List<String> SET_PRIORITY = List.of("node", "group", "priority");
    static final List<String> SET_GATEWAY = List.of("host", "gateway");

    static final List<String> EXPECT_CHECKS = List.of("max-outage", "max-loss", "master", "active", "gateway",
            "gateway-mac", "gateway-site", "max-tromboning", "max-dual-master");
    static final List<String> EXPECT = concat(List.of("flow", "group", "at"), EXPECT_CHECKS);

    static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return List.copyOf(out);
    }

    @SafeVarargs
    static List<String> union(List<String>... lists) {
        LinkedHashSet<String> out = new LinkedHashSet<>();
        for (List<String> l : lists) out.addAll(l);
        return List.copyOf(out);
    }
}
