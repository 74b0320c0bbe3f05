// The library's promise, as the batteries' tests check it: an estimate is right within its
// interval, or it is `trusted: false` with a warning that says why.
import assert from "node:assert/strict";

/** A battery's task by name, failing the test that asks for one the battery lacks. */
export const taskFinder = (tasks) => (name) => {
  const found = tasks.find((t) => t.name === name);
  assert.ok(found, `task ${name}`);
  return found;
};

/**
 * Right within the interval, or untrusted with a reason. A 95 % interval may miss the truth
 * one call in twenty without being wrong, so a trusted miss is tolerated when the truth is
 * within the interval doubled about the estimate (3.9 standard errors: beyond it a miss has
 * odds of 1 in 10 000); the caller bounds how many such misses there are. Returns whether it
 * was one.
 */
export function assertHonest(result, truth, what) {
  const [lo, hi] = result.interval;
  const covers = lo <= truth && truth <= hi;
  assert.ok(Number.isFinite(result.estimate), `${what}: estimate ${result.estimate}`);
  if (!result.trusted) {
    assert.ok(result.warnings.length > 0, `${what}: untrusted results say why`);
    // open above, or (KSG, whose estimate fell with n) reaching down to 0
    assert.ok(hi === Infinity || lo <= 0, `${what}: an untrusted interval [${lo}, ${hi}] is open above or reaches 0`);
    assert.ok(lo <= truth || /heavy tails|repeated values|still moves|samples are held out/.test(result.warnings.join(" ")), `${what}: the truth ${truth} is below the interval [${lo}, ∞) without a reason for it`);
    return false;
  }
  if (covers) return false;
  const doubled = [result.estimate - 2 * (result.estimate - lo), result.estimate + 2 * (hi - result.estimate)];
  assert.ok(
    doubled[0] <= truth && truth <= doubled[1],
    `${what}: ${result.estimate.toFixed(3)} [${lo.toFixed(3)}, ${hi.toFixed(3)}], trusted, misses the truth ${truth.toFixed(3)} silently and far`,
  );
  return true;
}

/** The smallest k with P(Binomial(n, p) ≤ k) ≥ level. */
export function binomialQuantile(n, p, level) {
  let cumulative = 0;
  let term = (1 - p) ** n;
  for (let k = 0; k <= n; k++) {
    cumulative += term;
    if (cumulative >= level) return k;
    term *= ((n - k) / (k + 1)) * (p / (1 - p));
  }
  return n;
}
