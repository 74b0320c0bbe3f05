import { test, before } from "node:test";
import assert from "node:assert/strict";
import { init, MINEE, Rng } from "neural-mi";

before(async () => {
  await init();
});

/** A bivariate Student-t pair with ν degrees of freedom and correlation 0.8. */
function studentPair(nu, n, seed) {
  const rng = new Rng(seed);
  const rows = Array.from({ length: n }, () => {
    const w = Math.sqrt(rng.normals(nu).reduce((sum, z) => sum + z * z, 0) / nu);
    const a = rng.normal();
    return [a / w, (0.8 * a + 0.6 * rng.normal()) / w];
  });
  return { x: rows.map((r) => [r[0]]), y: rows.map((r) => [r[1]]) };
}

test("MINEE refuses columns with infinite variance, with either reference (Cauchy gave 1631 ± 140 nats, uniform, and −4.0 ± 1.1, Gaussian)", () => {
  const { x, y } = studentPair(1, 300, 7);
  for (const reference of ["uniform", "gaussian"]) {
    for (const fused of [true, false]) {
      assert.throws(
        () => new MINEE(x, y, { reference, fused }),
        /MINEE: heavy tails with infinite variance in x column 0 \(tail index ≈ [\d.]+\).*Map each column to normal scores first.*estimateMI\(x, y, \{ method: "minee" \}\)/,
      );
    }
  }
});

test("MINEE takes light tails, and small samples whose tails cannot be judged", () => {
  const light = studentPair(100, 300, 7);
  new MINEE(light.x, light.y).dispose();
  const mixtureRng = new Rng(8);
  const x = mixtureRng.normals(300).map((z) => [0.5 * z + (mixtureRng.uniform() < 0.5 ? -2 : 2)]);
  new MINEE(x, x.map(([v]) => [v + mixtureRng.normal()])).dispose();
  const small = studentPair(1, 60, 7);
  new MINEE(small.x, small.y).dispose();
});
