package io.tollgate.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Timing helpers: throughput over a fixed time, latency percentiles, with a warm-up first. */
final class Measure {
    private Measure() {
    }

    /** Something measured once per call. */
    @FunctionalInterface
    interface Op {
        void run(long i) throws Exception;
    }

    /** Operations per second of one thread over {@code seconds}, after {@code warmupSeconds}. */
    static double throughput(Op op, double warmupSeconds, double seconds) throws Exception {
        loop(op, warmupSeconds);
        return loop(op, seconds) / seconds;
    }

    private static long loop(Op op, double seconds) throws Exception {
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        long n = 0;
        while (System.nanoTime() < deadline) {
            for (int k = 0; k < 64; k++) {
                op.run(n++);
            }
        }
        return n;
    }

    /** CPU time (user and system, all its threads) the running process {@code pid} has used so far. */
    static Duration processCpu(long pid) {
        return ProcessHandle.of(pid).orElseThrow().info().totalCpuDuration().orElse(Duration.ZERO);
    }

    /**
     * CPU clock ticks a process has used so far: all its threads, and its JIT compiler threads
     * alone (HotSpot's {@code C1/C2 CompilerThread}s, live ones). A compiler's work is a warm-up cost
     * that a long-running server pays once; a benchmark of a few thousand calls still pays it.
     */
    record CpuTicks(long all, long compilers) {
        /** The share of the CPU used since {@code before} that went to the JIT compilers (0 to 1). */
        double compilerShareSince(CpuTicks before) {
            long all = this.all - before.all;
            return all <= 0 ? 0 : Math.min(1, Math.max(0, (double) (compilers - before.compilers) / all));
        }
    }

    /** The process's ticks from Linux's {@code /proc}; empty where there is none. */
    static Optional<CpuTicks> cpuTicks(long pid) {
        Path proc = Path.of("/proc", Long.toString(pid));
        try (DirectoryStream<Path> threads = Files.newDirectoryStream(proc.resolve("task"))) {
            long compilers = 0;
            for (Path thread : threads) {
                compilers += compilerTicks(thread);
            }
            return Optional.of(new CpuTicks(ticks(Files.readString(proc.resolve("stat"))), compilers));
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // not Linux, or not a process of this machine: no share
        }
    }

    private static long compilerTicks(Path thread) {
        try {
            String name = Files.readString(thread.resolve("comm")).trim();
            boolean compiler = name.startsWith("C1 CompilerThre") || name.startsWith("C2 CompilerThre");
            return compiler ? ticks(Files.readString(thread.resolve("stat"))) : 0;
        } catch (IOException e) {
            return 0; // the thread ended while it was read
        }
    }

    /** utime + stime of a {@code /proc} stat line (fields 14 and 15; the name before may hold spaces). */
    private static long ticks(String stat) {
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    /** Latency samples in nanoseconds, {@code count} calls per thread over {@code threads} threads. */
    static Latencies latencies(Op op, int threads, int warmup, int count) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Callable<long[]>> tasks = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                final int offset = t * (warmup + count);
                tasks.add(() -> {
                    for (int i = 0; i < warmup; i++) {
                        op.run(offset + i);
                    }
                    long[] samples = new long[count];
                    for (int i = 0; i < count; i++) {
                        long start = System.nanoTime();
                        op.run(offset + warmup + i);
                        samples[i] = System.nanoTime() - start;
                    }
                    return samples;
                });
            }
            long wallStart = System.nanoTime();
            List<Future<long[]>> results = pool.invokeAll(tasks);
            long wall = System.nanoTime() - wallStart;
            long[] all = new long[threads * count];
            int at = 0;
            for (Future<long[]> result : results) {
                long[] samples = result.get();
                System.arraycopy(samples, 0, all, at, samples.length);
                at += samples.length;
            }
            Arrays.sort(all);
            return new Latencies(all, wall);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Sorted latency samples and the wall time they took (warm-up included). */
    record Latencies(long[] sortedNanos, long wallNanos) {
        /** Rounds of one path measured apart: their samples together, over their wall times together. */
        static Latencies merged(List<Latencies> rounds) {
            long[] all = rounds.stream().flatMapToLong(r -> Arrays.stream(r.sortedNanos())).sorted().toArray();
            return new Latencies(all, rounds.stream().mapToLong(Latencies::wallNanos).sum());
        }

        double percentileMillis(double p) {
            int index = (int) Math.min(sortedNanos.length - 1, Math.floor(p / 100.0 * sortedNanos.length));
            return sortedNanos[index] / 1e6;
        }

        double opsPerSecond() {
            return sortedNanos.length / (wallNanos / 1e9);
        }
    }
}
