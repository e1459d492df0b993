package io.firsthop.sim.topo;

import io.firsthop.core.arp.ArpSettings;
import io.firsthop.core.host.Host;
import io.firsthop.core.host.HostConfig;
import io.firsthop.core.host.ProbeFlow;
import io.firsthop.core.l2.EthernetSwitch;
import io.firsthop.core.l2.SwitchConfig;
import io.firsthop.core.l2.SwitchPort;
import io.firsthop.core.l3.Router;
import io.firsthop.core.l3.RouterConfig;
import io.firsthop.core.l3.RouterInterface;
import io.firsthop.core.l3.StaticRoute;
import io.firsthop.core.link.LinkConfig;
import io.firsthop.sim.VirtualEngine;
import io.firsthop.wire.EthernetFrame;
import io.firsthop.wire.InterfaceAddress;
import io.firsthop.wire.Ipv4Address;
import io.firsthop.wire.Ipv4Prefix;
import io.firsthop.wire.MacAddress;
import io.firsthop.wire.codec.Frames;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The source notes' network, built on a {@link VirtualEngine} in one call: hosts on one
 * switch, one or two gateway routers, and behind them an upstream router and a server.
 *
 * <pre>
 *  h1 10.0.0.11 ─┐            ┌─ ge0 r1 10.0.0.1   ge1 192.0.2.1/30 ── ge1 ┐
 *  h2 10.0.0.12 ─┤ sw1        │                                            wan ge0 198.51.100.1/24 ── srv 198.51.100.10
 *  ...          ─┘ (p1..pN,   └─ ge0 r2 10.0.0.2   ge1 192.0.2.5/30 ── ge2 ┘
 *                   then one port per gateway)
 * </pre>
 *
 * <ul>
 *   <li>Hosts {@code h1..hN} ({@code 10.0.0.(10+i)/24}) sit on switch ports {@code p1..pN};
 *       each has a default gateway ({@code r1} unless {@link Builder#hostGateway set}) and the
 *       probe flows given to the builder.</li>
 *   <li>Gateways {@code r1} (10.0.0.1) and {@code r2} (10.0.0.2): LAN interface {@code ge0}
 *       on switch port {@code p(N+k)}, uplink {@code ge1} to {@code wan}, and a default route
 *       to {@code wan}. No first-hop redundancy protocol: the "naive redundancy" of point 4.</li>
 *   <li>{@code wan} routes 10.0.0.0/24 through r1 and, while r1's uplink has no carrier, through
 *       r2 (a floating static route: the first configured route whose next hop is on an up
 *       interface wins). Server {@code srv} (198.51.100.10, gateway wan) answers pings.</li>
 * </ul>
 *
 * Links are named {@code h1-sw1}, {@code sw1-r1}, {@code r1-wan}, {@code wan-srv}, all with the
 * same {@link LinkConfig} (by default {@value #DEFAULT_LATENCY_NANOS} ns of latency). MACs are
 * locally administered: host {@code hi} is {@code 02:00:00:00:00:i}, gateway {@code rk}'s
 * interface {@code ge p} is {@code 02:00:00:01:0k:0p}. The engine measures frames with the
 * wire codec's exact length ({@link #wireLength}).
 *
 * <p>The engine is returned built and not yet run: add trace sinks and failures, then run it.
 */
public final class Lan {
    /** The hosts' subnet. */
    public static final Ipv4Prefix SUBNET = Ipv4Prefix.parse("10.0.0.0/24");
    /** The server's address: the "outside destination" of point 2. */
    public static final Ipv4Address SERVER = Ipv4Address.parse("198.51.100.10");
    public static final String SWITCH = "sw1";
    public static final String UPSTREAM = "wan";
    public static final String SERVER_NAME = "srv";
    /** A gateway's interface on the hosts' LAN. */
    public static final String GATEWAY_LAN_PORT = "ge0";
    /** A gateway's interface towards {@link #UPSTREAM}. */
    public static final String GATEWAY_UPLINK_PORT = "ge1";
    public static final long DEFAULT_LATENCY_NANOS = 50_000;
    /** Links a probe from a host to the server crosses one way: host-switch, switch-gateway, gateway-wan, wan-server. */
    public static final int LINKS_HOST_TO_SERVER = 4;
    public static final int MAX_HOSTS = 240;

    private static final int ETHERNET_MIN_WITHOUT_FCS = 60;
    private static final int FCS = 4;

    private final VirtualEngine engine;
    private final List<String> hosts;
    private final List<String> gateways;
    private final Map<String, Ipv4Address> addresses;
    private final LinkConfig links;

    private Lan(VirtualEngine engine, List<String> hosts, List<String> gateways, Map<String, Ipv4Address> addresses,
                LinkConfig links) {
        this.engine = engine;
        this.hosts = hosts;
        this.gateways = gateways;
        this.addresses = addresses;
        this.links = links;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * A frame's length on the wire as the link transmitter counts it: the codec's exact encoding,
     * padded to Ethernet's 60-octet minimum, plus the 4-octet FCS (not the preamble nor the gap).
     */
    public static int wireLength(EthernetFrame frame) {
        return Math.max(Frames.encodedLength(frame), ETHERNET_MIN_WITHOUT_FCS) + FCS;
    }

    /** Host {@code hi}'s address, {@code 10.0.0.(10+i)}. */
    public static Ipv4Address hostAddress(int i) {
        return new Ipv4Address(SUBNET.network().value() + 10 + i);
    }

    /** Gateway {@code rk}'s address on the LAN, {@code 10.0.0.k}. */
    public static Ipv4Address gatewayAddress(int k) {
        return new Ipv4Address(SUBNET.network().value() + k);
    }

    public VirtualEngine engine() {
        return engine;
    }

    /** Host names, h1 first. */
    public List<String> hosts() {
        return hosts;
    }

    /** Gateway names, r1 first. */
    public List<String> gateways() {
        return gateways;
    }

    /** The LAN address of a host or gateway, or the server's address for {@link #SERVER_NAME}. */
    public Ipv4Address address(String device) {
        Ipv4Address a = addresses.get(device);
        if (a == null) throw new IllegalArgumentException("no LAN address for '" + device + "' (devices: " + addresses.keySet() + ")");
        return a;
    }

    /** The configuration every link got. */
    public LinkConfig links() {
        return links;
    }

    public Host host(String name) {
        return (Host) engine.device(requireOneOf(name, hosts));
    }

    public Router gateway(String name) {
        return (Router) engine.device(requireOneOf(name, gateways));
    }

    public EthernetSwitch lanSwitch() {
        return (EthernetSwitch) engine.device(SWITCH);
    }

    /** The cable between a host and the switch. */
    public String accessLink(String host) {
        return requireOneOf(host, hosts) + "-" + SWITCH;
    }

    /** The cable between the switch and a gateway's LAN interface. */
    public String gatewayLink(String gateway) {
        return SWITCH + "-" + requireOneOf(gateway, gateways);
    }

    /** The cable between a gateway and the upstream router. */
    public String uplink(String gateway) {
        return requireOneOf(gateway, gateways) + "-" + UPSTREAM;
    }

    /** The switch port a host or gateway is plugged into. */
    public String switchPort(String device) {
        int h = hosts.indexOf(device);
        if (h >= 0) return "p" + (h + 1);
        int g = gateways.indexOf(device);
        if (g >= 0) return "p" + (hosts.size() + g + 1);
        throw new IllegalArgumentException("'" + device + "' is not plugged into " + SWITCH);
    }

    private static String requireOneOf(String name, List<String> names) {
        if (!names.contains(name)) throw new IllegalArgumentException("unknown device '" + name + "' (expected one of " + names + ")");
        return name;
    }

    /** Collects the topology's parameters; {@link #build} checks them and wires the engine. */
    public static final class Builder {
        private long seed = 1;
        private int hostCount = 2;
        private int gatewayCount = 1;
        private LinkConfig links = LinkConfig.ofLatency(DEFAULT_LATENCY_NANOS);
        private ArpSettings arp = ArpSettings.DEFAULT;
        private final Map<String, String> hostGateways = new HashMap<>();
        private final Map<String, List<ProbeFlow>> probes = new HashMap<>();

        private Builder() {
        }

        /** The engine's seed (only links with jitter or loss draw from it). */
        public Builder seed(long value) {
            this.seed = value;
            return this;
        }

        /** How many hosts, h1..hN (1..{@value #MAX_HOSTS}); default 2. */
        public Builder hosts(int count) {
            if (count < 1 || count > MAX_HOSTS) throw new IllegalArgumentException("hosts must be 1.." + MAX_HOSTS + ", was " + count);
            this.hostCount = count;
            return this;
        }

        /** How many gateways, r1 or r1 and r2; default 1. */
        public Builder gateways(int count) {
            if (count < 1 || count > 2) throw new IllegalArgumentException("gateways must be 1 or 2, was " + count);
            this.gatewayCount = count;
            return this;
        }

        /** The configuration of every link; default {@value #DEFAULT_LATENCY_NANOS} ns of latency. */
        public Builder links(LinkConfig config) {
            this.links = Objects.requireNonNull(config, "links");
            return this;
        }

        /** ARP behaviour of every host and router interface; default {@link ArpSettings#DEFAULT}. */
        public Builder arp(ArpSettings settings) {
            this.arp = Objects.requireNonNull(settings, "arp");
            return this;
        }

        /** Points {@code host}'s default gateway at {@code gateway} ("r1" or "r2"); default r1. */
        public Builder hostGateway(String host, String gateway) {
            hostGateways.put(Objects.requireNonNull(host, "host"), Objects.requireNonNull(gateway, "gateway"));
            return this;
        }

        /** Adds a probe flow to {@code host}. */
        public Builder probe(String host, ProbeFlow flow) {
            probes.computeIfAbsent(Objects.requireNonNull(host, "host"), h -> new ArrayList<>()).add(Objects.requireNonNull(flow, "flow"));
            return this;
        }

        public Lan build() {
            List<String> hostNames = new ArrayList<>(hostCount);
            for (int i = 1; i <= hostCount; i++) hostNames.add("h" + i);
            List<String> gatewayNames = new ArrayList<>(gatewayCount);
            for (int k = 1; k <= gatewayCount; k++) gatewayNames.add("r" + k);
            for (String h : hostGateways.keySet()) requireOneOf(h, hostNames);
            for (String g : hostGateways.values()) requireOneOf(g, gatewayNames);
            for (String h : probes.keySet()) requireOneOf(h, hostNames);

            VirtualEngine sim = new VirtualEngine(seed).setFrameLength(Lan::wireLength);
            Map<String, Ipv4Address> addresses = new LinkedHashMap<>();

            List<SwitchPort> ports = new ArrayList<>();
            for (int p = 1; p <= hostCount + gatewayCount; p++) ports.add(SwitchPort.access("p" + p, 1));
            sim.addDevice(new EthernetSwitch(SwitchConfig.of(SWITCH, ports.toArray(SwitchPort[]::new))));

            for (int i = 1; i <= hostCount; i++) {
                String name = "h" + i;
                String gw = hostGateways.getOrDefault(name, "r1");
                Ipv4Address address = hostAddress(i);
                HostConfig config = new HostConfig(name, "eth0", mac(0, 0, i), new InterfaceAddress(address, SUBNET.length()),
                        gatewayAddress(gatewayNames.indexOf(gw) + 1), arp, probes.getOrDefault(name, List.of()));
                sim.addDevice(new Host(config));
                addresses.put(name, address);
            }

            List<RouterInterface> wanInterfaces = new ArrayList<>();
            wanInterfaces.add(RouterInterface.of("ge0", mac(2, 0, 0), InterfaceAddress.parse("198.51.100.1/24")));
            List<StaticRoute> wanRoutes = new ArrayList<>();
            for (int k = 1; k <= gatewayCount; k++) {
                String name = "r" + k;
                // 192.0.2.(4k-4)/30: the gateway takes .1 of the /30, wan .2
                int base = Ipv4Address.parse("192.0.2.0").value() + 4 * (k - 1);
                Ipv4Address gwUplink = new Ipv4Address(base + 1);
                Ipv4Address wanSide = new Ipv4Address(base + 2);
                Router r = new Router(new RouterConfig(name, List.of(
                        RouterInterface.of(GATEWAY_LAN_PORT, mac(1, k, 0), new InterfaceAddress(gatewayAddress(k), SUBNET.length())),
                        RouterInterface.of(GATEWAY_UPLINK_PORT, mac(1, k, 1), new InterfaceAddress(gwUplink, 30))),
                        List.of(new StaticRoute(Ipv4Prefix.parse("0.0.0.0/0"), wanSide)), arp));
                sim.addDevice(r);
                addresses.put(name, gatewayAddress(k));
                wanInterfaces.add(RouterInterface.of("ge" + k, mac(2, 0, k), new InterfaceAddress(wanSide, 30)));
                wanRoutes.add(new StaticRoute(SUBNET, gwUplink));
            }
            sim.addDevice(new Router(new RouterConfig(UPSTREAM, wanInterfaces, wanRoutes, arp)));
            sim.addDevice(new Host(new HostConfig(SERVER_NAME, "eth0", mac(3, 0, 1), new InterfaceAddress(SERVER, 24),
                    Ipv4Address.parse("198.51.100.1"), arp, List.of())));
            addresses.put(SERVER_NAME, SERVER);

            for (int i = 1; i <= hostCount; i++) {
                sim.connect("h" + i + "-" + SWITCH, "h" + i + ":eth0", SWITCH + ":p" + i, links);
            }
            for (int k = 1; k <= gatewayCount; k++) {
                String name = "r" + k;
                sim.connect(SWITCH + "-" + name, SWITCH + ":p" + (hostCount + k), name + ":" + GATEWAY_LAN_PORT, links);
                sim.connect(name + "-" + UPSTREAM, name + ":" + GATEWAY_UPLINK_PORT, UPSTREAM + ":ge" + k, links);
            }
            sim.connect(UPSTREAM + "-" + SERVER_NAME, UPSTREAM + ":ge0", SERVER_NAME + ":eth0", links);

            return new Lan(sim, Collections.unmodifiableList(hostNames), Collections.unmodifiableList(gatewayNames),
                    Collections.unmodifiableMap(addresses), links);
        }

        /** 02:00:00:kind:a:b, locally administered unicast. */
        private static MacAddress mac(int kind, int a, int b) {
            return new MacAddress(0x0200_0000_0000L | (long) kind << 16 | (long) a << 8 | b);
        }
    }
}
