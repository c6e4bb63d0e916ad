// A token bucket per client: BURST requests at once, refilled at REFILL_PER_SECOND.

export const BURST = 60;
export const REFILL_PER_SECOND = 1;

export class RateLimiter {
  #buckets = new Map();

  /** Takes one token for `clientId`; returns 0 when allowed, else the seconds to wait. */
  take(clientId, now = Date.now()) {
    const bucket = this.#buckets.get(clientId) ?? { tokens: BURST, at: now };
    bucket.tokens = Math.min(BURST, bucket.tokens + ((now - bucket.at) / 1000) * REFILL_PER_SECOND);
    bucket.at = now;
    this.#buckets.set(clientId, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return Math.max(1, Math.ceil((1 - bucket.tokens) / REFILL_PER_SECOND));
  }
}
