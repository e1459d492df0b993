package io.firsthop.scenario;

import io.firsthop.wire.Ipv4Address;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A timed failure or change, INET-style ({@code at: 10s}). Every name an event holds has been
 * resolved against the scenario: nodes, links (by canonical name), sites and groups (by
 * {@link FhrpGroup#name()}).
 */
public sealed interface Event {
    /** When it happens, from the start of the run. */
    Duration at();

    /** The file's keyword for this kind of event, e.g. "crash", "interface-down". */
    String keyword();

    /** A silent failure: the node stops at once, says nothing (a switch loses its MAC table). */
    record Crash(Duration at, String node) implements Event {
        public Crash {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(node, "node");
        }

        @Override
        public String keyword() {
            return "crash";
        }
    }

    /** A graceful stop: gateway groups resign first (VRRP priority 0, HSRP resign). */
    record Shutdown(Duration at, String node) implements Event {
        public Shutdown {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(node, "node");
        }

        @Override
        public String keyword() {
            return "shutdown";
        }
    }

    /** Power the node on again after a crash or shutdown, with its configured state. */
    record Restart(Duration at, String node) implements Event {
        public Restart {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(node, "node");
        }

        @Override
        public String keyword() {
            return "restart";
        }
    }

    /** Carrier loss on one interface (the cable stays; the far end sees its carrier drop too). */
    record InterfaceDown(Duration at, Endpoint iface) implements Event {
        public InterfaceDown {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(iface, "iface");
        }

        @Override
        public String keyword() {
            return "interface-down";
        }
    }

    record InterfaceUp(Duration at, Endpoint iface) implements Event {
        public InterfaceUp {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(iface, "iface");
        }

        @Override
        public String keyword() {
            return "interface-up";
        }
    }

    /** A cable cut: both ends lose carrier. */
    record LinkCut(Duration at, String link) implements Event {
        public LinkCut {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(link, "link");
        }

        @Override
        public String keyword() {
            return "link-cut";
        }
    }

    record LinkRestore(Duration at, String link) implements Event {
        public LinkRestore {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(link, "link");
        }

        @Override
        public String keyword() {
            return "link-restore";
        }
    }

    /**
     * New impairment on one link. {@code impairment} is complete: the fields the file left out
     * keep the link's value at that moment (after earlier impair events).
     */
    record ImpairLink(Duration at, String link, Impairment impairment) implements Event {
        public ImpairLink {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(link, "link");
            Objects.requireNonNull(impairment, "impairment");
        }

        @Override
        public String keyword() {
            return "impair";
        }
    }

    /**
     * New impairment between two sites: it applies to every link whose ends lie in these two
     * sites. {@code links} lists them, each with its complete new impairment.
     */
    record ImpairWan(Duration at, SitePair between, Impairment impairment, List<ImpairLink> links) implements Event {
        public ImpairWan {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(between, "between");
            Objects.requireNonNull(impairment, "impairment");
            links = List.copyOf(links);
        }

        @Override
        public String keyword() {
            return "impair";
        }
    }

    /** Cut every path between the sites of each pair (the links between them lose carrier), maelstrom-style. */
    record Partition(Duration at, List<SitePair> pairs) implements Event {
        public Partition {
            Objects.requireNonNull(at, "at");
            pairs = List.copyOf(pairs);
        }

        @Override
        public String keyword() {
            return "partition";
        }
    }

    /** Restore the paths a partition cut. */
    record Heal(Duration at, List<SitePair> pairs) implements Event {
        public Heal {
            Objects.requireNonNull(at, "at");
            pairs = List.copyOf(pairs);
        }

        @Override
        public String keyword() {
            return "heal";
        }
    }

    /** The site's JVM dies: every node of the site crashes at once. */
    record KillSite(Duration at, String site) implements Event {
        public KillSite {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(site, "site");
        }

        @Override
        public String keyword() {
            return "kill-site";
        }
    }

    /** A new configured priority for one member of a group (an operator's change). */
    record SetPriority(Duration at, String node, String iface, String group, int priority) implements Event {
        public SetPriority {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(node, "node");
            Objects.requireNonNull(iface, "iface");
            Objects.requireNonNull(group, "group");
        }

        @Override
        public String keyword() {
            return "set-priority";
        }
    }

    /** Force a tracking object of a node up or down (the health check it stands for changed). */
    record SetTrack(Duration at, String node, String object, boolean up) implements Event {
        public SetTrack {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(node, "node");
            Objects.requireNonNull(object, "object");
        }

        @Override
        public String keyword() {
            return up ? "track-up" : "track-down";
        }
    }

    /** Reconfigure a host's default gateway: the naive-redundancy baseline's manual fix (notes point 4). */
    record SetGateway(Duration at, String host, Ipv4Address gateway) implements Event {
        public SetGateway {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(host, "host");
            Objects.requireNonNull(gateway, "gateway");
        }

        @Override
        public String keyword() {
            return "set-gateway";
        }
    }
}
