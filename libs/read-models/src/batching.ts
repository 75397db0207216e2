/**
 * Pulls events from a subscription in batches: as many as are ready at once (up to
 * `max`), so catch-up writes thousands per transaction while a live event is
 * still written at once. Pulls one at a time, so back-pressure is kept.
 */
export async function* inBatches<T>(source: AsyncIterable<T>, max: number): AsyncGenerator<T[]> {
  const it = source[Symbol.asyncIterator]();
  let pending: Promise<IteratorResult<T>> | null = null;
  for (;;) {
    const first = await (pending ?? it.next());
    pending = null;
    if (first.done) return;
    const batch = [first.value];
    let finished = false;
    while (batch.length < max) {
      const next = it.next();
      if (!(await settlesSoon(next))) {
        pending = next;
        break;
      }
      const result = await next;
      if (result.done) {
        finished = true;
        break;
      }
      batch.push(result.value);
    }
    yield batch;
    if (finished) return;
  }
}

/** True when the promise settles within a few microtasks or, failing that, by the next macrotask. */
async function settlesSoon(promise: Promise<unknown>): Promise<boolean> {
  let settled = false;
  promise.then(
    () => (settled = true),
    () => (settled = true),
  );
  for (let i = 0; i < 16 && !settled; i++) await null;
  if (!settled) await new Promise((resolve) => setImmediate(resolve));
  return settled;
}
