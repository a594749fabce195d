package io.tollgate.common.cache;

import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The answers of a pure function, kept per key up to {@code maxEntries}: when a new key would pass
 * the bound, all are forgotten and worked out again as they are asked for. Only for functions whose
 * answer depends on nothing but the key (so a forgotten answer costs time, never correctness), and
 * whose keys are cheap to hash and compare. Two threads asking for one new key at once may both
 * work it out; either answer is kept. Threads adding keys at the moment of a clear may leave a few
 * more than the bound until the next one.
 *
 * @param <K> the key
 * @param <V> the answer (not null)
 */
public final class BoundedMemo<K, V> {
    private final int maxEntries;
    private final Function<K, V> function;
    private final ConcurrentHashMap<K, V> answers = new ConcurrentHashMap<>();

    public BoundedMemo(int maxEntries, Function<K, V> function) {
        if (maxEntries < 1) {
            throw new IllegalArgumentException("maxEntries must be at least 1");
        }
        this.maxEntries = maxEntries;
        this.function = Objects.requireNonNull(function);
    }

    /** The function's answer for {@code key}: kept, or worked out now (and kept). */
    public V get(K key) {
        V known = answers.get(key);
        if (known != null) {
            return known;
        }
        V answer = Objects.requireNonNull(function.apply(key), "a memo's function answers null");
        if (answers.size() >= maxEntries) {
            answers.clear();
        }
        answers.put(key, answer);
        return answer;
    }

    /** How many answers are kept now (the bound, give or take the threads adding at once). */
    public int size() {
        return answers.size();
    }
}
