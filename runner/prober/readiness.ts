// Waits for the candidate's service to answer its readiness path with a 2xx.

export type Readiness = { ready: true; ms: number } | { ready: false; message: string };

export async function waitForReady(url: string, timeoutMs: number, intervalMs = 50): Promise<Readiness> {
  const started = performance.now();
  let last = "no attempt made";
  for (;;) {
    const remaining = timeoutMs - (performance.now() - started);
    if (remaining <= 0) break;
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(Math.round(Math.max(50, Math.min(1000, remaining)))) });
      await response.body?.cancel();
      if (response.status >= 200 && response.status < 300) {
        return { ready: true, ms: Math.round(performance.now() - started) };
      }
      last = `status ${response.status}`;
    } catch (error) {
      const err = error as Error & { cause?: { code?: string } };
      // A request cut short by the overall deadline says less than the answer before it.
      if (err.name !== "TimeoutError") last = err.cause?.code ?? err.message;
      else if (last === "no attempt made" || remaining >= 1000) last = "request timed out";
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  return { ready: false, message: `no 2xx answer from ${url} within ${timeoutMs} ms (last attempt: ${last})` };
}
