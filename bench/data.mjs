// The course's running example for the benchmark: n samples of a zero-mean
// bivariate Gaussian with unit variances and correlation rho = 1 - 0.19 U, plus
// as many held-out samples, and independent standard normal references for DV.
// Both implementations receive exactly these numbers.

function generator(seed) {
  let a = (seed * 2654435761 + 0x9e3779b9) >>> 0;
  const uniform = () => {
    // mulberry32
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const normal = () => {
    const u = 1 - uniform();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * uniform());
  };
  return { uniform, normal };
}

export function courseSet(seed, n = 1000) {
  const g = generator(seed);
  const rho = 1 - 0.19 * g.uniform();
  const draw = () => {
    const x = [];
    const y = [];
    const zRef = [];
    for (let i = 0; i < n; i++) {
      const a = g.normal();
      const b = g.normal();
      x.push([a]);
      y.push([rho * a + Math.sqrt(1 - rho * rho) * b]);
      zRef.push([g.normal(), g.normal()]);
    }
    return { x, y, zRef };
  };
  const train = draw();
  return { seed, rho, groundTruth: -0.5 * Math.log(1 - rho * rho), ...train, holdout: draw() };
}

export function courseSets({ seeds, n = 1000 }) {
  return seeds.map((seed) => courseSet(seed, n));
}
