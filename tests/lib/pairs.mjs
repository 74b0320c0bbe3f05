// Data sets the tests draw row by row with the library's generator.
import { Rng } from "neural-mi";

/** n rows from Rng(seed): x one standard normal coordinate, y the row `yOf(x, rng)` draws after it. */
export function normalXRows(n, seed, yOf) {
  const rng = new Rng(seed);
  const x = [];
  const y = [];
  for (let i = 0; i < n; i++) {
    const a = rng.normal();
    x.push([a]);
    y.push(yOf(a, rng));
  }
  return { x, y };
}

/** The bivariate Gaussian of correlation rho, n rows from Rng(seed). */
export const gaussianRows = (n, rho, seed) => normalXRows(n, seed, (a, rng) => [rho * a + Math.sqrt(1 - rho * rho) * rng.normal()]);

/** x ~ N(0, 1), y = 0.8·x + 0.6·N: n rows from Rng(seed), x's column drawn first, then y's noise. */
export function gaussianColumns(n, seed) {
  const rng = new Rng(seed);
  const x = Array.from({ length: n }, () => [rng.normal()]);
  return { x, y: x.map(([v]) => [0.8 * v + 0.6 * rng.normal()]) };
}
