package io.firsthop.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One group being recorded: its members' current states and every transition. */
final class GroupState {
    /** "vrrp 1 on ge0", "glbp 1 on ge0 forwarder 2", "hsrp 10 on ge0". */
    private static final Pattern NAME = Pattern.compile(
            "^(vrrp|hsrp|glbp|anycast|varp)\\s+(\\S+)(?:\\s+on\\s+(\\S+))?(?:\\s+(forwarder\\s+\\d+))?.*$", Pattern.CASE_INSENSITIVE);

    /** A trace group string taken apart. */
    record Parsed(String protocol, String id, String interfaceName, String instance) {
        /** Null when the string is not a first-hop group (tracking objects, unknown protocols). */
        static Parsed of(String group) {
            if (group == null) return null;
            Matcher m = NAME.matcher(group.trim());
            if (!m.matches()) return null;
            String instance = m.group(4) == null ? null : m.group(4).replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
            return new Parsed(m.group(1).toLowerCase(Locale.ROOT), m.group(2), m.group(3), instance);
        }
    }

    /** One router's instance in the group. */
    static final class Member {
        final String device;
        final String interfaceName;
        /** instance (null key = the group itself) -> current state */
        final Map<String, String> states = new LinkedHashMap<>();

        Member(String device, String interfaceName) {
            this.device = device;
            this.interfaceName = interfaceName;
        }

        String state() {
            return states.get(null);
        }
    }

    /** What the new holder had last heard before taking over. */
    record AdvertSeen(long at, String from) {}

    final String name;
    final String protocol;
    final String id;
    final String segment;
    final Map<String, Member> members = new LinkedHashMap<>();
    final List<Transition> transitions = new ArrayList<>();
    /** For transitions into the forwarding role: the last advert the device had received. */
    final Map<Transition, AdvertSeen> advertsBefore = new java.util.IdentityHashMap<>();

    GroupState(String protocol, String id, String segment) {
        this.protocol = protocol;
        this.id = id;
        this.segment = segment;
        this.name = protocol + ":" + id + (segment == null ? "" : "@" + segment);
    }

    Member member(String device, String interfaceName) {
        return members.computeIfAbsent(device + "|" + interfaceName, k -> new Member(device, interfaceName));
    }

    /** The member holding the forwarding role of {@code instance} (null: the group), or null. */
    String holder(String instance) {
        for (Member m : members.values()) {
            if (GroupReport.isForwardingState(m.states.get(instance))) return m.device;
        }
        return null;
    }

    /** Whether every member forwards by design (an anycast gateway, Arista's VARP): nobody is elected, so no dual master. */
    static boolean allMembersForward(String protocol) {
        return "anycast".equalsIgnoreCase(protocol) || "varp".equalsIgnoreCase(protocol);
    }

    static boolean isDownState(String state) {
        if (state == null) return true;
        String s = state.toLowerCase(Locale.ROOT);
        return s.equals("initialize") || s.equals("initial") || s.equals("disabled") || s.equals("down") || s.equals("init");
    }

    /** Periods with two or more holders of the group's own role, from transitions in time order. */
    static List<DualMaster> dualMasters(List<Transition> ts) {
        List<DualMaster> out = new ArrayList<>();
        List<String> holders = new ArrayList<>();
        long openSince = -1;
        List<String> openDevices = null;
        int i = 0;
        while (i < ts.size()) {
            long at = ts.get(i).atNs();
            // apply every transition of one instant before judging: a swap at one instant is no split brain
            while (i < ts.size() && ts.get(i).atNs() == at) {
                Transition t = ts.get(i++);
                if (t.instance() != null) continue;
                if (t.toForwarding()) {
                    if (!holders.contains(t.device())) holders.add(t.device());
                } else {
                    holders.remove(t.device());
                }
            }
            if (holders.size() >= 2 && openSince < 0) {
                openSince = at;
                openDevices = new ArrayList<>(holders);
            } else if (holders.size() >= 2) {
                for (String h : holders) if (!openDevices.contains(h)) openDevices.add(h);
            } else if (openSince >= 0) {
                out.add(new DualMaster(openSince, at, openDevices));
                openSince = -1;
            }
        }
        if (openSince >= 0) out.add(new DualMaster(openSince, -1, openDevices));
        return out;
    }
}
