package io.tollgate.bench;

import java.util.Locale;

/** Prints results as aligned rows, so that a run reads as a table. */
final class Report {
    private Report() {
    }

    static void header(String title) {
        System.out.println();
        System.out.println("== " + title + " ==");
    }

    static void row(String what, double value, String unit) {
        System.out.println(String.format(Locale.ROOT, "  %-58s %14.3f %s", what, value, unit));
    }

    static void ratio(String what, double ratio) {
        System.out.println(String.format(Locale.ROOT, "  %-58s %14.2fx", what, ratio));
    }

    static void note(String text) {
        System.out.println("  " + text);
    }
}
