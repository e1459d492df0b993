package io.firsthop.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One first-hop redundancy group (VRRP, HSRP, GLBP or anycast), as its StateChanged events tell it.
 *
 * @param name        "protocol:id", or "protocol:id@segment" when the caller gave segments
 * @param protocol    "vrrp", "hsrp", "glbp", "anycast" or "varp"
 * @param groupId     the VRID / group number / address, as the trace spells it
 * @param segment     the L2 segment, or null when not given
 * @param members     the routers in it, by first appearance
 * @param transitions every state change, in time order (GLBP forwarders too, with their instance)
 * @param dualMasters every time two members held the forwarding role at once (the group itself, not forwarders)
 */
public record GroupReport(String name, String protocol, String groupId, String segment, List<GroupMember> members,
                          List<Transition> transitions, List<DualMaster> dualMasters) {
    public GroupReport {
        members = List.copyOf(members);
        transitions = List.copyOf(transitions);
        dualMasters = List.copyOf(dualMasters);
    }

    /** Whether a state name is the forwarding role: "master" (VRRP), "active" (HSRP, GLBP AVG and AVF). */
    public static boolean isForwardingState(String state) {
        if (state == null) return false;
        String s = state.toLowerCase(Locale.ROOT);
        return s.equals("master") || s.equals("active");
    }

    /** The members holding the group's forwarding role (not forwarders') at {@code atNs}, transitions at that instant applied. */
    public List<String> holdersAt(long atNs) {
        List<String> holders = new ArrayList<>();
        for (Transition t : transitions) {
            if (t.atNs() > atNs) break;
            if (t.instance() != null) continue;
            if (t.toForwarding()) {
                if (!holders.contains(t.device())) holders.add(t.device());
            } else {
                holders.remove(t.device());
            }
        }
        return holders;
    }

    /** The state of {@code device} (the group itself) at {@code atNs}, or null if it had none yet. */
    public String stateAt(String device, long atNs) {
        String state = null;
        for (Transition t : transitions) {
            if (t.atNs() > atNs) break;
            if (t.instance() == null && t.device().equals(device)) state = t.to();
        }
        return state;
    }

    /** The longest split-brain time; 0 when there was none. */
    public long longestDualMasterNs(long traceEndNs) {
        long best = 0;
        for (DualMaster d : dualMasters) best = Math.max(best, d.durationNs(traceEndNs));
        return best;
    }

    /** Transitions of the group itself into the forwarding role. */
    public long masterTransitions() {
        long n = 0;
        for (Transition t : transitions) if (t.instance() == null && t.toForwarding()) n++;
        return n;
    }
}
