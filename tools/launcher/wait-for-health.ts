const POLL_MS = 250;

/**
 * Resolves once GET /health answers 200 (the gateway is up and sees Postgres
 * and Redis); rejects after `timeoutMs`, or as soon as `gaveUp()` says waiting
 * is pointless (an app has died).
 */
export async function waitForHealth(baseUrl: string, timeoutMs: number, gaveUp: () => boolean): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer yet';
  while (Date.now() < deadline) {
    if (gaveUp()) throw new Error('an app stopped while the newsroom was starting');
    try {
      const res = await fetch(`${baseUrl}/health`, { signal: AbortSignal.timeout(2000) });
      if (res.status === 200) return;
      last = `${res.status} ${(await res.text()).slice(0, 300)}`;
    } catch (error) {
      last = (error as Error).message;
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  throw new Error(`${baseUrl}/health did not answer 200 within ${timeoutMs / 1000} s (last: ${last})`);
}
