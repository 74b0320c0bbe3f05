/**
 * Lower-triangular L with L·Lᵀ = cov, for a symmetric positive semi-definite cov.
 * Zero pivots (singular directions) give zero columns; anything else is an error
 * that names `what`.
 */
export function choleskyLower(cov: readonly (readonly number[])[], d: number, what: string): number[][] {
  if (!Array.isArray(cov) || cov.length !== d || cov.some((row) => !Array.isArray(row) || row.length !== d)) {
    throw new Error(`neural-mi: ${what} must be a ${d}×${d} matrix (one row and one column per entry of mean).`);
  }
  let scale = 0;
  for (let i = 0; i < d; i++) {
    for (let j = 0; j < d; j++) {
      const value = cov[i][j];
      if (!Number.isFinite(value)) throw new Error(`neural-mi: ${what}[${i}][${j}] is ${value}; use finite numbers.`);
      scale = Math.max(scale, Math.abs(value));
    }
  }
  const tolerance = 1e-10 * Math.max(scale, 1e-300);
  for (let i = 0; i < d; i++) {
    for (let j = 0; j < i; j++) {
      if (Math.abs(cov[i][j] - cov[j][i]) > tolerance * 10) {
        throw new Error(
          `neural-mi: ${what} is not symmetric: [${i}][${j}] = ${cov[i][j]} but [${j}][${i}] = ${cov[j][i]}; a covariance matrix is symmetric.`,
        );
      }
    }
  }
  const lower = Array.from({ length: d }, () => new Array<number>(d).fill(0));
  for (let j = 0; j < d; j++) {
    let pivot = cov[j][j];
    for (let k = 0; k < j; k++) pivot -= lower[j][k] * lower[j][k];
    if (pivot < -tolerance * d) throw notPositiveSemiDefinite(what, j);
    const diagonal = pivot > tolerance * d ? Math.sqrt(pivot) : 0;
    lower[j][j] = diagonal;
    for (let i = j + 1; i < d; i++) {
      let sum = cov[i][j];
      for (let k = 0; k < j; k++) sum -= lower[i][k] * lower[j][k];
      if (diagonal === 0) {
        if (Math.abs(sum) > Math.sqrt(tolerance * scale) * d) throw notPositiveSemiDefinite(what, j);
      } else {
        lower[i][j] = sum / diagonal;
      }
    }
  }
  return lower;
}

function notPositiveSemiDefinite(what: string, index: number): Error {
  return new Error(
    `neural-mi: ${what} is not positive semi-definite (the Cholesky factorisation fails at row ${index}); ` +
      "check that variances are non-negative and every |correlation| ≤ 1.",
  );
}
