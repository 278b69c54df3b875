/**
 * Runs `work` over items with at most `concurrency` in flight, and reports progress as the
 * length of the finished PREFIX: a checkpoint "the first n are done" stays true even though
 * items finish out of order (what a heartbeat needs to resume without losing an item).
 */
export async function runOrdered<T, R>(
  items: readonly T[],
  concurrency: number,
  work: (item: T, index: number) => Promise<R>,
  onPrefix: (done: number, results: readonly R[]) => Promise<void> | void,
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  const finished = new Array<boolean>(items.length).fill(false);
  let next = 0;
  let prefix = 0;
  let failed: unknown;
  let chain = Promise.resolve();

  const worker = async () => {
    while (failed === undefined && next < items.length) {
      const i = next++;
      try {
        results[i] = await work(items[i], i);
      } catch (err) {
        failed ??= err;
        return;
      }
      finished[i] = true;
      let moved = false;
      while (prefix < items.length && finished[prefix]) {
        prefix++;
        moved = true;
      }
      if (moved) {
        const p = prefix;
        // Prefix callbacks run one at a time, in order; a failing one stops new work (and is
        // caught here, so it can never surface as an unhandled rejection).
        chain = chain
          .then(() => (failed === undefined ? onPrefix(p, results) : undefined))
          .catch((err: unknown) => {
            failed ??= err;
          });
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, items.length)) }, worker));
  await chain;
  if (failed !== undefined) throw failed;
  return results;
}
