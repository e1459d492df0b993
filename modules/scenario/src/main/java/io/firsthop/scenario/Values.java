package io.firsthop.scenario;

import io.firsthop.scenario.Yaml.Entry;
import io.firsthop.scenario.Yaml.Pos;
import io.firsthop.scenario.Yaml.Y;
import io.firsthop.scenario.Yaml.YMap;
import io.firsthop.scenario.Yaml.YNull;
import io.firsthop.scenario.Yaml.YScalar;
import io.firsthop.scenario.Yaml.YSeq;
import io.firsthop.wire.InterfaceAddress;
import io.firsthop.wire.Ipv4Address;
import io.firsthop.wire.Ipv4Prefix;
import io.firsthop.wire.MacAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Typed reading of positioned YAML values. Every reader records where the path was written and,
 * on a mismatch, reports what was expected and returns null (never throws).
 */
final class Values {
    final Ctx ctx;

    Values(Ctx ctx) {
        this.ctx = ctx;
    }

    /** A mapping being read: unknown keys are reported on construction, with the nearest valid key. */
    final class Fields {
        final YMap map;
        final String path;
        final Pos anchor;

        Fields(YMap map, String path, Pos anchor, List<String> allowed) {
            this.map = map;
            this.path = path;
            this.anchor = anchor;
            ctx.mark(path, anchor);
            if (allowed != null) {
                for (Entry e : map.entries().values()) {
                    if (!allowed.contains(e.key())) unknownKey(e, at(e.key()), allowed);
                }
            }
        }

        boolean has(String key) {
            return map.get(key) != null;
        }

        Y get(String key) {
            Entry e = map.get(key);
            if (e == null) return null;
            ctx.mark(at(key), e.value() instanceof YScalar || e.value() instanceof YNull ? e.value().pos() : e.keyPos());
            return e.value();
        }

        /** Where the value of {@code key} was written (the mapping's anchor when absent). */
        Pos position(String key) {
            Entry e = map.get(key);
            return e == null ? anchor : e.value().pos();
        }

        Pos keyPos(String key) {
            Entry e = map.get(key);
            return e == null ? anchor : e.keyPos();
        }

        String at(String key) {
            return path.isEmpty() ? key : path + "." + key;
        }

        void missing(String key, String expected) {
            ctx.error(anchor, path, "missing '" + key + "': expected " + expected);
        }

        String string(String key, String expected) {
            Y y = get(key);
            return y == null ? null : str(y, at(key), expected);
        }

        Integer integer(String key, int min, int max) {
            Y y = get(key);
            return y == null ? null : Values.this.integer(y, at(key), min, max);
        }

        Boolean bool(String key) {
            Y y = get(key);
            return y == null ? null : Values.this.bool(y, at(key));
        }

        Duration duration(String key) {
            Y y = get(key);
            return y == null ? null : Values.this.duration(y, at(key));
        }

        Ipv4Address ip(String key) {
            Y y = get(key);
            return y == null ? null : Values.this.ip(y, at(key));
        }

        MacAddress mac(String key) {
            Y y = get(key);
            return y == null ? null : Values.this.mac(y, at(key));
        }

        /** Both keys given: one error, at the second. */
        boolean exclusive(String a, String b) {
            if (has(a) && has(b)) {
                ctx.error(keyPos(b), at(b), "give either '" + a + "' or '" + b + "', not both");
                return false;
            }
            return true;
        }
    }

    void unknownKey(Entry e, String path, List<String> allowed) {
        ctx.error(e.keyPos(), path, "unknown key '" + e.key() + "'" + Suggest.didYouMean(e.key(), allowed)
                + "; valid keys here: " + String.join(", ", allowed));
    }

    Fields fields(Y y, String path, Pos anchor, List<String> allowed, String expected) {
        if (y instanceof YMap m) return new Fields(m, path, anchor, allowed);
        ctx.error(y.pos(), path, "expected " + expected + ", got " + Yaml.describe(y));
        return null;
    }

    String str(Y y, String path, String expected) {
        ctx.mark(path, y.pos());
        if (y instanceof YScalar s) return s.text();
        ctx.error(y.pos(), path, "expected " + expected + ", got " + Yaml.describe(y));
        return null;
    }

    /** A plain (unquoted) scalar, for numbers and booleans. */
    private String plain(Y y, String path, String expected) {
        ctx.mark(path, y.pos());
        if (y instanceof YScalar s && s.plain()) return s.text();
        ctx.error(y.pos(), path, "expected " + expected + ", got " + Yaml.describe(y)
                + (y instanceof YScalar ? " (a quoted string)" : ""));
        return null;
    }

    Integer integer(Y y, String path, int min, int max) {
        String expected = "an integer from " + min + " to " + max;
        String t = plain(y, path, expected);
        if (t == null) return null;
        long v;
        try {
            if (t.length() > 12 || t.startsWith("+")) throw new NumberFormatException();
            v = Long.parseLong(t);
        } catch (NumberFormatException e) {
            ctx.error(y.pos(), path, "expected " + expected + ", got " + Yaml.describe(y));
            return null;
        }
        if (v < min || v > max) {
            ctx.error(y.pos(), path, "expected " + expected + ", got " + v);
            return null;
        }
        return (int) v;
    }

