package dev.kiln.internal.compiler.pass;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A map with scopes, for walks of the dominator tree: what a block adds is seen by the blocks it
 * dominates and forgotten when the walk leaves it. {@link #mark} opens a scope, {@link #restore}
 * undoes every {@link #put} since, from a log, so leaving a scope costs what it added.
 */
final class ScopedTable<K, V> {

    private final Map<K, V> map = new HashMap<>();
    private final List<K> keys = new ArrayList<>();
    private final List<V> previous = new ArrayList<>();

    V get(K key) {
        return map.get(key);
    }

    void put(K key, V value) {
        keys.add(key);
        previous.add(map.put(key, value));
    }

    /** A point to {@link #restore} to. */
    int mark() {
        return keys.size();
    }

    /** Undoes every {@link #put} since {@code mark}. */
    void restore(int mark) {
        while (keys.size() > mark) {
            K key = keys.removeLast();
            V old = previous.removeLast();
            if (old == null) {
                map.remove(key);
            } else {
                map.put(key, old);
            }
        }
    }
}
