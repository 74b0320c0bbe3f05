// @ts-check
// Runs tasks with at most `limit` of them at a time.

/**
 * Once a task fails, no other starts, and the tasks already running are waited for before the
 * first failure is thrown: a grading run stopped by a full disk went on to remove its work folder
 * while another student's notebook still ran in it (its sandbox's file system mounted there), and
 * "EBUSY: resource busy or locked, rename …/jobs/…" replaced the message naming the full disk and
 * the fix; that notebook's end then came to no one, an unhandled rejection.
 * @template T
 * @param {T[]} items
 * @param {number} limit
 * @param {(item: T) => Promise<void>} work
 * @param {(error: unknown) => void} [onFailure] called at the first failure, while the running tasks end
 */
export async function forEachLimited(items, limit, work, onFailure = () => {}) {
  let next = 0;
  /** @type {{ error: unknown } | undefined} */
  let failed;
  const worker = async () => {
    while (failed === undefined && next < items.length) {
      const item = items[next++];
      try {
        await work(item);
      } catch (error) {
        if (failed === undefined) {
          failed = { error };
          onFailure(error);
        }
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  if (failed !== undefined) throw failed.error;
}