    Long longValue(Y y, String path) {
        String expected = "an integer";
        String t = plain(y, path, expected);
        if (t == null) return null;
        try {
            return Long.parseLong(t);
        } catch (NumberFormatException e) {
            ctx.error(y.pos(), path, "expected " + expected + ", got " + Yaml.describe(y));
            return null;
        }
    }

    Boolean bool(Y y, String path) {
        String t = plain(y, path, "true or false");
        if (t == null) return null;
        return switch (t.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on" -> Boolean.TRUE;
            case "false", "no", "off" -> Boolean.FALSE;
            default -> {
                ctx.error(y.pos(), path, "expected true or false, got " + Yaml.describe(y));
                yield null;
            }
        };
    }

    Duration duration(Y y, String path) {
        String t = str(y, path, Units.DURATION_SYNTAX);
        if (t == null) return null;
        try {
            return Units.parseDuration(t);
        } catch (IllegalArgumentException e) {
            ctx.error(y.pos(), path, e.getMessage());
            return null;
        }
    }

    Double loss(Y y, String path) {
        String t = str(y, path, Units.LOSS_SYNTAX);
        if (t == null) return null;
        try {
            return Units.parseLoss(t);
        } catch (IllegalArgumentException e) {
            ctx.error(y.pos(), path, e.getMessage());
            return null;
        }
    }

    Long bitRate(Y y, String path) {
        String t = str(y, path, Units.BIT_RATE_SYNTAX);
        if (t == null) return null;
        try {
            return Units.parseBitRate(t);
        } catch (IllegalArgumentException e) {
            ctx.error(y.pos(), path, e.getMessage());
            return null;
        }
    }

    Double packetRate(Y y, String path) {
        String t = str(y, path, Units.PACKET_RATE_SYNTAX);
        if (t == null) return null;
        try {
            return Units.parsePacketRate(t);
        } catch (IllegalArgumentException e) {
            ctx.error(y.pos(), path, e.getMessage());
            return null;
        }
    }

    Ipv4Address ip(Y y, String path) {
        String t = str(y, path, "an IPv4 address such as 10.0.0.1");
        if (t == null) return null;
        try {
            return Ipv4Address.parse(t);
        } catch (IllegalArgumentException e) {
            ctx.error(y.pos(), path, "expected an IPv4 address such as 10.0.0.1, got " + Yaml.describe(y));
            return null;
        }
    }

    InterfaceAddress interfaceAddress(Y y, String path) {
        String expected = "an address with its prefix length, such as 10.0.0.2/24";
        String t = str(y, path, expected);
        if (t == null) return null;
        try {
            InterfaceAddress a = InterfaceAddress.parse(t);
            Ipv4Prefix p = a.prefix();
            if (a.prefixLength() < 31 && (a.address().equals(p.network()) || a.address().equals(p.broadcast()))) {
                ctx.error(y.pos(), path, a.address() + " is the " + (a.address().equals(p.network()) ? "network" : "broadcast")
                        + " address of " + p + "; an interface needs a host address");
                return null;
            }
            return a;
        } catch (IllegalArgumentException e) {
            ctx.error(y.pos(), path, "expected " + expected + ", got " + Yaml.describe(y));
            return null;
        }
    }

    Ipv4Prefix prefix(Y y, String path) {
        String expected = "a prefix such as 10.1.0.0/16 (or 'default' for 0.0.0.0/0)";
        String t = str(y, path, expected);
        if (t == null) return null;
        if (t.equals("default")) return Ipv4Prefix.parse("0.0.0.0/0");
        try {
            return Ipv4Prefix.parse(t);
        } catch (IllegalArgumentException e) {
            ctx.error(y.pos(), path, "expected " + expected + ", got " + Yaml.describe(y)
                    + (e.getMessage().contains("host bits") ? ": " + e.getMessage() : ""));
            return null;
        }
    }

    MacAddress mac(Y y, String path) {
        String expected = "a MAC address such as 02:00:00:00:00:01 (or Cisco's 0200.0000.0001)";
        String t = str(y, path, expected);
        if (t == null) return null;
        try {
            return MacAddress.parse(t);
        } catch (IllegalArgumentException e) {
            ctx.error(y.pos(), path, "expected " + expected + ", got " + Yaml.describe(y));
            return null;
        }
    }

    /** A list; a single value where {@code allowSingle} is given is read as a list of one. */
    List<Y> list(Y y, String path, String expected, boolean allowSingle) {
        ctx.mark(path, y.pos());
        if (y instanceof YSeq s) return s.items();
        if (allowSingle && !(y instanceof YNull)) return List.of(y);
        ctx.error(y.pos(), path, "expected " + expected + ", got " + Yaml.describe(y));
        return null;
    }

    /** The items of a list with their paths, "path[i]" each marked. */
    List<String> itemPaths(String path, List<Y> items) {
        List<String> out = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            String p = path + "[" + i + "]";
            ctx.mark(p, items.get(i).pos());
            out.add(p);
        }
        return out;
    }
}
