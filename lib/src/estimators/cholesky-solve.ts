// Symmetric positive definite systems on flat row-major Float64Arrays: the projection bound's canonical pairs and the
// regression bound's ridge fits and kernel ridge's dual solves (kernel-ridge.ts).

/** The Cholesky factor L (row-major, lower) of a symmetric positive definite d × d matrix, or undefined. */
export function cholesky(s: Float64Array, d: number): Float64Array | undefined {
  const l = new Float64Array(d * d);
  for (let i = 0; i < d; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = s[i * d + j];
      for (let k = 0; k < j; k++) sum -= l[i * d + k] * l[j * d + k];
      if (i === j) {
        if (!(sum > 0)) return undefined;
        l[i * d + i] = Math.sqrt(sum);
      } else l[i * d + j] = sum / l[j * d + j];
    }
  }
  return l;
}

/** S⁻¹ v for S = L L'. */
export function solve(l: Float64Array, d: number, v: Float64Array): Float64Array {
  const z = new Float64Array(d);
  for (let i = 0; i < d; i++) {
    let sum = v[i];
    for (let k = 0; k < i; k++) sum -= l[i * d + k] * z[k];
    z[i] = sum / l[i * d + i];
  }
  for (let i = d - 1; i >= 0; i--) {
    let sum = z[i];
    for (let k = i + 1; k < d; k++) sum -= l[k * d + i] * z[k];
    z[i] = sum / l[i * d + i];
  }
  return z;
}
