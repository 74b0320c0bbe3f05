// node bench/accuracy/unseen36/co-extreme-count.mjs [kinds…]: how often the rows-extreme-in-both rule (co-extreme.ts, the
// bound drawn with seed 1) shows dependence, by its bound clearly above 0 (1.645 standard errors) and by its rarest count
// of rows beyond a cut in both (`coincidence` below 0.001, the bound above 0), on few shock rows (the sd-20 shock in 0.4 %
// of the rows, four expected in 1000; the sd-10 shock in 1 %) and on independent data: N(0, 1), t(2), t(1), Poisson(0.5)
// and independent shocks in 1 + 1, N(0, 1) and t(2) in 5 + 5, N(0, 1), t(2), t(3) in 40 + 40; n = 1000, the library's Rng
// at seeds 11000 + draw.
import { Rng } from "neural-mi";
import { coExtremeBound } from "neural-mi/dist/estimators/co-extreme.js";

const KINDS = {
  "shock sd 20 in 0.4 %": [1, "few", 200], "shock sd 10 in 1 %": [1, "shared", 200],
  "N(0, 1)": [1, 0, 1000], "t(2)": [1, 2, 1000], "t(1)": [1, 1, 1000], "Poisson(0.5)": [1, "poisson", 1000], "independent shocks": [1, "independent", 1000],
  "N(0, 1) 5 + 5": [5, 0, 1000], "t(2) 5 + 5": [5, 2, 1000], "N(0, 1) 40 + 40": [40, 0, 100], "t(2) 40 + 40": [40, 2, 100], "t(3) 40 + 40": [40, 3, 100],
};
const value = (rng, law) => {
  if (law === "poisson") {
    let k = 0, p = Math.exp(-0.5), c = p;
    const u = rng.uniform();
    while (u > c) { k++; p *= 0.5 / k; c += p; }
    return k;
  }
  let z = rng.normal();
  if (law > 0) {
    let chi = 0;
    for (let k = 0; k < law; k++) chi += rng.normal() ** 2;
    z /= Math.sqrt(chi / law);
  }
  return z;
};
const n = 1000;
for (const [label, [d, law, draws]] of Object.entries(KINDS).filter(([k]) => process.argv.length < 3 || process.argv.slice(2).includes(k))) {
  let clearly = 0, rare = 0, either = 0, defined = 0;
  for (let seed = 0; seed < draws; seed++) {
    const rng = new Rng(11000 + seed);
    const side = () => Float64Array.from({ length: n * d }, () => value(rng, typeof law === "number" ? law : law === "poisson" ? "poisson" : 0));
    const [x, y] = [side(), side()];
    if (law === "few" || law === "shared" || law === "independent") {
      const [share, sd] = law === "few" ? [0.004, 20] : [0.01, 10];
      for (let i = 0; i < n; i++) {
        const s = rng.uniform() < share ? sd * rng.normal() : 0;
        x[i] += s;
        y[i] += law === "independent" ? (rng.uniform() < 0.01 ? 10 * rng.normal() : 0) : s;
      }
    }
    const b = coExtremeBound({ values: x, rows: n, cols: d }, { values: y, rows: n, cols: d }, 1);
    if (b === undefined) continue;
    defined += 1;
    const c = b.estimate > 1.645 * b.standardError, r = b.estimate > 0 && b.coincidence < 0.001;
    clearly += c ? 1 : 0;
    rare += r ? 1 : 0;
    either += c || r ? 1 : 0;
  }
  console.log(`${label.padEnd(22)} ${draws} draws (bound defined ${defined}): clearly above 0 ${clearly}, count that rare ${rare}, either ${either}`);
}
