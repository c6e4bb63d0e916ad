// Async mutual exclusion per key. Locks for several keys are always taken in sorted order, so
// two transfers in opposite directions cannot deadlock.

export class KeyedLock {
  #tails = new Map();

  async #acquire(key) {
    const previous = this.#tails.get(key) ?? Promise.resolve();
    let release;
    const current = new Promise((resolve) => (release = resolve));
    const tail = previous.then(() => current);
    this.#tails.set(key, tail);
    await previous;
    return () => {
      release();
      if (this.#tails.get(key) === tail) this.#tails.delete(key);
    };
  }

  /** Runs `fn` while holding the locks of every key in `keys`. */
  async withLocks(keys, fn) {
    const releases = [];
    try {
      for (const key of [...new Set(keys)].sort()) releases.push(await this.#acquire(key));
      return await fn();
    } finally {
      for (const release of releases.reverse()) release();
    }
  }
}
