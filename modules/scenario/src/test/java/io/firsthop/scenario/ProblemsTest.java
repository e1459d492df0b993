package io.firsthop.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.firsthop.wire.InterfaceAddress;
import io.firsthop.wire.Ipv4Address;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("Problems, their format and scenarios built in Java")
class ProblemsTest {
    @Test
    @DisplayName("a problem prints like a compiler error: file:line:col: path: message")
    void format() {
        assertEquals("a.yaml:3:7: nodes.r1.kind: unknown kind 'x'", new Problem("a.yaml", 3, 7, "nodes.r1.kind", "unknown kind 'x'").format());
        assertEquals("a.yaml: the file is not UTF-8 text", new Problem("a.yaml", 0, 0, "", "the file is not UTF-8 text").format());
    }

    @Test
    @DisplayName("a result with problems has no scenario, and orThrow throws them all in a ScenarioException")
    void orThrow() {
        ValidationResult r = ScenarioLoader.parse("duration: 10s\nnodes: {h1: {kind: hst}}\nlinks: 3\n", "x.yaml");
        assertNull(r.scenario());
        assertEquals(2, r.problems().size());
        ScenarioException e = assertThrows(ScenarioException.class, r::orThrow);
        assertEquals(r.problems(), e.problems());
        assertTrue(e.getMessage().startsWith("2 problems in scenario:\nx.yaml:2:"), e.getMessage());
        assertEquals(2, r.format().lines().count());
    }

    @Test
    @DisplayName("a missing file is one problem, not an exception")
    void missingFile() {
        ValidationResult r = ScenarioLoader.load(Path.of("no/such/file.yaml"));
        assertEquals(1, r.problems().size());
        assertTrue(r.problems().get(0).message().startsWith("cannot read the file"));
    }

    @Test
    @DisplayName("a mistake in a group's shared field is reported once, at the group, not once per member")
    void sharedMistakeOnce() {
        String text = """
                duration: 10s
                groups:
                  g: {members: [h1, h2], kind: host, gateway: 10.0.0.300}
                nodes:
                  h1: {address: 10.0.0.11/24}
                  h2: {address: 10.0.0.12/24}
                """;
        ValidationResult r = ScenarioLoader.parse(text, "g.yaml");
        assertEquals(List.of("g.yaml:3:47: nodes.h1.gateway: expected an IPv4 address such as 10.0.0.1, got '10.0.0.300'"),
                r.problems().stream().map(Problem::format).toList());
    }

    @Test
    @DisplayName("an unknown key in defaults.vrrp is reported once, at defaults, with the keys a default may set")
    void defaultsKeyOnce() {
        String text = """
                duration: 10s
                defaults:
                  vrrp: {preemt: false, vrid: 3}
                nodes:
                  r1: {kind: router, interfaces: {ge0: {address: 10.0.0.2/24, vrrp: {vrid: 1, virtual-ip: 10.0.0.1}}}}
                  r2: {kind: router, interfaces: {ge0: {address: 10.0.0.3/24, vrrp: {vrid: 1, virtual-ip: 10.0.0.1}}}}
                links: [["r1:ge0", "r2:ge0"]]
                """;
        List<String> problems = ScenarioLoader.parse(text, "d.yaml").problems().stream().map(Problem::format).toList();
        assertEquals(2, problems.size(), problems::toString);
        assertTrue(problems.get(0).startsWith("d.yaml:3:10: defaults.vrrp.preemt: unknown key 'preemt' (did you mean 'preempt'?)"), problems.get(0));
        assertEquals("d.yaml:3:25: defaults.vrrp.vrid: 'vrid' cannot have a default: each group sets its own", problems.get(1));
    }

    @Nested
    @DisplayName("A scenario built in Java")
    class BuiltInJava {
        Scenario build(Ipv4Address gateway) {
            Map<String, Node> nodes = new LinkedHashMap<>();
            nodes.put("h1", new Node("h1", NodeKind.HOST, Site.IMPLICIT, new HostSpec(
                    new HostInterface("eth0", ScenarioParser.defaultMac("h1", "eth0"), InterfaceAddress.parse("10.0.0.11/24")), gateway)));
            nodes.put("r1", new Node("r1", NodeKind.ROUTER, Site.IMPLICIT, new RouterSpec(List.of(new RoutedInterface("ge0",
                    ScenarioParser.defaultMac("r1", "ge0"), List.of(InterfaceAddress.parse("10.0.0.2/24")),
                    List.of(GatewayProtocol.Vrrp.v3(1, 100, Ipv4Address.parse("10.0.0.1"))))), List.of(), List.of())));
            return Scenario.of("java", Duration.ofSeconds(10), Map.of(Site.IMPLICIT, Site.of(Site.IMPLICIT)), List.of(), nodes,
                    List.of(Link.of(new Endpoint("h1", "eth0"), new Endpoint("r1", "ge0"), Impairment.NONE)),
                    List.of(), List.of(new Event.Crash(Duration.ofSeconds(5), "r1")), List.of());
        }

        @Test
        @DisplayName("validates like a file")
        void valid() {
            ValidationResult r = ScenarioValidator.validate(build(Ipv4Address.parse("10.0.0.1")));
            assertTrue(r.ok(), r::format);
            assertEquals(1, Topology.of(r.scenario()).groups().size());
        }

        @Test
        @DisplayName("gets the same cross-checks, with paths and no line numbers")
        void invalid() {
            ValidationResult r = ScenarioValidator.validate(build(Ipv4Address.parse("10.0.9.1")));
            assertEquals(List.of("<java>: nodes.h1.gateway: gateway 10.0.9.1 is outside h1's subnet 10.0.0.0/24: a host reaches "
                    + "its gateway on-link (ARP), so it must be on 10.0.0.0/24"), r.problems().stream().map(Problem::format).toList());
        }
    }

    @Test
    @DisplayName("suggestions come from the nearest name, and only when it is close")
    void suggestions() {
        assertEquals("priority", Suggest.nearest("priorty", Keys.VRRP));
        assertEquals("advert-interval", Suggest.nearest("advert-intervall", Keys.VRRP));
        assertNull(Suggest.nearest("bandwidth", Keys.VRRP));
        assertEquals(3, Suggest.distance("kitten", "sitting"));
    }
}
