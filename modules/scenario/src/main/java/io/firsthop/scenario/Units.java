package io.firsthop.scenario;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The unit syntax of scenario files: durations ("10s", "250ms", "0.1ms", "2us", "5m"), bit
 * rates ("10Mbps", SI prefixes), packet rates ("1000pps") and loss ("0.5%" or 0.005).
 * Every parser throws {@link IllegalArgumentException} whose message says what was expected.
 */
public final class Units {
    private static final Pattern NUMBER_UNIT = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)\\s*([a-zA-Zµ%]*)");
    public static final String DURATION_SYNTAX = "a duration such as 10s, 250ms, 0.1ms or 2us (units ns, us, ms, s, m, h)";
    public static final String BIT_RATE_SYNTAX = "a bit rate such as 10Mbps (units bps, kbps, Mbps, Gbps)";
    public static final String PACKET_RATE_SYNTAX = "a packet rate such as 1000pps (units pps, kpps)";
    public static final String LOSS_SYNTAX = "a loss such as 0.5% or a probability from 0 to 1";

    private Units() {
    }

    /** Parses a duration; a bare 0 is accepted, other numbers need a unit. Sub-nanosecond precision is an error. */
    public static Duration parseDuration(String text) {
        String t = text.trim();
        Matcher m = NUMBER_UNIT.matcher(t);
        if (!m.matches()) throw new IllegalArgumentException("expected " + DURATION_SYNTAX + ", got '" + text + "'");
        BigDecimal number = new BigDecimal(m.group(1));
        String unit = m.group(2);
        long nanosPerUnit = switch (unit) {
            case "ns" -> 1L;
            case "us", "µs" -> 1_000L;
            case "ms" -> 1_000_000L;
            case "s" -> 1_000_000_000L;
            case "m", "min" -> 60_000_000_000L;
            case "h" -> 3_600_000_000_000L;
            case "" -> {
                if (number.signum() == 0) yield 1L;
                throw new IllegalArgumentException("expected " + DURATION_SYNTAX + ": '" + text + "' has no unit");
            }
            default -> throw new IllegalArgumentException("expected " + DURATION_SYNTAX + ": unknown unit '" + unit + "' in '" + text + "'");
        };
        BigDecimal nanos = number.multiply(BigDecimal.valueOf(nanosPerUnit));
        if (nanos.stripTrailingZeros().scale() > 0) {
            throw new IllegalArgumentException("'" + text + "' is finer than a nanosecond, the emulator's resolution");
        }
        // one year: anything longer is surely a unit mistake, and the bound keeps nanos far from overflow
        if (nanos.compareTo(BigDecimal.valueOf(365L * 86_400_000_000_000L)) > 0) {
            throw new IllegalArgumentException("'" + text + "' is longer than a year");
        }
        return Duration.ofNanos(nanos.longValueExact());
    }

    /** Parses a bit rate in bits per second: "bps", "kbps", "Mbps", "Gbps" (SI, powers of 1000; case-insensitive). */
    public static long parseBitRate(String text) {
        Matcher m = NUMBER_UNIT.matcher(text.trim());
        if (!m.matches()) throw new IllegalArgumentException("expected " + BIT_RATE_SYNTAX + ", got '" + text + "'");
        String unit = m.group(2).toLowerCase(Locale.ROOT);
        long scale = switch (unit) {
            case "bps" -> 1L;
            case "kbps" -> 1_000L;
            case "mbps" -> 1_000_000L;
            case "gbps" -> 1_000_000_000L;
            case "tbps" -> 1_000_000_000_000L;
            case "pps", "kpps" -> throw new IllegalArgumentException("expected " + BIT_RATE_SYNTAX
                    + ": a link's rate is in bits per second, not packets");
            default -> throw new IllegalArgumentException("expected " + BIT_RATE_SYNTAX + ", got '" + text + "'");
        };
        BigDecimal bits = new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(scale));
        if (bits.compareTo(BigDecimal.valueOf(10_000_000_000_000L)) > 0) {
            throw new IllegalArgumentException("'" + text + "' is faster than 10 Tbps");
        }
        return bits.setScale(0, java.math.RoundingMode.HALF_UP).longValueExact();
    }

    /** Parses a packet rate in packets per second: "pps" or "kpps" (case-insensitive); must be positive. */
    public static double parsePacketRate(String text) {
        Matcher m = NUMBER_UNIT.matcher(text.trim());
        if (!m.matches()) throw new IllegalArgumentException("expected " + PACKET_RATE_SYNTAX + ", got '" + text + "'");
        String unit = m.group(2).toLowerCase(Locale.ROOT);
        double scale = switch (unit) {
            case "pps" -> 1.0;
            case "kpps" -> 1_000.0;
            case "bps", "kbps", "mbps", "gbps" -> throw new IllegalArgumentException("expected " + PACKET_RATE_SYNTAX
                    + ": a flow sends probes, so its rate is in packets per second (bit rates are for links)");
            default -> throw new IllegalArgumentException("expected " + PACKET_RATE_SYNTAX + ", got '" + text + "'");
        };
        double pps = Double.parseDouble(m.group(1)) * scale;
        if (!(pps > 0)) throw new IllegalArgumentException("a packet rate must be positive, got '" + text + "'");
        return pps;
    }

    /** Parses a loss: "0.5%" (a percentage, 0..100) or a bare probability 0..1. */
    public static double parseLoss(String text) {
        String t = text.trim();
        double value;
        try {
            if (t.endsWith("%")) {
                value = Double.parseDouble(t.substring(0, t.length() - 1).trim()) / 100.0;
            } else {
                value = Double.parseDouble(t);
                if (value > 1.0) {
                    throw new IllegalArgumentException("expected " + LOSS_SYNTAX + ": " + t
                            + " is more than 1 (write " + t + "% for a percentage)");
                }
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected " + LOSS_SYNTAX + ", got '" + text + "'");
        }
        if (!(value >= 0.0 && value <= 1.0) || t.startsWith("+") || t.contains("e") || t.contains("E")) {
            throw new IllegalArgumentException("expected " + LOSS_SYNTAX + ", got '" + text + "'");
        }
        return value;
    }

    /** Formats a duration in the scenario syntax, with the largest unit that keeps it exact. */
    public static String formatDuration(Duration d) {
        long n = d.toNanos();
        if (n == 0) return "0s";
        if (n % 1_000_000_000L == 0) return (n / 1_000_000_000L) + "s";
        if (n % 1_000_000L == 0) return (n / 1_000_000L) + "ms";
        if (n % 1_000L == 0) return (n / 1_000L) + "us";
        return n + "ns";
    }
}
