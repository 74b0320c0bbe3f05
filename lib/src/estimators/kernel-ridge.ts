// Kernel ridge regression in its dual form, for the regression bound's model of interactions (regression-bound.ts):
// a prediction of a target from standardised features that sees products of columns.
import { cholesky, solve } from "./cholesky-solve";
import { mean } from "./statistics";

/** The most fitting rows the dual solve takes: its m × m Cholesky factor costs m³/6 steps. */
const MOST_ROWS = 400;
/** The share of the fitting rows the candidates are fitted on; the rest choose among them and give the residuals' spread. */
const CHOOSING_SHARE = 2 / 3;
/** Ridge penalties tried, relative to the kernel's mean diagonal. */
const PENALTIES = [0.003, 0.03, 0.3];
/**
 * The most columns the all-subsets kernel takes: beyond them its products of many columns swamp those of few (its
 * diagonal, Π(1 + a_c²), spans orders of magnitude across the rows), and its solves only cost time.
 */
const ALL_SUBSETS_MOST_COLUMNS = 10;

/** A kernel on two rows of p features (row-major `f`, rows i and j). */
interface Kernel {
  name: string;
  mostColumns: number;
  of: (f: Float64Array, p: number, i: number, j: number) => number;
}

/**
 * The degree-2 polynomial kernel (1 + a·b/p)², whose features are every column and every product of two, and the
 * all-subsets kernel Π(1 + a_c·b_c), whose features are the products of every set of columns (a sign gate's product of
 * five signs times a normal among them): each a ridge regression on those products, solved in the rows' dimension.
 */
const KERNELS: Kernel[] = [
  {
    name: "every product of two columns",
    mostColumns: Infinity,
    of: (f, p, i, j) => {
      let dot = 0;
      for (let a = 0; a < p; a++) dot += f[i * p + a] * f[j * p + a];
      return (1 + dot / p) ** 2;
    },
  },
  {
    name: "the product of every set of columns",
    mostColumns: ALL_SUBSETS_MOST_COLUMNS,
    of: (f, p, i, j) => {
      let product = 1;
      for (let a = 0; a < p; a++) product *= 1 + f[i * p + a] * f[j * p + a];
      return product;
    },
  },
];

export interface KernelFit {
  /** The predicted target of any row of the features. */
  predict: (row: number) => number;
  /** The spread of the residuals on the fitting rows the chosen fit was not fitted on. */
  spread: number;
  kernel: string;
}

/**
 * Kernel ridge regression of `target` on the features (rows × count, standardised) over at most MOST_ROWS of `fitRows`:
 * every kernel and penalty fitted on CHOOSING_SHARE of them, the one of least squared error on the rest kept and refitted
 * on all, with the residual spread it had on the rest. Everything depends on `fitRows` alone. Undefined when too few
 * rows, or no fit was finite.
 */
export function kernelRidgeFit(features: { values: Float64Array; count: number }, target: Float64Array, fitRows: readonly number[]): KernelFit | undefined {
  const p = features.count;
  const f = features.values;
  const rows = fitRows.slice(0, MOST_ROWS);
  const m = rows.length;
  const fitted = Math.floor(CHOOSING_SHARE * m);
  if (fitted < 10 || m - fitted < 10) return undefined;
  const centre = mean(rows.map((i) => target[i]));
  const centred = Float64Array.from(rows, (i) => target[i] - centre);

  let best: { kernel: Kernel; gram: Float64Array; penalty: number; error: number } | undefined;
  for (const kernel of KERNELS.filter((k) => p <= k.mostColumns)) {
    const gram = new Float64Array(m * m);
    for (let a = 0; a < m; a++) for (let b = 0; b <= a; b++) gram[a * m + b] = gram[b * m + a] = kernel.of(f, p, rows[a], rows[b]);
    if (!gram.every(Number.isFinite)) continue;
    for (const penalty of PENALTIES) {
      const weights = dualWeights(gram, m, fitted, penalty, centred);
      if (weights === undefined) continue;
      let error = 0;
      for (let v = fitted; v < m; v++) {
        let prediction = 0;
        for (let j = 0; j < fitted; j++) prediction += gram[v * m + j] * weights[j];
        error += (centred[v] - prediction) ** 2;
      }
      error /= m - fitted;
      if (Number.isFinite(error) && (best === undefined || error < best.error)) best = { kernel, gram, penalty, error };
    }
  }
  if (best === undefined) return undefined;
  const { kernel, error } = best;
  const weights = dualWeights(best.gram, m, m, best.penalty, centred);
  if (weights === undefined) return undefined;
  return {
    predict: (row) => {
      let prediction = centre;
      for (let j = 0; j < m; j++) prediction += kernel.of(f, p, row, rows[j]) * weights[j];
      return prediction;
    },
    spread: Math.sqrt(error),
    kernel: kernel.name,
  };
}

/** (K + λ·mean diag(K)·I)⁻¹ t over the first `size` rows of the m × m kernel matrix, by Cholesky; undefined if not positive definite. */
function dualWeights(gram: Float64Array, m: number, size: number, penalty: number, centred: Float64Array): Float64Array | undefined {
  const penalised = new Float64Array(size * size);
  let diagonal = 0;
  for (let a = 0; a < size; a++) diagonal += gram[a * m + a];
  const ridge = (penalty * diagonal) / size;
  for (let a = 0; a < size; a++) {
    for (let b = 0; b < size; b++) penalised[a * size + b] = gram[a * m + b];
    penalised[a * size + a] += ridge;
  }
  const l = cholesky(penalised, size);
  return l === undefined ? undefined : solve(l, size, centred.subarray(0, size));
}
