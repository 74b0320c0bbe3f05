// The option cases: each { set, method, options, label } is one estimateMI call, or { set, label, run } a call of the
// trainers' API returning { estimate, interval?, trusted? }.
import { DVTrainer, MINETrainer, MINEE, Net } from "../../../lib/dist/index.js";

export const NEURAL = ["mine", "mine-f", "minee", "infonce", "smile"];

const throwing = () => { throw new Error("user callback failed"); };
const slow = async () => { await new Promise((r) => setTimeout(r, 1)); };

/** Off-default values of the options every neural method takes. */
export const COMMON = [
  { steps: 1 }, { steps: 5 }, { steps: 20000 }, { epochs: 1 }, { epochs: 300 }, { steps: 100, epochs: 2 },
  { batchSize: 1 }, { batchSize: 2 }, { batchSize: 10000 },
  { holdout: 0.01 }, { holdout: 0.99 }, { holdout: 0 }, { holdout: 1 },
  { patience: 0 }, { patience: 1 }, { patience: 100000 },
  { learningRate: 1e-7 }, { learningRate: 1 }, { learningRate: 10 },
  { hiddenSize: 1 }, { hiddenSize: 300 },
  { unit: "bits" }, { fused: false },
  { onEpoch: throwing }, { onEpoch: slow },
  { seed: -3 }, { seed: 0.5 }, { seed: 2 ** 40 }, { seed: NaN },
  { steps: "100" }, { learningRate: NaN }, { batchSize: NaN }, { holdout: "0.3" }, { steps: Infinity }, { patience: -1 },
  { hiddenSize: 0 }, { hiddenSize: 2.5 }, { unit: "bit" }, { fused: "false" },
  { batchSize: 1, learningRate: 1 }, { holdout: 0.99, batchSize: 10000 }, { steps: 20000, patience: 0 },
  { learningRate: 1e-7, steps: 20000 }, { epochs: 1, batchSize: 1 },
];

export const OWN = {
  mine: [{ beta: 0 }, { beta: 1 }, { beta: NaN }, { beta: 1, learningRate: 1 }],
  "mine-f": [],
  minee: [{ refBatchFactor: 0.1 }, { refBatchFactor: 50 }, { refBatchFactor: 0 }, { reference: "uniform" }, { refBatchFactor: 0.1, batchSize: 2 }],
  infonce: [{ negatives: 1 }, { negatives: 500 }, { negatives: 0 }, { negatives: 1.5 }, { negatives: 500, batchSize: 2 }],
  smile: [{ clip: 0 }, { clip: 100 }, { clip: -1 }, { clip: 100, learningRate: 1 }],
  ksg: [{ neighbors: 1 }, { neighbors: 0 }, { neighbors: 3 }, { neighbors: 250 }, { neighbors: 499 }, { neighbors: 1000 },
    { neighbors: "10" }, { neighbors: NaN }, { neighbors: 2.5 }, { unit: "bits" }, { seed: -3 }, { seed: 0.5 }, { seed: NaN }, { seed: 2 ** 40 }],
};

/** Options tried on the other data sets too (the ones that reach training, off default). */
const OTHER_SETS = [{}, { unit: "bits" }, { fused: false }, { batchSize: 2 }, { holdout: 0.99 }, { learningRate: 1 }, { hiddenSize: 1 },
  { patience: 0 }, { steps: 20000 }, { epochs: 1 }, { batchSize: 10000 }];

function trainerCase(label, run) { return { set: "gauss", method: "trainer", label, run }; }

