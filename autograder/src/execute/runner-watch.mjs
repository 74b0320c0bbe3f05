// @ts-check
// When a runner counts as frozen or overdue, judged on the grader's own clock. The grader is one
// process for every submission graded at once, and reading a submission (parsing its JSON, reading
// its code) runs on the same thread as the watch: a notebook of 120,000 cells held that thread for
// 17 s, and the next look found every other runner "silent" for that long, its lines still waiting
// in their pipes, and killed them, each honest notebook charged with stopping the grader (0 points).
// So time the grader itself did not look does not count against a runner: a look that comes late
// moves the runner's last line and its deadline on by the delay, and judges nothing until the lines
// that waited have been read.

/**
 * @param {{ silenceLimitMs: number, deadline: number, intervalMs: number, now?: () => number }} options
 */
export function runnerWatch({ silenceLimitMs, deadline, intervalMs, now = Date.now }) {
  let lastLine = now();
  let lastLook = lastLine;
  let due = deadline;
  // a look more than this late means the grader's thread was busy, not the runner silent
  const lateBy = Math.max(2 * intervalMs, 2000);
  return {
    /** a line came from the runner */
    heard() {
      lastLine = now();
    },
    /** @param {number} at a new deadline (the clock's time) */
    setDeadline(at) {
      due = at;
    },
    /**
     * Called every `intervalMs`.
     * @returns {"silent" | "overdue" | null}
     */
    look() {
      const at = now();
      const sinceLastLook = at - lastLook;
      lastLook = at;
      if (sinceLastLook > lateBy) {
        const delay = sinceLastLook - intervalMs;
        lastLine += delay;
        due += delay;
        return null;
      }
      if (at - lastLine > silenceLimitMs) return "silent";
      if (at > due) return "overdue";
      return null;
    },
  };
}
