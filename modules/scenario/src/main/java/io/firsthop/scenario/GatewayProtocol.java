package io.firsthop.scenario;

import io.firsthop.wire.InterfaceAddress;
import io.firsthop.wire.Ipv4Address;
import io.firsthop.wire.MacAddress;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One member's configuration of a first-hop redundancy group on an interface. The defaults
 * the parser applies are the constants below; {@code docs/scenario-format.md} lists them too.
 */
public sealed interface GatewayProtocol {
    /** The protocol families; their spelling in files is the lower-case name. */
    enum Protocol {
        VRRP, HSRP, GLBP, ANYCAST;

        public String yamlName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The group's user-given name (identical on every member), or null. */
    String name();

    Protocol protocol();

    /** The group identifier: the VRID, the HSRP or GLBP group number, or an anycast gateway's virtual IP. */
    String id();

    /** The virtual addresses the group serves. */
    List<Ipv4Address> virtualAddresses();

    /** The tracking objects this group follows. */
    List<Track> track();

    /** "protocol:id", e.g. "vrrp:1": how files refer to a group. */
    default GroupKey key() {
        return new GroupKey(protocol(), id());
    }

    /**
     * VRRP (RFC 3768 for version 2, RFC 5798 for version 3).
     *
     * @param advertInterval        Advertisement_Interval: v3 a multiple of 10 ms within 10 ms..40.95 s,
     *                              v2 whole seconds 1..255 s (default 1 s)
     * @param preempt               Preempt_Mode (default true)
     * @param preemptDelay          how long a Backup that would preempt waits (default 0: RFC behaviour)
     * @param acceptMode            Accept_Mode, v3 only (default false)
     * @param rfc9568               v3 only: behave as RFC 9568 where it differs from RFC 5798 (default false)
     * @param checksumPseudoHeader  v3 only: the checksum covers the IPv4 pseudo-header (default true, as RFC 5798,
     *                              keepalived and FRR; false as RFC 9568)
     */
    record Vrrp(String name, int version, int vrid, int priority, List<Ipv4Address> virtualAddresses,
                Duration advertInterval, boolean preempt, Duration preemptDelay, boolean acceptMode,
                boolean rfc9568, boolean checksumPseudoHeader, List<Track> track) implements GatewayProtocol {
        public static final int DEFAULT_VERSION = 3;
        public static final int DEFAULT_PRIORITY = 100;
        public static final int OWNER_PRIORITY = 255;
        public static final Duration DEFAULT_ADVERT_INTERVAL = Duration.ofSeconds(1);
        public static final boolean DEFAULT_PREEMPT = true;

        public Vrrp {
            virtualAddresses = List.copyOf(virtualAddresses);
            track = List.copyOf(track);
            Objects.requireNonNull(advertInterval, "advertInterval");
            Objects.requireNonNull(preemptDelay, "preemptDelay");
            if (version != 2 && version != 3) throw new IllegalArgumentException("VRRP version must be 2 or 3");
            if (vrid < 1 || vrid > 255) throw new IllegalArgumentException("VRID must be 1..255");
            if (priority < 1 || priority > 255) throw new IllegalArgumentException("VRRP priority must be 1..255");
        }

        /** A VRRPv3 member with every default. */
        public static Vrrp v3(int vrid, int priority, Ipv4Address... virtualAddresses) {
            return new Vrrp(null, 3, vrid, priority, List.of(virtualAddresses), DEFAULT_ADVERT_INTERVAL, DEFAULT_PREEMPT,
                    Duration.ZERO, false, false, true, List.of());
        }

        @Override
        public Protocol protocol() {
            return Protocol.VRRP;
        }

        @Override
        public String id() {
            return Integer.toString(vrid);
        }

        /** RFC 5798 §7.3: 00-00-5E-00-01-{VRID}. */
        public MacAddress virtualMac() {
            return new MacAddress(0x0000_5E00_0100L | vrid);
        }
    }

