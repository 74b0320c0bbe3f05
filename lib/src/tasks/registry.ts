import { fail } from "../data/checks";
import { correlatedPairs, gaussianChannel } from "./gaussian";
import { gaussianMixture } from "./mixture";
import { denseCovariance, multivariateGaussian, sparseCovariance } from "./multivariate-gaussian";
import { multivariateStudentT } from "./student-t";
import { asinh, cube, halfCube, normalCdfMap, spiral, transformedTask } from "./transformed";
import type { Task } from "./task";

function rename(task: Task, name: string, defaultSampleSize = task.defaultSampleSize): Task {
  return { ...task, name, defaultSampleSize };
}

function denseGaussian(dim: number): Task {
  return multivariateGaussian({
    name: `gaussian-dense-${dim}x${dim}`,
    family: "gaussian-dense",
    description: `${dim} + ${dim} standard normals, every pair of coordinates correlated at 0.5.`,
    covariance: denseCovariance(dim, dim, 0.5),
    dimX: dim,
  });
}

function sparseGaussian(dim: number): Task {
  return multivariateGaussian({
    name: `gaussian-sparse-${dim}x${dim}`,
    family: "gaussian-sparse",
    description: `${dim} + ${dim} standard normals; only X_1–Y_1 and X_2–Y_2 are correlated (0.8), the rest is independent noise.`,
    covariance: sparseCovariance(dim, dim, 2, 0.8),
    dimX: dim,
  });
}

function denseStudentT(dim: number, dof: number): Task {
  return multivariateStudentT({
    name: `student-t-dof${dof}-${dim}x${dim}`,
    description: `${dim} + ${dim} multivariate Student-t, ${dof} degrees of freedom, scale with every correlation 0.5.`,
    scale: denseCovariance(dim, dim, 0.5),
    dimX: dim,
    dof,
  });
}

/** Every benchmark task, each with the sample size the accuracy benchmark gives it; the five first. */
function buildTasks(): Task[] {
  const bivariate = rename(correlatedPairs(1, 0.9), "gaussian-1x1-rho0.9");
  const gaussian3 = denseGaussian(3);
  const studentIdentity = multivariateStudentT({
    name: "student-t-dof1-1x1",
    description: "Bivariate Student-t with 1 degree of freedom (Cauchy) and identity scale: dependent only through the shared scale.",
    scale: [[1, 0], [0, 1]],
    dimX: 1,
    dof: 1,
  });
  return [
    bivariate,
    transformedTask(bivariate, {
      name: "cubed-gaussian-1x1-rho0.9",
      description: "The bivariate Gaussian with correlation 0.9, Y replaced by Y³.",
      y: cube,
    }),
    rename(gaussianMixture(), "mixture-2gauss-rho0.9", 400),
    rename(correlatedPairs(6, 0.9), "gaussian-6x6-rho0.9"),
    multivariateGaussian({
      name: "independent-5x5",
      family: "independent",
      description: "X and Y independent, each 5 standard normals correlated at 0.5 among themselves.",
      covariance: Array.from({ length: 10 }, (_, i) =>
        Array.from({ length: 10 }, (_, j) => (i === j ? 1 : Math.floor(i / 5) === Math.floor(j / 5) ? 0.5 : 0)),
      ),
      dimX: 5,
    }),

    denseGaussian(5),
    denseGaussian(25),
    sparseGaussian(5),
    sparseGaussian(25),
    denseStudentT(2, 3),
    denseStudentT(5, 5),
    transformedTask(rename(correlatedPairs(1, 0.75), "gaussian-1x1-rho0.75"), {
      name: "halfcube-gaussian-1x1",
      description: "A bivariate Gaussian with correlation 0.75, both X and Y through x ↦ sign(x)|x|^{3/2}.",
      x: halfCube,
      y: halfCube,
    }),
    transformedTask(studentIdentity, {
      name: "asinh-student-t-1x1",
      description: "A bivariate Student-t (1 degree of freedom, identity scale), both X and Y through asinh.",
      x: asinh,
      y: asinh,
    }),
    transformedTask(gaussian3, {
      name: "normal-cdf-gaussian-3x3",
      description: "The dense 3 + 3 Gaussian (correlations 0.5), every coordinate through the normal CDF Φ.",
      x: normalCdfMap,
      y: normalCdfMap,
    }),
    transformedTask(gaussian3, {
      name: "spiral-gaussian-3x3",
      description: "The dense 3 + 3 Gaussian (correlations 0.5), X and Y each turned by the spiral x ↦ R(0.5·‖x‖²)·x.",
      x: spiral(0.5),
      y: spiral(0.5),
    }),
    rename(gaussianChannel({ dim: 3, power: 3, noise: 0.2 }), "channel-3x3-snr15"),
  ];
}

/** The benchmark's tasks of known mutual information, in a fixed order. */
export const MI_TASKS: readonly Task[] = Object.freeze(buildTasks());

/** The benchmark's tasks (a fresh array; the tasks themselves are shared). */
export function miTasks(): Task[] {
  return [...MI_TASKS];
}

/** The benchmark task called `name`. */
export function miTask(name: string): Task {
  const task = MI_TASKS.find((t) => t.name === name);
  if (!task) {
    fail(`miTask(name): there is no task called ${JSON.stringify(name)}; the tasks are ${MI_TASKS.map((t) => t.name).join(", ")}.`);
  }
  return task;
}
