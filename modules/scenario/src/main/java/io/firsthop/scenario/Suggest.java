package io.firsthop.scenario;

import java.util.Collection;

/** "Did you mean" suggestions by Levenshtein distance. */
final class Suggest {
    private Suggest() {
    }

    /** The candidate nearest to {@code typed}, or null when none is close enough to be a likely typo. */
    static String nearest(String typed, Collection<String> candidates) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String c : candidates) {
            int d = distance(typed.toLowerCase(java.util.Locale.ROOT), c.toLowerCase(java.util.Locale.ROOT));
            if (d < bestDistance) {
                bestDistance = d;
                best = c;
            }
        }
        // a third of the longer word, at least 2 edits: "priorty" -> "priority", not "foo" -> "seed"
        if (best == null || bestDistance > Math.max(2, Math.max(typed.length(), best.length()) / 3)) return null;
        return best;
    }

    /** " (did you mean 'x'?)" or "". */
    static String didYouMean(String typed, Collection<String> candidates) {
        String n = nearest(typed, candidates);
        return n == null ? "" : " (did you mean '" + n + "'?)";
    }

    static int distance(String a, String b) {
        if (a.length() > 64 || b.length() > 64) return Math.max(a.length(), b.length());
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) prev[j] = j;
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