    /**
     * HSRP (RFC 2281 for version 1; Cisco's version 2).
     *
     * @param group        v1 0..255, v2 0..4095
     * @param priority     0..255 (default 100)
     * @param hello        hello time (default 3 s); v1 whole seconds
     * @param hold         hold time (default 10 s), more than the hello time
     * @param preempt      default false (HSRP's, unlike VRRP's)
     * @param preemptDelay Cisco's "preempt delay minimum" (default 0)
     * @param auth         plain-text authentication string, up to 8 characters (default "cisco", RFC 2281 §5)
     */
    record Hsrp(String name, int version, int group, Ipv4Address virtualIp, int priority, Duration hello,
                Duration hold, boolean preempt, Duration preemptDelay, String auth, List<Track> track) implements GatewayProtocol {
        public static final int DEFAULT_VERSION = 1;
        public static final int DEFAULT_PRIORITY = 100;
        public static final Duration DEFAULT_HELLO = Duration.ofSeconds(3);
        public static final Duration DEFAULT_HOLD = Duration.ofSeconds(10);
        public static final boolean DEFAULT_PREEMPT = false;
        public static final String DEFAULT_AUTH = "cisco";

        public Hsrp {
            Objects.requireNonNull(virtualIp, "virtualIp");
            Objects.requireNonNull(hello, "hello");
            Objects.requireNonNull(hold, "hold");
            Objects.requireNonNull(preemptDelay, "preemptDelay");
            Objects.requireNonNull(auth, "auth");
            track = List.copyOf(track);
            if (version != 1 && version != 2) throw new IllegalArgumentException("HSRP version must be 1 or 2");
            if (group < 0 || group > (version == 1 ? 255 : 4095)) throw new IllegalArgumentException("HSRP group out of range");
            if (priority < 0 || priority > 255) throw new IllegalArgumentException("HSRP priority must be 0..255");
        }

        /** An HSRP member with every default. */
        public static Hsrp v1(int group, int priority, Ipv4Address virtualIp) {
            return new Hsrp(null, 1, group, virtualIp, priority, DEFAULT_HELLO, DEFAULT_HOLD, DEFAULT_PREEMPT,
                    Duration.ZERO, DEFAULT_AUTH, List.of());
        }

        @Override
        public Protocol protocol() {
            return Protocol.HSRP;
        }

        @Override
        public String id() {
            return Integer.toString(group);
        }

        @Override
        public List<Ipv4Address> virtualAddresses() {
            return List.of(virtualIp);
        }

        /** v1: 0000.0c07.acXX (RFC 2281 §5); v2: 0000.0c9f.fXXX. */
        public MacAddress virtualMac() {
            return version == 1 ? new MacAddress(0x0000_0C07_AC00L | group) : new MacAddress(0x0000_0C9F_F000L | group);
        }
    }

    /** How a GLBP AVG hands out forwarder MACs in its ARP replies. */
    enum GlbpLoadBalancing {
        ROUND_ROBIN, WEIGHTED, HOST_DEPENDENT;

