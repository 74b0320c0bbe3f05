// @ts-check
// How far a class's grading has come and when it should end, in one line: the estimate is the
// time per submission so far (with several at once, their throughput) times the submissions left.

/** @param {number} seconds */
export function formatDuration(seconds) {
  const total = Math.max(0, Math.round(seconds));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const rest = total % 60;
  if (hours > 0) return `${hours} h ${String(minutes).padStart(2, "0")} min`;
  if (minutes > 0) return `${minutes} min ${String(rest).padStart(2, "0")} s`;
  return `${rest} s`;
}

/**
 * "[k/N] elapsed 2 min 10 s, about 6 min 30 s left" after the k-th of N submissions.
 * @param {{ finished: number, total: number, elapsedSeconds: number }} progress
 */
export function progressLine({ finished, total, elapsedSeconds }) {
  if (!Number.isInteger(finished) || !Number.isInteger(total) || finished < 1 || finished > total) {
    throw new RangeError(`progress: finished must be an integer from 1 to the total (${total}), got ${finished}`);
  }
  const left = total - finished;
  const estimate = left === 0 ? "done" : `about ${formatDuration((elapsedSeconds / finished) * left)} left`;
  return `[${finished}/${total}] elapsed ${formatDuration(elapsedSeconds)}, ${estimate}`;
}
