/**
 * Resolves on SIGINT or SIGTERM (or when `stop` aborts, which tests use instead of a real signal), so
 * long-running commands can close their servers and exit 0.
 */
export function untilStopped(stop?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      process.off('SIGINT', done);
      process.off('SIGTERM', done);
      stop?.removeEventListener('abort', done);
      resolve();
    };
    process.once('SIGINT', done);
    process.once('SIGTERM', done);
    if (stop?.aborted) done();
    else stop?.addEventListener('abort', done, { once: true });
  });
}
