// node bench/accuracy/unseen21/regression-bound-scan.mjs [first probe] [last probe]: the regression lower bound
// (lib/src/estimators/regression-bound.ts: a column of whole numbers predicted from steps of each column of the other side)
// on the coverage tasks' data (20 seeds) and on every probe's sets from the second on (seeds 0 and 1, as the probes drew them): where it is
// defined, its value against the truth (a lower bound should never be clearly above it) and against every trusted-and-right
// call the probes recorded on those data (their *.jsonl), which it would untrust when clearly above the call's estimate
// (1.645 standard errors of the difference, the call's own taken as (estimate − lower end)/1.96, as the cross-check does),
// or whose interval it would widen past the widest trusted (an upper end above 3·estimate + 0.25 nats, the bound's upper
// 95 % end being one a trusted interval must reach).
import { readdirSync, readFileSync } from "fs";
import { regressionLowerBound } from "neural-mi/dist/estimators/regression-bound.js";
import { coverageTasks } from "../coverage/tasks.mjs";
import { probeDraws, probesWithRecords } from "../probe-records.mjs";

const [first = 4, last = 21] = process.argv.slice(2).map(Number);
const here = new URL(".", import.meta.url).pathname;
const ONE_SIDED_95 = 1.645;
const toMatrix = (rows) => {
  const r = Array.from(rows, (row) => (typeof row === "number" ? [row] : Array.from(row)));
  return { values: Float64Array.from(r.flat()), rows: r.length, cols: r[0].length };
};
const boundOf = (x, y, seed) => {
  try {
    return regressionLowerBound(toMatrix(x), toMatrix(y), seed);
  } catch {
    return undefined;
  }
};
const f3 = (v) => v.toFixed(3);

// the coverage runs' trusted calls (coverage/calls.jsonl: data seed 1000·k + seed, as coverage/run.mjs draws them)
const coverageCalls = readFileSync(`${here}../coverage/calls.jsonl`, "utf8").trim().split("\n").map((l) => JSON.parse(l)).filter((r) => r.trusted && r.held);
const callZ = (bound, r) => (bound.estimate - r.estimate) / Math.hypot(bound.standardError, (r.estimate - r.lo) / 1.96);
let coverageDefined = 0;
let coverageAboveTruth = 0;
let coverageCallsBeside = 0;
let coverageTurned = 0;
for (const [k, t] of coverageTasks().entries()) {
  for (let s = 0; s < 20; s++) {
    const { x, y } = t.task.sample(t.n, 1000 * k + s);
    const bound = boundOf(x, y, s);
    if (bound === undefined) continue;
    coverageDefined += 1;
    const calls = coverageCalls.filter((r) => r.task === t.name && r.seed === s);
    coverageCallsBeside += calls.length;
    const truth = calls[0]?.truth;
    if (truth !== undefined && bound.estimate - truth > ONE_SIDED_95 * bound.standardError) {
      coverageAboveTruth += 1;
      console.log(`coverage ${t.name} seed ${s}: bound ${f3(bound.estimate)} ± ${f3(bound.standardError)} ABOVE THE TRUTH ${f3(truth)}`);
    }
    const alarms = calls.filter((r) => callZ(bound, r) > ONE_SIDED_95);
    coverageTurned += alarms.length;
    if (alarms.length > 0) console.log(`coverage ${t.name} seed ${s}: bound ${f3(bound.estimate)} ± ${f3(bound.standardError)} clearly above ${alarms.map((r) => `${r.method} ${f3(r.estimate)} [${f3(r.lo)}, ${f3(r.hi)}]`).join("; ")}`);
  }
}
console.log(
  `coverage tasks: the bound is defined on ${coverageDefined} of their draws, clearly above the truth on ${coverageAboveTruth}; ` +
    `${coverageTurned} of the ${coverageCallsBeside} trusted calls recorded on them clearly below it`,
);

let defined = 0;
let aboveTruth = 0;
let okCalls = 0;
let turned = 0;
let widened = 0;
let seconds = 0;
/** The second and third probes keep their sets in tests/lib and their records in ../unseen2 and ../unseen3; then every later one. */
async function* everyProbe() {
  for (const p of [2, 3]) {
    const { SETS } = await import(`${here}../../../tests/lib/unseen${p}-sets.mjs`);
    const dir = `${here}../unseen${p}/`;
    const records = readdirSync(dir).filter((f) => f.endsWith(".jsonl")).flatMap((f) => readFileSync(`${dir}${f}`, "utf8").split("\n").filter((l) => l.trim() !== "").map((l) => JSON.parse(l)));
    yield { probe: `unseen${p}`, sets: SETS, records };
  }
  yield* probesWithRecords(first, last);
}

for await (const { probe, set: s, seed, data, ok } of probeDraws(everyProbe())) {
  const started = performance.now();
  const bound = boundOf(data.x, data.y, seed);
  seconds += (performance.now() - started) / 1000;
  if (bound === undefined) continue;
  defined += 1;
  const truth = typeof s.truth === "function" ? s.truth() : s.truth;
  const overTruth = Number.isFinite(truth) && bound.estimate - truth > ONE_SIDED_95 * bound.standardError;
  if (overTruth) aboveTruth += 1;
  const calls = ok.filter((r) => r.set === s.name && r.seed === seed);
  const z = (r) => (bound.estimate - r.estimate) / Math.hypot(bound.standardError, (r.estimate - r.lo) / 1.96);
  const alarms = calls.filter((r) => z(r) > ONE_SIDED_95);
  const nearest = calls.reduce((best, r) => (best === undefined || z(r) > z(best) ? r : best), undefined);
  const upperEnd = bound.estimate + 1.96 * bound.standardError;
  const tooWide = calls.filter((r) => !alarms.includes(r) && Math.max(r.hi, upperEnd) - r.estimate > 2 * Math.max(0, r.estimate) + 0.25 && !(r.hi - r.estimate > 2 * Math.max(0, r.estimate) + 0.25));
  okCalls += calls.length;
  turned += alarms.length;
  widened += tooWide.length;
  console.log(
    `${probe} ${s.name} seed ${seed}: bound ${f3(bound.estimate)} ± ${f3(bound.standardError)}, truth ${Number.isFinite(truth) ? f3(truth) : truth}` +
      `${overTruth ? " ABOVE THE TRUTH" : ""}; ${calls.length} trusted-and-right calls, ${alarms.length} below it` +
      (nearest === undefined ? "" : ` (the nearest: ${nearest.method} ${f3(nearest.estimate)}, the bound ${z(nearest).toFixed(1)} standard errors above it)`) +
      (alarms.length > 0 ? ` (${alarms.map((r) => `${r.method} ${f3(r.estimate)} [${f3(r.lo)}, ${f3(r.hi)}]`).join("; ")})` : "") +
      (tooWide.length > 0 ? `; ${tooWide.length} widened past the widest trusted (${tooWide.map((r) => `${r.method} ${f3(r.estimate)} [${f3(r.lo)}, ${f3(r.hi)}]`).join("; ")})` : ""),
  );
}
console.log(
  `probe sets: the bound is defined on ${defined} data sets, clearly above the truth on ${aboveTruth}; ${turned} of ${okCalls} trusted-and-right calls ` +
    `on them clearly below it, ${widened} more widened past the widest trusted; ${seconds.toFixed(1)} s of bound time in all`,
);
