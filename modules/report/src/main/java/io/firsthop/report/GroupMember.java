package io.firsthop.report;

import java.util.Map;

/**
 * One router's instance of a group.
 *
 * @param device        the router
 * @param interfaceName its interface in the group
 * @param site          its site, or null
 * @param state         its state at the end of the recorded trace
 * @param counters      counters named as the ietf-vrrp YANG model names them ("master-transitions",
 *                      "advertisement-rcvd", ...), derived from the trace; counters that need frame events
 *                      are absent when frames were not analysed (see docs/report-format.md)
 */
public record GroupMember(String device, String interfaceName, String site, String state, Map<String, Long> counters) {
    public GroupMember {
        counters = counters == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(counters));
    }
}
