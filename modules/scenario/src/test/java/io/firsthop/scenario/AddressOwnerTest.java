package io.firsthop.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * RFC 5798 §5.2.4 / §6.1: the router whose own interface has the virtual address is the VRRP
 * address owner (priority 255); the other members list the same address as their virtual
 * address. What the validator accepts as that, and the address conflicts it still rejects.
 */
@DisplayName("A virtual address that is also a real one")
class AddressOwnerTest {
    /** r1 and r2 on one LAN with h1 and r3; R1 and R2 are their ge0 gateway groups, H1 h1's address. */
    static final String LAN = """
            duration: 10s
            nodes:
              h1: {kind: host, address: H1, gateway: 10.0.0.1}
              sw1: {kind: switch, ports: [p1, p2, p3, p4]}
              r1:
                kind: router
                interfaces:
                  ge0: {address: 10.0.0.1/24, R1}
                  ge1: {address: R1GE1}
              r2:
                kind: router
                interfaces:
                  ge0: {address: 10.0.0.2/24, R2}
              r3: {kind: router, interfaces: {ge0: {address: 10.0.0.3/24}}}
            links:
              - endpoints: ["h1:eth0", "sw1:p1"]
              - endpoints: ["r1:ge0", "sw1:p2"]
              - endpoints: ["r2:ge0", "sw1:p3"]
              - endpoints: ["r3:ge0", "sw1:p4"]
            """;

    static List<String> problems(String r1, String r2) {
        return problems(r1, r2, "10.0.0.11/24", "192.0.2.1/24");
    }

    static List<String> problems(String r1, String r2, String h1, String r1ge1) {
        String text = LAN.replace("R1GE1", r1ge1).replace("R1", r1).replace("R2", r2).replace("H1", h1);
        return ScenarioLoader.parse(text, "o.yaml").problems().stream().map(Problem::format).toList();
    }

    @Nested
    @DisplayName("accepted")
    class Accepted {
        @Test
        @DisplayName("RFC 5798 §6.1: the owner (its own address, priority 255) and a Backup listing that address are one valid group")
        void ownerAndBackup() throws ScenarioException {
            assertEquals(List.of(), problems("vrrp: {vrid: 1, priority: 255, virtual-ip: 10.0.0.1}", "vrrp: {vrid: 1, virtual-ip: 10.0.0.1}"));
            Scenario sc = ScenarioLoader.parse(LAN.replace("R1GE1", "192.0.2.1/24").replace("R1", "vrrp: {vrid: 1, priority: 255, virtual-ip: 10.0.0.1}")
                    .replace("R2", "vrrp: {vrid: 1, virtual-ip: 10.0.0.1}").replace("H1", "10.0.0.11/24"), "o.yaml").orThrow();
            List<FhrpGroup> groups = Topology.of(sc).groups();
            assertEquals(1, groups.size());
            assertEquals(List.of("r1", "r2"), groups.get(0).members().stream().map(FhrpGroup.Member::node).toList());
        }

        @Test
        @DisplayName("the owner with several virtual addresses, one of them its own, and a Backup listing them all")
        void ownerOfOneOfSeveral() {
            assertEquals(List.of(), problems("vrrp: {vrid: 1, priority: 255, virtual-ip: [10.0.0.1, 10.0.0.254]}",
                    "vrrp: {vrid: 1, virtual-ip: [10.0.0.1, 10.0.0.254]}"));
        }
    }

    @Nested
    @DisplayName("still rejected")
    class Rejected {
        @Test
        @DisplayName("two interfaces with one address")
        void sameAddressTwice() {
            String text = LAN.replace("R1GE1", "192.0.2.1/24").replace(", R1", "").replace("10.0.0.2/24, R2", "10.0.0.1/24")
                    .replace("H1", "10.0.0.11/24");
            assertEquals(List.of("o.yaml:13:22: nodes.r2.interfaces.ge0.address: address 10.0.0.1 is already used by r1 "
                    + "(nodes.r1.interfaces.ge0.address, line 8)"), ScenarioLoader.parse(text, "o.yaml").problems().stream()
                    .map(Problem::format).toList());
        }

        @Test
        @DisplayName("a virtual address that is a host's address")
        void hostsAddress() {
            List<String> p = problems("vrrp: {vrid: 1, virtual-ip: 10.0.0.11}", "vrrp: {vrid: 1, virtual-ip: 10.0.0.11}", "10.0.0.11/24",
                    "192.0.2.1/24");
            assertEquals(2, p.size(), p::toString);
            assertTrue(p.get(0).startsWith("o.yaml:8:63: nodes.r1.interfaces.ge0.vrrp.virtual-ip: virtual address 10.0.0.11 is already "
                    + "the address of h1 (nodes.h1.address, line 3)"), p.get(0));
        }

        @Test
        @DisplayName("a virtual address that is the address of a router outside the group")
        void nonMembersAddress() {
            List<String> p = problems("vrrp: {vrid: 1, virtual-ip: 10.0.0.3}", "vrrp: {vrid: 1, virtual-ip: 10.0.0.3}");
            assertEquals(2, p.size(), p::toString);
            assertTrue(p.get(1).contains("nodes.r2.interfaces.ge0.vrrp.virtual-ip: virtual address 10.0.0.3 is already the address of r3"), p.get(1));
        }

        @Test
        @DisplayName("a virtual address that is a member's address on another interface than the group's (not the owner's)")
        void membersOtherInterface() {
            // r1:ge1 has 10.0.0.9 on the LAN's subnet too; r1's group is on ge0
            List<String> p = problems("vrrp: {vrid: 1, virtual-ip: 10.0.0.9}", "vrrp: {vrid: 1, virtual-ip: 10.0.0.9}", "10.0.0.11/24",
                    "10.0.0.9/24");
            assertEquals(2, p.size(), p::toString);
            assertTrue(p.get(0).contains("virtual address 10.0.0.9 is already the address of r1 (nodes.r1.interfaces.ge1.address"), p.get(0));
        }

        @Test
        @DisplayName("RFC 5798 §5.2.4: the owner's priority must be 255")
        void ownerBelow255() {
            assertEquals(List.of("o.yaml:8:61: nodes.r1.interfaces.ge0.vrrp.priority: r1:ge0 has 10.0.0.1 as its own address, so it is the "
                            + "address owner of vrrp:1: its priority must be 255 (RFC 5798 §5.2.4), got 200"),
                    problems("vrrp: {vrid: 1, priority: 200, virtual-ip: 10.0.0.1}", "vrrp: {vrid: 1, virtual-ip: 10.0.0.1}"));
        }

        @Test
        @DisplayName("HSRP has no address owner: its virtual address may not be a member's own")
        void hsrpOwner() {
            List<String> p = problems("hsrp: {group: 1, priority: 110, virtual-ip: 10.0.0.1}", "hsrp: {group: 1, virtual-ip: 10.0.0.1}");
            assertEquals(2, p.size(), p::toString);
            assertTrue(p.get(0).endsWith("only VRRP lets a member own its group's virtual address (RFC 5798 §5.2.4), HSRP needs an "
                    + "address of its own"), p.get(0));
        }
    }
}
