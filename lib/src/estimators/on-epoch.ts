/**
 * Calls a user's `onEpoch(epoch, estimate)` (awaited if async). An error it throws used to leave
 * estimateMI bare, with the callback's own message and nothing saying where it came from or that
 * no estimate was made; it is rethrown naming the callback, the epoch and what became of the run,
 * with the original error as `cause`.
 */
export async function callOnEpoch(
  onEpoch: (epoch: number, estimate: number) => void | Promise<void>,
  epoch: number,
  estimate: number,
  what: string,
  consequence: string,
): Promise<void> {
  try {
    await onEpoch(epoch, estimate);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const wrapped = new Error(
      `neural-mi: ${what}: your onEpoch callback threw at epoch ${epoch} (${message}); ${consequence} ` +
        "Fix the callback, or catch inside it whatever may fail (a plot that is not ready).",
    );
    (wrapped as Error & { cause?: unknown }).cause = error;
    throw wrapped;
  }
}
