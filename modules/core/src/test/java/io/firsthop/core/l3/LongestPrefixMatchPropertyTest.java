package io.firsthop.core.l3;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.firsthop.core.devtest.Bench;
import io.firsthop.wire.InterfaceAddress;
import io.firsthop.wire.Ipv4Address;
import io.firsthop.wire.Ipv4Prefix;
import io.firsthop.wire.MacAddress;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

class LongestPrefixMatchPropertyTest {
    static final Ipv4Address NEXT_HOP = Ipv4Address.parse("10.0.1.254");

    @Provide
    Arbitrary<Ipv4Prefix> prefixes() {
        // few distinct top bits so that prefixes overlap often
        Arbitrary<Integer> address = Arbitraries.integers().between(0, 7).flatMap(top ->
                Arbitraries.integers().map(low -> (top << 29) | (low >>> 3)));
        return Combinators.combine(address, Arbitraries.integers().between(0, 32))
                .as((a, len) -> Ipv4Prefix.containing(new Ipv4Address(a), len));
    }

    @Provide
    Arbitrary<Ipv4Address> destinations() {
        return Arbitraries.integers().between(0, 7).flatMap(top ->
                Arbitraries.integers().map(low -> new Ipv4Address((top << 29) | (low >>> 3))));
    }

    @Property(tries = 300)
    @Label("RFC 1812 §5.2.4.3: the router picks the longest matching prefix, connected before static on ties")
    void matchesBruteForce(@ForAll @Size(max = 40) List<@net.jqwik.api.From("prefixes") Ipv4Prefix> statics,
                           @ForAll("destinations") Ipv4Address destination) {
        List<StaticRoute> routes = new ArrayList<>();
        for (Ipv4Prefix p : statics) routes.add(new StaticRoute(p, NEXT_HOP));
        RouterConfig config = RouterConfig.of("r",
                RouterInterface.of("ge0", MacAddress.parse("02:00:00:00:00:01"), InterfaceAddress.parse("10.0.0.1/24")),
                RouterInterface.of("ge1", MacAddress.parse("02:00:00:00:00:02"), InterfaceAddress.parse("10.0.1.1/24"))
        ).withStaticRoutes(routes.toArray(StaticRoute[]::new));
        Router router = new Router(config);
        new Bench(router).powerOn();

        Route expected = null;
        List<Route> candidates = new ArrayList<>();
        candidates.add(new Route(Ipv4Prefix.parse("10.0.0.0/24"), 0, null));
        candidates.add(new Route(Ipv4Prefix.parse("10.0.1.0/24"), 1, null));
        for (Ipv4Prefix p : statics) candidates.add(new Route(p, 1, NEXT_HOP));
        for (Route c : candidates) {
            if (!c.prefix().contains(destination)) continue;
            if (expected == null || c.prefix().length() > expected.prefix().length()) expected = c;
        }
        assertEquals(expected, router.route(destination));
    }
}
