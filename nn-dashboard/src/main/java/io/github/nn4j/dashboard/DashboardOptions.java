package io.github.nn4j.dashboard;

/**
 * How a {@link Dashboard} serves and samples. Start from {@link #defaults()} and change what you
 * need: {@code DashboardOptions.defaults().port(8080).budget(0.005)}.
 *
 * @param host               the address the server binds: {@code 127.0.0.1} (this machine only)
 *                           unless another is asked for explicitly with {@link #bindTo(String)}
 * @param port               the port; {@value #DEFAULT_PORT} by default, or any free port when that
 *                           one is taken; 0 for any free port
 * @param budget             the largest share of training time the layer statistics may cost (the
 *                           sampling adapts to it); 0.01 by default
 * @param sampleEvery        measure layer statistics every this many steps instead, or 0 (default)
 *                           to follow the budget
 * @param minSampleGapMillis the least time between two samples, 100 ms by default: the page
 *                           shows no more than that
 * @param maxPoints          the most points kept per curve (older ones are thinned evenly), 2,000
 *                           by default
 * @param maxRuns            the most runs kept on one page; the oldest finished one goes first, 32
 *                           by default
 * @param printAddress       whether starting prints the page's address on standard output
 */
public record DashboardOptions(String host, int port, double budget, long sampleEvery, long minSampleGapMillis,
                               int maxPoints, int maxRuns, boolean printAddress) {

    /** The loopback address the server binds by default. */
    public static final String LOOPBACK = "127.0.0.1";
    /** The port tried first by default. */
    public static final int DEFAULT_PORT = 7750;

    /** Checks every option, naming the one out of range. */
    public DashboardOptions {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("dashboard host is empty; use 127.0.0.1 for this machine only");
        }
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("dashboard port must be 0 to 65535, got " + port);
        }
        if (!(budget > 0 && budget <= 1)) {
            throw new IllegalArgumentException("dashboard budget must be a share of training time in (0, 1], got "
                    + budget);
        }
        if (sampleEvery < 0 || minSampleGapMillis < 0) {
            throw new IllegalArgumentException("sampleEvery and minSampleGapMillis cannot be negative, got "
                    + sampleEvery + " and " + minSampleGapMillis);
        }
        if (maxPoints < 16 || maxPoints > 1_000_000 || maxPoints % 2 != 0) {
            throw new IllegalArgumentException("maxPoints must be even, from 16 to 1,000,000, got " + maxPoints);
        }
        if (maxRuns < 1 || maxRuns > 1_000) {
            throw new IllegalArgumentException("maxRuns must be 1 to 1,000, got " + maxRuns);
        }
    }

    /** 127.0.0.1, port 7750 (or a free one), 1 % budget, 2,000 points per curve, 32 runs, address printed. */
    public static DashboardOptions defaults() {
        return new DashboardOptions(LOOPBACK, DEFAULT_PORT, 0.01, 0, 100, 2_000, 32, true);
    }

    /**
     * Binds another address, e.g. {@code "0.0.0.0"} to be reachable from other machines. The page
     * shows training data and model structure to whoever reaches it, and has no login: bind another
     * address only on a network you trust.
     *
     * @param address an IP address or host name of this machine
     * @return the changed options
     */
    public DashboardOptions bindTo(String address) {
        return new DashboardOptions(address, port, budget, sampleEvery, minSampleGapMillis, maxPoints, maxRuns,
                printAddress);
    }

    /**
     * Serves on this port (0 for any free one); a taken port is then an error.
     *
     * @param number the port
     * @return the changed options
     */
    public DashboardOptions port(int number) {
        return new DashboardOptions(host, number, budget, sampleEvery, minSampleGapMillis, maxPoints, maxRuns,
                printAddress);
    }

    /**
     * The largest share of training time the statistics may cost.
     *
     * @param share e.g. 0.01 for 1 %
     * @return the changed options
     */
    public DashboardOptions budget(double share) {
        return new DashboardOptions(host, port, share, sampleEvery, minSampleGapMillis, maxPoints, maxRuns,
                printAddress);
    }

    /**
     * Measures layer statistics every {@code steps} steps, whatever it costs (0 follows the budget).
     *
     * @param steps steps between samples
     * @return the changed options
     */
    public DashboardOptions sampleEvery(long steps) {
        return new DashboardOptions(host, port, budget, steps, minSampleGapMillis, maxPoints, maxRuns, printAddress);
    }

    /**
     * The least time between two samples.
     *
     * @param millis milliseconds, 0 for none
     * @return the changed options
     */
    public DashboardOptions minSampleGapMillis(long millis) {
        return new DashboardOptions(host, port, budget, sampleEvery, millis, maxPoints, maxRuns, printAddress);
    }

    /**
     * The most points kept per curve.
     *
     * @param points an even number from 16 to 1,000,000
     * @return the changed options
     */
    public DashboardOptions maxPoints(int points) {
        return new DashboardOptions(host, port, budget, sampleEvery, minSampleGapMillis, points, maxRuns, printAddress);
    }

    /**
     * The most runs kept on one page.
     *
     * @param runs from 1 to 1,000
     * @return the changed options
     */
    public DashboardOptions maxRuns(int runs) {
        return new DashboardOptions(host, port, budget, sampleEvery, minSampleGapMillis, maxPoints, runs, printAddress);
    }

    /** Starts without printing the address (it is still logged at INFO). */
    public DashboardOptions quiet() {
        return new DashboardOptions(host, port, budget, sampleEvery, minSampleGapMillis, maxPoints, maxRuns, false);
    }
}