/** The trainer classes used directly on the Gaussian pair (z as (x, y) rows, zRef as (x, shuffled y) rows). */
function trainerCases() {
  const net = (inputSize, hiddenSize = 16) => new Net({ inputSize, hiddenSize, sigma: "fan-in", seed: 1 });
  const mineEstimate = (opts, epochs = 20) => ({ x, y }) => {
    const t = new MINETrainer(x, y, net(2), opts); const estimate = t.step(epochs); t.dispose(); return { estimate };
  };
  const dv = (opts, epochs = 20) => ({ x, y }) => {
    const z = x.map((r, i) => [r[0], y[i][0]]);
    const zRef = x.map((r, i) => [r[0], y[(i * 7 + 3) % y.length][0]]);
    const t = new DVTrainer(z, zRef, net(2), opts); const estimate = t.step(epochs); t.dispose(); return { estimate };
  };
  const minee = (opts, epochs = 20) => ({ x, y }) => {
    const t = new MINEE(x, y, opts); const estimate = t.step(epochs); t.dispose(); return { estimate };
  };
  const on = (opts) => ({ x, y }) => {
    const half = x.length / 2;
    const t = new MINETrainer(x.slice(0, half), y.slice(0, half), net(2), {});
    t.step(30);
    const r = t.estimateOn(x.slice(half), y.slice(half), opts); t.dispose();
    return { estimate: r.estimate, interval: [r.estimate - 1.96 * r.standardError, r.estimate + 1.96 * r.standardError] };
  };
  return [
    trainerCase("MINETrainer {}", mineEstimate({})),
    trainerCase("MINETrainer itersPerEpoch 0", mineEstimate({ itersPerEpoch: 0 })),
    trainerCase("MINETrainer itersPerEpoch 500", mineEstimate({ itersPerEpoch: 500 })),
    trainerCase("MINETrainer itersPerEpoch 1000", mineEstimate({ itersPerEpoch: 1000 })),
    trainerCase("MINETrainer itersPerEpoch 2.5", mineEstimate({ itersPerEpoch: 2.5 })),
    trainerCase("MINETrainer itersPerEpoch NaN", mineEstimate({ itersPerEpoch: NaN })),
    trainerCase("MINETrainer learningRate NaN", mineEstimate({ learningRate: NaN })),
    trainerCase("MINETrainer learningRate -1", mineEstimate({ learningRate: -1 })),
    trainerCase("MINETrainer learningRate 0", mineEstimate({ learningRate: 0 })),
    trainerCase("MINETrainer learningRate '0.01'", mineEstimate({ learningRate: "0.01" })),
    trainerCase("MINETrainer beta NaN", mineEstimate({ beta: NaN })),
    trainerCase("MINETrainer beta 2", mineEstimate({ beta: 2 })),
    trainerCase("MINETrainer m 0", mineEstimate({ m: 0 })),
    trainerCase("MINETrainer m -1", mineEstimate({ m: -1 })),
    trainerCase("MINETrainer m NaN", mineEstimate({ m: NaN })),
    trainerCase("MINETrainer seed NaN", mineEstimate({ seed: NaN })),
    trainerCase("MINETrainer seed -1", mineEstimate({ seed: -1 })),
    trainerCase("MINETrainer fused 'no'", mineEstimate({ fused: "no" })),
    trainerCase("MINETrainer step(-1)", mineEstimate({}, -1)),
    trainerCase("MINETrainer step(NaN)", mineEstimate({}, NaN)),
    trainerCase("MINETrainer step('3')", mineEstimate({}, "3")),
    trainerCase("DVTrainer {}", dv({})),
    trainerCase("DVTrainer itersPerEpoch 0", dv({ itersPerEpoch: 0 })),
    trainerCase("DVTrainer learningRate 10", dv({ learningRate: 10 })),
    trainerCase("DVTrainer learningRate NaN", dv({ learningRate: NaN })),
    trainerCase("DVTrainer learningRate Infinity", dv({ learningRate: Infinity })),
    trainerCase("MINEE {}", minee({})),
    trainerCase("MINEE refBatchFactor 0", minee({ refBatchFactor: 0 })),
    trainerCase("MINEE refBatchFactor 0.001", minee({ refBatchFactor: 0.001 })),
    trainerCase("MINEE refBatchFactor NaN", minee({ refBatchFactor: NaN })),
    trainerCase("MINEE refBatchFactor 50", minee({ refBatchFactor: 50 })),
    trainerCase("MINEE hiddenSize 0", minee({ hiddenSize: 0 })),
    trainerCase("MINEE hiddenSize 2.5", minee({ hiddenSize: 2.5 })),
    trainerCase("MINEE sigma NaN", minee({ sigma: NaN })),
    trainerCase("MINEE sigma -1", minee({ sigma: -1 })),
    trainerCase("MINEE sigma 0", minee({ sigma: 0 })),
    trainerCase("MINEE reference 'normal'", minee({ reference: "normal" })),
    trainerCase("MINEE floorDivergences 'yes'", minee({ floorDivergences: "yes" })),
    trainerCase("estimateOn {}", on({})),
    trainerCase("estimateOn referenceDraws 0", on({ referenceDraws: 0 })),
    trainerCase("estimateOn referenceDraws NaN", on({ referenceDraws: NaN })),
    trainerCase("estimateOn referenceDraws 2.5", on({ referenceDraws: 2.5 })),
    trainerCase("estimateOn referenceDraws 100", on({ referenceDraws: 100 })),
    trainerCase("estimateOn rng 'x'", on({ rng: "x" })),
    trainerCase("estimateOn rng NaN", on({ rng: NaN })),
  ];
}

/** Extremes found after the first table (run with the method filter "extremes"): each was a crash or an unclear error. */
function extremeCases() {
  const big = { set: "gauss", group: "extremes" };
  return [
    { ...big, method: "ksg", options: { seed: Number.MAX_SAFE_INTEGER } },
    { ...big, method: "minee", options: { seed: Number.MAX_SAFE_INTEGER } },
    { ...big, method: "mine", options: { seed: -Number.MAX_SAFE_INTEGER } },
    { ...big, method: "mine", options: { hiddenSize: 1e9 } },
    { ...big, method: "smile", options: { hiddenSize: 5000 } },
    { ...big, method: "mine", options: { steps: 200000, patience: 200000, batchSize: 64, hiddenSize: 4 } },
  ];
}

export function allCases() {
  const cases = [];
  for (const method of [...NEURAL, "ksg"]) {
    const list = method === "ksg" ? [{}, ...OWN.ksg] : [{}, ...COMMON, ...OWN[method]];
    for (const options of list) cases.push({ set: "gauss", method, options });
    for (const set of ["mixture", "independent", "dense5x5"]) {
      const others = method === "ksg" ? [{}, { neighbors: 1 }, { neighbors: 250 }, { unit: "bits" }] : OTHER_SETS;
      for (const options of others) cases.push({ set, method, options });
    }
  }
  for (const method of NEURAL) cases.push({ set: "gauss", method, options: { fused: true } });
  return [...cases, ...trainerCases(), ...extremeCases()];
}
