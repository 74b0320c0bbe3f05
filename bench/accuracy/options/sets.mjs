// The probe's data sets: tasks of lib/src/tasks whose MI is known in closed form or on a fine grid.
import { bivariateGaussian, gaussianMixture, miTask } from "../../../lib/dist/index.js";

const pair = (task, n, seed) => ({ name: `${task.name} n=${n}`, truth: task.mutualInformation(), ...task.sample(n, seed) });

export function dataSets() {
  return {
    gauss: pair(bivariateGaussian(0.5), 500, 11),
    mixture: pair(gaussianMixture(), 400, 12),
    independent: pair(bivariateGaussian(0), 500, 13),
    dense5x5: pair(miTask("gaussian-dense-5x5"), 1000, 14),
  };
}
