/**
 * Reads shared by callers that arrive together, never one that started before a caller came.
 *
 * A caller gets the result of a read that starts after its call: if no read of the key is in
 * flight, one starts at once; if one is, the caller waits for the next read, which starts when
 * that one ends and serves everyone who arrived meanwhile. So a result reflects every write
 * committed before the call (what a read of its own would see), while a crowd asking the same
 * question costs at most two reads at a time instead of one each.
 */
export function freshReads<V>() {
  type Next = { promise: Promise<V>; start: () => void };
  const reading = new Map<string, { next: Next | null }>();

  function begin(key: string, read: () => Promise<V>): Promise<V> {
    const state = { next: null as Next | null };
    reading.set(key, state);
    const done = read();
    const handOn = () => {
      const next = state.next;
      if (next) {
        reading.delete(key);
        next.start();
      } else if (reading.get(key) === state) {
        reading.delete(key);
      }
    };
    done.then(handOn, handOn);
    return done;
  }

  /** The result of `read` for `key` (the same question whoever asks it), fresh as above. */
  return (key: string, read: () => Promise<V>): Promise<V> => {
    const state = reading.get(key);
    if (!state) return begin(key, read);
    if (state.next) return state.next.promise;
    let start!: () => void;
    const promise = new Promise<V>((resolve, reject) => {
      start = () => begin(key, read).then(resolve, reject);
    });
    state.next = { promise, start };
    return promise;
  };
}
