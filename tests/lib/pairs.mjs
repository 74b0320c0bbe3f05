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
