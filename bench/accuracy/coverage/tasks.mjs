// The coverage runs' tasks, in their order: a call's data are drawn with the seed 1000·k + seed, k the task's
// index (run.mjs), which the scripts that redraw those data (../false-alarms.mjs, ../ksg-moving-rule/run.mjs) rely on.
import { bivariateGaussian, correlatedPairs, multivariateGaussian } from "neural-mi";

const dense = (d, c) => Array.from({ length: 2 * d }, (_, i) => Array.from({ length: 2 * d }, (_, j) => (i === j ? 1 : c)));

/** [{ name, n, task }], in the runs' order. */
export function coverageTasks() {
  const tasks = [];
  for (const n of [200, 1000, 5000]) for (const rho of [0, 0.3, 0.6, 0.9, 0.99]) tasks.push({ name: `gauss-rho${rho}-n${n}`, n, task: bivariateGaussian(rho) });
  for (const n of [200, 1000]) tasks.push({ name: `dense3+3-c0.5-n${n}`, n, task: multivariateGaussian({ name: "dense 3+3", family: "gaussian-dense", description: "3+3, correlations 0.5", covariance: dense(3, 0.5), dimX: 3 }) });
  for (const n of [200, 1000]) tasks.push({ name: `independent-2+2-n${n}`, n, task: correlatedPairs(2, 0) });
  return tasks;
}
