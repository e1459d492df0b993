package io.firsthop.report;

import java.math.BigDecimal;
import java.util.Locale;

/** Exact conversions between nanoseconds and the decimal seconds / milliseconds of the JSON files. */
final class Units {
    private Units() {
    }

    /** Nanoseconds as decimal seconds, exactly ("12.0005", "3", "0.000000001"). */
    static String seconds(long ns) {
        return decimal(ns, 9);
    }

    /** Nanoseconds as decimal milliseconds, exactly ("0.412", "3609"). */
    static String ms(long ns) {
        return decimal(ns, 6);
    }

    /** {@code value / 10^scale} in plain decimal, no trailing zeros; by hand, as events.jsonl needs it per line. */
    static String decimal(long value, int scale) {
        if (value == Long.MIN_VALUE) return BigDecimal.valueOf(value, scale).stripTrailingZeros().toPlainString();
        long unit = 1;
        for (int i = 0; i < scale; i++) unit *= 10;
        long abs = Math.abs(value);
        long whole = abs / unit;
        long frac = abs % unit;
        StringBuilder sb = new StringBuilder(24);
        if (value < 0) sb.append('-');
        sb.append(whole);
        if (frac != 0) {
            int digits = scale;
            while (frac % 10 == 0) {
                frac /= 10;
                digits--;
            }
            String f = Long.toString(frac);
            sb.append('.');
            for (int i = f.length(); i < digits; i++) sb.append('0');
            sb.append(f);
        }
        return sb.toString();
    }

    /** Decimal seconds back to nanoseconds (rounded to the nearest). */
    static long secondsToNs(BigDecimal s) {
        return s.movePointRight(9).setScale(0, java.math.RoundingMode.HALF_EVEN).longValueExact();
    }

    static long msToNs(BigDecimal ms) {
        return ms.movePointRight(6).setScale(0, java.math.RoundingMode.HALF_EVEN).longValueExact();
    }

    /** "3.610 s", "412.3 ms", "87 µs": a duration for people. */
    static String human(long ns) {
        if (ns < 0) return "n/a";
        double abs = ns;
        if (abs >= 1e9) return String.format(Locale.ROOT, "%.3f s", ns / 1e9);
        if (abs >= 1e6) return String.format(Locale.ROOT, "%.1f ms", ns / 1e6);
        if (abs >= 1e3) return String.format(Locale.ROOT, "%.0f µs", ns / 1e3);
        return ns + " ns";
    }

    /** "0.412" ms with three decimals, or "-" for NaN / null. */
    static String msFigure(Double ms) {
        if (ms == null || ms.isNaN()) return "-";
        return String.format(Locale.ROOT, "%.3f", ms);
    }

    /** Seconds since the start, for tables: "10.000". */
    static String at(long ns) {
        return String.format(Locale.ROOT, "%.3f", ns / 1e9);
    }
}
