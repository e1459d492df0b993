package io.firsthop.scenario;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A host's two uplinks bonded into its one interface, as a Linux bond in static LAG mode
 * ("balance-xor", or 802.3ad without LACP): the member ports links attach to, both carrying
 * the interface's MAC and address, and the transmit hash that picks a member per frame.
 *
 * @param members    the two member port names, distinct
 * @param hashPolicy Linux's {@code xmit_hash_policy}
 */
public record HostBond(List<String> members, HashPolicy hashPolicy) {
    /** The transmit hash policies firsthop's hosts implement (Linux's names). */
    public enum HashPolicy {
        /** Linux's default: the MACs and the EtherType; everything a host sends its gateway takes one member. */
        LAYER2("layer2"),
        /** Addresses and ports (the echo identifier for ICMP): different flows spread over the members. */
        LAYER3_4("layer3+4");

        private final String yamlName;

        HashPolicy(String yamlName) {
            this.yamlName = yamlName;
        }

        /** The spelling in scenario files (and in Linux's bonding options). */
        public String yamlName() {
            return yamlName;
        }

        /** The policy spelled {@code text}, or null. */
        public static HashPolicy fromYaml(String text) {
            for (HashPolicy p : values()) {
                if (p.yamlName.equals(text.toLowerCase(Locale.ROOT))) return p;
            }
            return null;
        }
    }

    public static final HashPolicy DEFAULT_HASH_POLICY = HashPolicy.LAYER2;
    /** The interface name of a bonded host that gives only {@code address:}. */
    public static final String DEFAULT_INTERFACE = "bond0";

    public HostBond {
        members = List.copyOf(members);
        Objects.requireNonNull(hashPolicy, "hashPolicy");
        if (members.size() != 2 || members.get(0).equals(members.get(1))) {
            throw new IllegalArgumentException("a bond has two distinct members, got " + members);
        }
    }
}