        public String yamlName() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /**
     * GLBP (Cisco): an AVG elected by priority answers ARP with the MACs of up to four AVFs.
     *
     * @param group                 0..1023
     * @param priority              AVG priority 1..255 (default 100)
     * @param preempt               AVG preemption (default false)
     * @param preemptDelay          AVG preempt delay (default 0)
     * @param hello                 default 3 s
     * @param hold                  default 10 s, more than hello
     * @param redirect              how long the AVG still hands out a taken-over forwarder's MAC (default 600 s)
     * @param timeout               when a taken-over forwarder is dropped (default 14400 s), more than redirect
     * @param loadBalancing         default round-robin
     * @param weighting             maximum weighting 1..254 (default 100)
     * @param lowerThreshold        below it the AVF gives up forwarding (default 1)
     * @param upperThreshold        above it the AVF resumes (default: the maximum)
     * @param forwarderPreemptDelay AVF preemption delay (default 30 s); track decrements apply to the weighting
     */
    record Glbp(String name, int group, Ipv4Address virtualIp, int priority, boolean preempt, Duration preemptDelay,
                Duration hello, Duration hold, Duration redirect, Duration timeout, GlbpLoadBalancing loadBalancing,
                int weighting, int lowerThreshold, int upperThreshold, Duration forwarderPreemptDelay,
                List<Track> track) implements GatewayProtocol {
        public static final int DEFAULT_PRIORITY = 100;
        public static final boolean DEFAULT_PREEMPT = false;
        public static final Duration DEFAULT_HELLO = Duration.ofSeconds(3);
        public static final Duration DEFAULT_HOLD = Duration.ofSeconds(10);
        public static final Duration DEFAULT_REDIRECT = Duration.ofSeconds(600);
        public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(14400);
        public static final int DEFAULT_WEIGHTING = 100;
        public static final int DEFAULT_LOWER_THRESHOLD = 1;
        public static final Duration DEFAULT_FORWARDER_PREEMPT_DELAY = Duration.ofSeconds(30);

        public Glbp {
            Objects.requireNonNull(virtualIp, "virtualIp");
            Objects.requireNonNull(preemptDelay, "preemptDelay");
            Objects.requireNonNull(hello, "hello");
            Objects.requireNonNull(hold, "hold");
            Objects.requireNonNull(redirect, "redirect");
            Objects.requireNonNull(timeout, "timeout");
            Objects.requireNonNull(loadBalancing, "loadBalancing");
            Objects.requireNonNull(forwarderPreemptDelay, "forwarderPreemptDelay");
            track = List.copyOf(track);
            if (group < 0 || group > 1023) throw new IllegalArgumentException("GLBP group must be 0..1023");
            if (priority < 1 || priority > 255) throw new IllegalArgumentException("GLBP priority must be 1..255");
            if (!(1 <= lowerThreshold && lowerThreshold <= upperThreshold && upperThreshold <= weighting && weighting <= 254)) {
                throw new IllegalArgumentException("GLBP weighting needs 1 <= lower <= upper <= maximum <= 254");
            }
        }

        /** A GLBP member with every default. */
        public static Glbp of(int group, int priority, Ipv4Address virtualIp) {
            return new Glbp(null, group, virtualIp, priority, DEFAULT_PREEMPT, Duration.ZERO, DEFAULT_HELLO, DEFAULT_HOLD,
                    DEFAULT_REDIRECT, DEFAULT_TIMEOUT, GlbpLoadBalancing.ROUND_ROBIN, DEFAULT_WEIGHTING,
                    DEFAULT_LOWER_THRESHOLD, DEFAULT_WEIGHTING, DEFAULT_FORWARDER_PREEMPT_DELAY, List.of());
        }

        @Override
        public Protocol protocol() {
            return Protocol.GLBP;
        }

        @Override
        public String id() {
            return Integer.toString(group);
        }

        @Override
        public List<Ipv4Address> virtualAddresses() {
            return List.of(virtualIp);
        }

        /** Cisco's forwarder MAC 0007.b4XX.XXYY: 10 bits of group, 8 bits of forwarder number (1..4). */
        public MacAddress forwarderMac(int forwarder) {
            return new MacAddress(0x0007_B400_0000L | ((long) group << 8) | forwarder);
        }
    }

    /**
     * An anycast gateway: the same gateway address and MAC answered locally by every leaf that
     * has it, with no election (as NX-OS's "fabric forwarding mode anycast-gateway" or EVPN's
     * distributed gateway). Its {@link #id()} is the virtual IP. The gateway address carries its
     * prefix length, since on many fabrics it is the VLAN interface's only address.
     *
     * @param gateway    the virtual address and prefix, e.g. 10.0.10.1/24
     * @param virtualMac default 02:00 followed by the four bytes of the virtual IP (02:00:0a:00:0a:01 for 10.0.10.1)
     */
    record Anycast(String name, InterfaceAddress gateway, MacAddress virtualMac) implements GatewayProtocol {
        public Anycast {
            Objects.requireNonNull(gateway, "gateway");
            Objects.requireNonNull(virtualMac, "virtualMac");
        }

        public static Anycast of(InterfaceAddress gateway) {
            return new Anycast(null, gateway, defaultMac(gateway.address()));
        }

        /** The default anycast gateway MAC: locally administered, derived from the virtual IP. */
        public static MacAddress defaultMac(Ipv4Address virtualIp) {
            return new MacAddress(0x0200_0000_0000L | (virtualIp.value() & 0xFFFF_FFFFL));
        }

        public Ipv4Address virtualIp() {
            return gateway.address();
        }

        @Override
        public Protocol protocol() {
            return Protocol.ANYCAST;
        }

        @Override
        public String id() {
            return virtualIp().toString();
        }

        @Override
        public List<Ipv4Address> virtualAddresses() {
            return List.of(virtualIp());
        }

        @Override
        public List<Track> track() {
            return List.of();
        }
    }
}
