package io.firsthop.cluster.topology;

import io.firsthop.core.Device;
import io.firsthop.core.link.LinkConfig;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * What a cluster run emulates: its sites, which devices live on which site, the links
 * between device ports (within a site or across two), and the WAN between pairs of sites.
 *
 * <p>Every site JVM builds the same topology (by {@link BuiltInTopologies#byName name}, or a
 * later scenario file) and instantiates only its own devices: a device is described by a
 * factory, called only on the device's site. So nothing here is a device yet, and a
 * topology of 10,000 hosts costs the sites that do not hold them nothing but the
 * description.
 *
 * <p>Cross-site links are numbered in the order they were added ({@link #crossSiteLinkId});
 * both sites derive the same number, which is what frames carry between JVMs instead of
 * names. A frame on a cross-site link takes the link's own impairments and then those of
 * the WAN between the two sites ({@link #wan}), if one is set.
 *
 * <p>Build one with {@link #builder}:
 * <pre>{@code
 * ClusterTopology t = ClusterTopology.builder("two-hosts")
 *     .site("seoul").site("daegu")
 *     .device("seoul", "h1", () -> new Host(HostConfig.of(...)))
 *     .device("daegu", "h2", () -> new Host(HostConfig.of(...)))
 *     .link("h1-h2", "h1:eth0", "h2:eth0", LinkConfig.ofLatency(100_000))
 *     .wan("seoul", "daegu", LinkConfig.ofLatency(2_000_000))
 *     .build();
 * }</pre>
 */
public final class ClusterTopology {
    /** One end of a link: a device and the name of one of its ports. */
    public record Endpoint(String device, String port) {
        public Endpoint {
            Objects.requireNonNull(device, "device");
            Objects.requireNonNull(port, "port");
        }

        /** Parses {@code "device:port"}. */
        public static Endpoint parse(String text) {
            int colon = text.indexOf(':');
            if (colon <= 0 || colon == text.length() - 1 || text.indexOf(':', colon + 1) >= 0) {
                throw new IllegalArgumentException("an endpoint is \"device:port\", was \"" + text + "\"");
            }
            return new Endpoint(text.substring(0, colon), text.substring(colon + 1));
        }

        @Override
        public String toString() {
            return device + ":" + port;
        }
    }

    /** A device placed on a site; {@code factory} builds it, on that site only. */
    public record DeviceSpec(String name, String site, Supplier<Device> factory) {}

    /** A link between two device ports (side A first), with its impairments (the same both ways). */
    public record LinkSpec(String name, Endpoint a, Endpoint b, LinkConfig config) {}

    /** The WAN between two sites: impairments every cross-site frame between them also takes. */
    public record WanSpec(String siteA, String siteB, LinkConfig config) {}

    private final String name;
    private final List<String> sites;
    private final Map<String, DeviceSpec> devices;
    private final List<LinkSpec> links;
    private final Map<String, LinkSpec> linksByName;
    private final Map<String, Integer> crossSiteIds;
    private final Map<String, WanSpec> wans;

    private ClusterTopology(Builder b) {
        this.name = b.name;
        this.sites = List.copyOf(b.sites);
        this.devices = Collections.unmodifiableMap(new LinkedHashMap<>(b.devices));
        this.links = List.copyOf(b.links);
        Map<String, LinkSpec> byName = new LinkedHashMap<>();
        Map<String, Integer> ids = new LinkedHashMap<>();
        for (LinkSpec l : links) {
            byName.put(l.name(), l);
            if (!siteOf(l.a().device()).equals(siteOf(l.b().device()))) ids.put(l.name(), ids.size());
        }
        this.linksByName = Collections.unmodifiableMap(byName);
        this.crossSiteIds = Collections.unmodifiableMap(ids);
        this.wans = Collections.unmodifiableMap(new LinkedHashMap<>(b.wans));
    }

    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** The topology's name (a built-in's name, or a scenario's). */
    public String name() {
        return name;
    }

    /** The sites, in the order they were declared. */
    public List<String> sites() {
        return sites;
    }

    /** Every device, in the order added. */
    public List<DeviceSpec> devices() {
        return List.copyOf(devices.values());
    }

    /** The devices placed on {@code site}, in the order added. */
    public List<DeviceSpec> devicesOn(String site) {
        List<DeviceSpec> on = new ArrayList<>();
        for (DeviceSpec d : devices.values()) {
            if (d.site().equals(site)) on.add(d);
        }
        return on;
    }

    public boolean hasDevice(String device) {
        return devices.containsKey(device);
    }

    /** The site of {@code device}. */
    public String siteOf(String device) {
        DeviceSpec d = devices.get(device);
        if (d == null) {
            throw new IllegalArgumentException("topology " + name + " has no device '" + device + "'");
        }
        return d.site();
    }

    /** Every link, in the order added. */
    public List<LinkSpec> links() {
        return links;
    }

    /** The link named {@code link}. */
    public LinkSpec link(String link) {
        LinkSpec l = linksByName.get(link);
        if (l == null) {
            throw new IllegalArgumentException("topology " + name + " has no link '" + link + "' (links: " + linksByName.keySet() + ")");
        }
        return l;
    }

    /** The sites holding the ends of {@code link}: one, or two for a cross-site link (A's first). */
    public List<String> sitesOf(String link) {
        LinkSpec l = link(link);
        String a = siteOf(l.a().device());
        String b = siteOf(l.b().device());
        return a.equals(b) ? List.of(a) : List.of(a, b);
    }

    /** Whether {@code link}'s ends are on two sites. */
    public boolean crossSite(String link) {
        return crossSiteIds.containsKey(link);
    }

    /** The number of a cross-site link, the same on every site. */
    public int crossSiteLinkId(String link) {
        Integer id = crossSiteIds.get(link);
        if (id == null) throw new IllegalArgumentException("link '" + link + "' is not a cross-site link");
        return id;
    }

    /** The WAN between two sites (either order), or null if none was set. */
    public WanSpec wan(String siteA, String siteB) {
        return wans.get(pairKey(siteA, siteB));
    }

    /** Every WAN set. */
    public List<WanSpec> wans() {
        return List.copyOf(wans.values());
    }

    private static String pairKey(String a, String b) {
        return a.compareTo(b) <= 0 ? a + "|" + b : b + "|" + a;
    }

    @Override
    public String toString() {
        return "ClusterTopology[" + name + ": sites " + sites + ", " + devices.size() + " devices, " + links.size()
                + " links (" + crossSiteIds.size() + " cross-site), " + wans.size() + " WANs]";
    }

    /** Builds a {@link ClusterTopology}; names are checked as they are added. */
    public static final class Builder {
        private final String name;
        private final List<String> sites = new ArrayList<>();
        private final Map<String, DeviceSpec> devices = new LinkedHashMap<>();
        private final List<LinkSpec> links = new ArrayList<>();
        private final Map<String, LinkSpec> linkNames = new LinkedHashMap<>();
        private final Map<String, String> usedEndpoints = new LinkedHashMap<>();
        private final Map<String, WanSpec> wans = new LinkedHashMap<>();

        private Builder(String name) {
            this.name = Objects.requireNonNull(name, "name");
        }

        /** Declares a site. */
        public Builder site(String site) {
            requireName("site", site);
            if (sites.contains(site)) throw new IllegalArgumentException("site '" + site + "' declared twice");
            sites.add(site);
            return this;
        }

        /** Places device {@code device} on {@code site}; {@code factory} must build a device of that name. */
        public Builder device(String site, String device, Supplier<Device> factory) {
            Objects.requireNonNull(factory, "factory");
            requireName("device", device);
            if (!sites.contains(site)) throw new IllegalArgumentException("device '" + device + "': no site '" + site + "' (sites: " + sites + ")");
            if (devices.containsKey(device)) throw new IllegalArgumentException("duplicate device name '" + device + "'");
            if (linkNames.containsKey(device)) throw new IllegalArgumentException("device name '" + device + "' is already a link's name");
            devices.put(device, new DeviceSpec(device, site, factory));
            return this;
        }

        /** Connects {@code "device:port"} {@code a} (side A) to {@code b} with link {@code link}. */
        public Builder link(String link, String a, String b, LinkConfig config) {
            Objects.requireNonNull(config, "config");
            if (link == null || link.isEmpty()) throw new IllegalArgumentException("link name must not be empty");
            if (linkNames.containsKey(link)) throw new IllegalArgumentException("duplicate link name '" + link + "'");
            if (devices.containsKey(link)) throw new IllegalArgumentException("link name '" + link + "' is already a device's name");
            Endpoint ea = endpoint(link, a);
            Endpoint eb = endpoint(link, b);
            if (ea.equals(eb)) throw new IllegalArgumentException("link '" + link + "' connects '" + ea + "' to itself");
            for (Endpoint e : List.of(ea, eb)) {
                String other = usedEndpoints.putIfAbsent(e.toString(), link);
                if (other != null) {
                    throw new IllegalArgumentException("link '" + link + "': endpoint '" + e + "' is already connected by link '" + other + "'");
                }
            }
            LinkSpec spec = new LinkSpec(link, ea, eb, config);
            links.add(spec);
            linkNames.put(link, spec);
            return this;
        }

        /** Sets the WAN between two declared sites. */
        public Builder wan(String siteA, String siteB, LinkConfig config) {
            Objects.requireNonNull(config, "config");
            for (String s : List.of(siteA, siteB)) {
                if (!sites.contains(s)) throw new IllegalArgumentException("wan: no site '" + s + "' (sites: " + sites + ")");
            }
            if (siteA.equals(siteB)) throw new IllegalArgumentException("wan: a site has no WAN to itself ('" + siteA + "')");
            wans.put(pairKey(siteA, siteB), new WanSpec(siteA, siteB, config));
            return this;
        }

        public ClusterTopology build() {
            if (sites.isEmpty()) throw new IllegalArgumentException("topology " + name + " declares no site");
            return new ClusterTopology(this);
        }

        private Endpoint endpoint(String link, String text) {
            Endpoint e;
            try {
                e = Endpoint.parse(text);
            } catch (IllegalArgumentException ex) {
                throw new IllegalArgumentException("link '" + link + "': " + ex.getMessage(), ex);
            }
            if (!devices.containsKey(e.device())) {
                throw new IllegalArgumentException("link '" + link + "': endpoint '" + e + "' names unknown device '" + e.device() + "'");
            }
            return e;
        }

        private static void requireName(String what, String name) {
            if (name == null || !name.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
                throw new IllegalArgumentException("a " + what + " name must be letters, digits, '.', '_' or '-' "
                        + "(starting with a letter or digit): '" + name + "'");
            }
        }
    }
}
