/**
 * Loads what each key names once (a chunk of code, a file of strings) and keeps it; a failure is
 * kept too, until `retry`. Asking again after a failure gets the failure, not a new attempt: a
 * page that starts its loads as it renders would otherwise fetch a chunk that cannot load (a
 * deployment replaced it, the network is gone) over and over, and never show its error. React
 * reads the state through `useSyncExternalStore` with `subscribe`, `loaded` and `failure`.
 */
export interface LoadFailure {
  error: unknown;
}

export interface LoadOnce<K, V> {
  /** The key's value: loaded once, shared by every caller; rejects with a kept failure. */
  load: (key: K) => Promise<V>;
  /** Forgets the key's failure and loads it again. */
  retry: (key: K) => Promise<V>;
  loaded: (key: K) => V | undefined;
  failure: (key: K) => LoadFailure | undefined;
  subscribe: (listener: () => void) => () => void;
}

export function createLoadOnce<K, V>(loadKey: (key: K) => Promise<V>): LoadOnce<K, V> {
  const loaded = new Map<K, V>();
  const loading = new Map<K, Promise<V>>();
  const failed = new Map<K, LoadFailure>();
  const listeners = new Set<() => void>();
  const notify = () => {
    for (const listener of listeners) listener();
  };

  // A key's promise stays once it settles: a failed one answers every later call until `retry`.
  function load(key: K): Promise<V> {
    let promise = loading.get(key);
    if (promise === undefined) {
      promise = loadKey(key).then(
        (value) => {
          loaded.set(key, value);
          notify();
          return value;
        },
        (error: unknown) => {
          failed.set(key, { error });
          notify();
          throw error;
        },
      );
      loading.set(key, promise);
    }
    return promise;
  }

  return {
    load,
    retry(key) {
      if (failed.delete(key)) {
        loading.delete(key);
        notify();
      }
      return load(key);
    },
    loaded: (key) => loaded.get(key),
    failure: (key) => failed.get(key),
    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
  };
}
