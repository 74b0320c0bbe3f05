// Named, timed steps of a browser test: each step's wall time is kept for the report printed
// at the end, and a failing step leaves a screenshot of the page in the test's artifacts.
import path from "node:path";

/**
 * @param {{ artifactsDir: string, page: () => import("playwright-core").Page | undefined, afterEach?: () => Promise<void> }} options
 *   page: the page to photograph (read when a step fails); afterEach: runs after every step, failed or not
 */
export function timedSteps({ artifactsDir, page, afterEach }) {
  /** @type {[string, number][]} */
  const timings = [];
  return {
    /** Records a step timed elsewhere (a before hook). */
    record: (/** @type {string} */ name, /** @type {number} */ seconds) => timings.push([name, seconds]),
    /** Runs and times `work` as the step `name`. @template T @param {string} name @param {() => Promise<T>} work */
    async step(name, work) {
      const started = Date.now();
      try {
        return await work();
      } catch (error) {
        await page()?.screenshot({ path: path.join(artifactsDir, `${name.replace(/\W+/g, "-")}-failure.png`) }).catch(() => {});
        throw error;
      } finally {
        await afterEach?.();
        timings.push([name, (Date.now() - started) / 1000]);
      }
    },
    /** Prints every step's wall time under `title`. */
    report(/** @type {string} */ title) {
      console.log(`${title}, wall time per step:`);
      for (const [name, seconds] of timings) console.log(`  ${seconds.toFixed(1).padStart(6)} s  ${name}`);
    },
  };
}
