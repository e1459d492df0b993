package io.firsthop.cluster.topology;

import io.firsthop.core.Device;
import io.firsthop.core.host.Host;
import io.firsthop.core.host.HostConfig;
import io.firsthop.core.host.ProbeFlow;
import io.firsthop.core.l2.EthernetSwitch;
import io.firsthop.core.l2.SwitchConfig;
import io.firsthop.core.l2.SwitchPort;
import io.firsthop.core.l3.Router;
import io.firsthop.core.l3.RouterConfig;
import io.firsthop.core.l3.RouterInterface;
import io.firsthop.core.link.LinkConfig;
import io.firsthop.core.vrrp.VrrpConfig;
import io.firsthop.core.vrrp.VrrpGroup;
import io.firsthop.wire.InterfaceAddress;
import io.firsthop.wire.Ipv4Address;
import io.firsthop.wire.MacAddress;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Topologies selectable by name ({@code --topology NAME}) until scenario files exist:
 * <ul>
 *   <li>{@code two-site-vrrp}: a VRRPv3 group whose Master ({@code r1}) is in seoul and whose
 *       Backup ({@code r2}) is in daegu; each site has a LAN switch with hosts probing an
 *       outside server, the LAN stretched between the sites over the WAN (see
 *       {@link #twoSiteVrrp}).</li>
 *   <li>{@code chain}: one site, {@code h1 - sw1 - r1 - sw2 - h2}, h1 probing h2.</li>
 *   <li>{@code chain-two-site}: the same chain with {@code sw2} and {@code h2} in daegu, the
 *       router-to-switch link crossing the WAN.</li>
 * </ul>
 */
public final class BuiltInTopologies {
    private static final long MS = 1_000_000L;
    private static final long US = 1_000L;

    private BuiltInTopologies() {
    }

    /** The names {@link #byName} knows. */
    public static List<String> names() {
        return List.of("two-site-vrrp", "chain", "chain-two-site");
    }

    /** The built-in topology called {@code name}. */
    public static ClusterTopology byName(String name) {
        return switch (name) {
            case "two-site-vrrp" -> twoSiteVrrp(TwoSiteVrrp.DEFAULT);
            case "chain" -> chain("chain", "seoul", "seoul", LinkConfig.ofLatency(50 * US), null);
            case "chain-two-site" -> chain("chain-two-site", "seoul", "daegu", LinkConfig.ofLatency(50 * US),
                    LinkConfig.ofLatency(2 * MS));
            default -> throw new IllegalArgumentException("no built-in topology '" + name + "' (known: " + names() + ")");
        };
    }

    /**
     * The parameters of {@link #twoSiteVrrp}.
     *
     * @param hostsPerSite        probing hosts on each site's LAN switch
     * @param advertCentiseconds  VRRPv3 Advertisement_Interval
     * @param probeIntervalNanos  each host's probe interval
     * @param probeTimeoutNanos   after which an unanswered probe is lost
     * @param probeStartNanos     run time of the first probe (after the group has converged)
     * @param wanLatencyNanos     one-way delay of the seoul-daegu WAN
     * @param accessLatencyNanos  one-way delay of every link within a site
     */
    public record TwoSiteVrrp(int hostsPerSite, int advertCentiseconds, long probeIntervalNanos, long probeTimeoutNanos,
                              long probeStartNanos, long wanLatencyNanos, long accessLatencyNanos) {
        /** 2 hosts per site, 100 ms adverts, 10 ms probes (1 s timeout) from 1 s, a 2 ms WAN, 50 us access links. */
        public static final TwoSiteVrrp DEFAULT = new TwoSiteVrrp(2, 10, 10 * MS, 1000 * MS, 1000 * MS, 2 * MS, 50 * US);

        public TwoSiteVrrp withProbes(long intervalNanos, long timeoutNanos, long startNanos) {
            return new TwoSiteVrrp(hostsPerSite, advertCentiseconds, intervalNanos, timeoutNanos, startNanos,
                    wanLatencyNanos, accessLatencyNanos);
        }

        public TwoSiteVrrp withHostsPerSite(int hosts) {
            return new TwoSiteVrrp(hosts, advertCentiseconds, probeIntervalNanos, probeTimeoutNanos, probeStartNanos,
                    wanLatencyNanos, accessLatencyNanos);
        }
    }

    /**
     * Two sites, one VRRPv3 group per subnet, Master in seoul, Backup in daegu:
     * <pre>
     *  seoul                                   | daegu
     *  h-seoul-1..n --+                         |                   +-- h-daegu-1..n
     *                 sw-seoul:wan ============ WAN ============ sw-daegu:wan
     *  r1:lan --------+  (VRID 1, prio 200)     |  (VRID 1, prio 100) +-------- r2:lan
     *  r1:up ================================== WAN ===== sw-core --+--------- r2:up
     *                    (VRID 2, prio 200)     |  (VRID 2, prio 100) +-- server
     * </pre>
     * LAN 10.0.0.0/24 with virtual gateway 10.0.0.1 (VRID 1); r1 10.0.0.2, r2 10.0.0.3; hosts
     * 10.0.0.101.. (seoul) and 10.0.0.151.. (daegu). Outside 192.0.2.0/24 with virtual gateway
     * 192.0.2.1 (VRID 2): the server 192.0.2.100 lives in daegu on {@code sw-core}, which r1
     * reaches over the WAN. Every host pings the server: traffic of daegu's hosts crosses the
     * WAN to the Master in seoul and back (what a remote gateway costs), and when seoul dies
     * r2 takes over both groups. Links: {@code r1-lan}, {@code r2-lan}, {@code <host>-sw},
     * {@code lan-stretch} (sw-seoul to sw-daegu), {@code r1-up}, {@code r2-up}, {@code server-sw}.
     */
    public static ClusterTopology twoSiteVrrp(TwoSiteVrrp p) {
        ClusterTopology.Builder b = ClusterTopology.builder("two-site-vrrp").site("seoul").site("daegu");
        LinkConfig access = LinkConfig.ofLatency(p.accessLatencyNanos());
        Ipv4Address lanVip = Ipv4Address.parse("10.0.0.1");
        Ipv4Address upVip = Ipv4Address.parse("192.0.2.1");
        Ipv4Address server = Ipv4Address.parse("192.0.2.100");

        b.device("seoul", "r1", vrrpRouter("r1", 1, "10.0.0.2/24", "192.0.2.2/24", 200, p.advertCentiseconds(), lanVip, upVip));
        b.device("daegu", "r2", vrrpRouter("r2", 2, "10.0.0.3/24", "192.0.2.3/24", 100, p.advertCentiseconds(), lanVip, upVip));
        List<String> seoulHosts = hostNames("h-seoul-", p.hostsPerSite());
        List<String> daeguHosts = hostNames("h-daegu-", p.hostsPerSite());
        b.device("seoul", "sw-seoul", lanSwitch("sw-seoul", "r1", seoulHosts));
        b.device("daegu", "sw-daegu", lanSwitch("sw-daegu", "r2", daeguHosts));
        b.device("daegu", "sw-core", switchWithPorts("sw-core", List.of("r1", "r2", "server")));
        b.device("daegu", "server", host("server", mac(0xFE, 1), "192.0.2.100/24", upVip, null));
        for (int i = 0; i < seoulHosts.size(); i++) {
            ProbeFlow probe = new ProbeFlow("to-server", server, p.probeIntervalNanos(), p.probeTimeoutNanos(), p.probeStartNanos());
            b.device("seoul", seoulHosts.get(i), host(seoulHosts.get(i), mac(0x10, i + 1), "10.0.0." + (101 + i) + "/24", lanVip, probe));
        }
        for (int i = 0; i < daeguHosts.size(); i++) {
            ProbeFlow probe = new ProbeFlow("to-server", server, p.probeIntervalNanos(), p.probeTimeoutNanos(), p.probeStartNanos());
            b.device("daegu", daeguHosts.get(i), host(daeguHosts.get(i), mac(0x20, i + 1), "10.0.0." + (151 + i) + "/24", lanVip, probe));
        }

        b.link("r1-lan", "r1:lan", "sw-seoul:r1", access);
        b.link("r2-lan", "r2:lan", "sw-daegu:r2", access);
        for (String h : seoulHosts) b.link(h + "-sw", h + ":eth0", "sw-seoul:" + h, access);
        for (String h : daeguHosts) b.link(h + "-sw", h + ":eth0", "sw-daegu:" + h, access);
        // the stretched LAN and r1's uplink cross the WAN, which adds its delay to theirs
        b.link("lan-stretch", "sw-seoul:wan", "sw-daegu:wan", LinkConfig.IDEAL);
        b.link("r1-up", "r1:up", "sw-core:r1", LinkConfig.IDEAL);
        b.link("r2-up", "r2:up", "sw-core:r2", access);
        b.link("server-sw", "server:eth0", "sw-core:server", access);
        b.wan("seoul", "daegu", LinkConfig.ofLatency(p.wanLatencyNanos()));
        return b.build();
    }

    /**
     * {@code h1 - sw1 - r1 - sw2 - h2}: h1 (10.1.0.10/24) and r1, sw1 on {@code siteA}; sw2 and
     * h2 (10.2.0.10/24) on {@code siteB}. Every link has {@code access} impairments; when the
     * sites differ, {@code wan} (if not null) is set between them. Named {@code name}; h1
     * pings h2 every 10 ms from 1 s.
     */
    public static ClusterTopology chain(String name, String siteA, String siteB, LinkConfig access, LinkConfig wan) {
        ProbeFlow probe = new ProbeFlow("to-h2", Ipv4Address.parse("10.2.0.10"), 10 * MS, 1000 * MS, 1000 * MS);
        return chain(name, siteA, siteB, access, wan,
                host("h1", mac(0x31, 1), "10.1.0.10/24", Ipv4Address.parse("10.1.0.1"), probe),
                host("h2", mac(0x32, 1), "10.2.0.10/24", Ipv4Address.parse("10.2.0.1"), null));
    }

    /**
     * The chain with end devices of one's own: {@code left} (named h1, port eth0) on 10.1.0.0/24
     * and {@code right} (named h2, port eth0) on 10.2.0.0/24; r1 is 10.1.0.1 (MAC
     * {@link #CHAIN_ROUTER_LEFT_MAC}) and 10.2.0.1 (MAC {@link #CHAIN_ROUTER_RIGHT_MAC}).
     */
    public static ClusterTopology chain(String name, String siteA, String siteB, LinkConfig access, LinkConfig wan,
                                        Supplier<Device> left, Supplier<Device> right) {
        ClusterTopology.Builder b = ClusterTopology.builder(name).site(siteA);
        if (!siteB.equals(siteA)) b.site(siteB);
        addChain(b, siteA, siteB, access, left, right);
        if (!siteB.equals(siteA) && wan != null) b.wan(siteA, siteB, wan);
        return b.build();
    }

    /** Adds the chain's devices and links (h1, sw1, r1, sw2, h2; links h1-sw1, sw1-r1, r1-sw2, sw2-h2) to {@code b}. */
    public static void addChain(ClusterTopology.Builder b, String siteA, String siteB, LinkConfig access,
                                Supplier<Device> left, Supplier<Device> right) {
        b.device(siteA, "h1", left);
        b.device(siteA, "sw1", switchWithPorts("sw1", List.of("h1", "r1")));
        b.device(siteA, "r1", () -> new Router(RouterConfig.of("r1",
                RouterInterface.of("ge0", CHAIN_ROUTER_LEFT_MAC, InterfaceAddress.parse("10.1.0.1/24")),
                RouterInterface.of("ge1", CHAIN_ROUTER_RIGHT_MAC, InterfaceAddress.parse("10.2.0.1/24")))));
        b.device(siteB, "sw2", switchWithPorts("sw2", List.of("r1", "h2")));
        b.device(siteB, "h2", right);
        b.link("h1-sw1", "h1:eth0", "sw1:h1", access);
        b.link("sw1-r1", "sw1:r1", "r1:ge0", access);
        b.link("r1-sw2", "r1:ge1", "sw2:r1", access);
        b.link("sw2-h2", "sw2:h2", "h2:eth0", access);
    }

    /** r1's MAC on the chain's 10.1.0.0/24 side. */
    public static final MacAddress CHAIN_ROUTER_LEFT_MAC = mac(0x33, 1);
    /** r1's MAC on the chain's 10.2.0.0/24 side. */
    public static final MacAddress CHAIN_ROUTER_RIGHT_MAC = mac(0x33, 2);

    /** A locally administered unicast MAC 02:00:00:{group}:{index, 16 bits}. */
    public static MacAddress mac(int group, int index) {
        return new MacAddress(0x02_00_00_00_00_00L | ((long) (group & 0xFF) << 16) | (index & 0xFFFF));
    }

    private static Supplier<Device> vrrpRouter(String name, int index, String lan, String up, int priority, int advertCentis,
                                               Ipv4Address lanVip, Ipv4Address upVip) {
        return () -> {
            Router r = new Router(RouterConfig.of(name,
                    RouterInterface.of("lan", mac(0x01, index), InterfaceAddress.parse(lan)),
                    RouterInterface.of("up", mac(0x02, index), InterfaceAddress.parse(up))));
            r.addGroup(new VrrpGroup(0, VrrpConfig.v3(1, priority, advertCentis, List.of(lanVip))));
            r.addGroup(new VrrpGroup(1, VrrpConfig.v3(2, priority, advertCentis, List.of(upVip))));
            return r;
        };
    }

    private static Supplier<Device> lanSwitch(String name, String router, List<String> hosts) {
        List<String> ports = new ArrayList<>();
        ports.add(router);
        ports.addAll(hosts);
        ports.add("wan");
        return switchWithPorts(name, ports);
    }

    /** A switch whose ports, all access ports of VLAN 1, have these names. */
    public static Supplier<Device> switchWithPorts(String name, List<String> portNames) {
        List<String> names = List.copyOf(portNames);
        return () -> {
            List<SwitchPort> ports = new ArrayList<>(names.size());
            for (String p : names) ports.add(SwitchPort.access(p, 1));
            return new EthernetSwitch(new SwitchConfig(name, ports, SwitchConfig.DEFAULT_AGING_NANOS));
        };
    }

    /** A host on interface "eth0"; {@code probe} may be null. */
    public static Supplier<Device> host(String name, MacAddress mac, String address, Ipv4Address gateway, ProbeFlow probe) {
        return () -> {
            HostConfig c = HostConfig.of(name, mac, InterfaceAddress.parse(address), gateway);
            return new Host(probe == null ? c : c.withProbes(probe));
        };
    }

    private static List<String> hostNames(String prefix, int n) {
        List<String> names = new ArrayList<>(n);
        for (int i = 1; i <= n; i++) names.add(prefix + i);
        return names;
    }
}
