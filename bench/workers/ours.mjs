// One measurement of our side, in a process of its own (so its peak memory is its
// own); prints one JSON object. Called by bench/run.mjs:
//   node bench/workers/ours.mjs '{"impl":"library","method":"mine","mode":"speed","epochs":50,"warmup":5,"data":"sets.json"}'
// impl: library (the library's trainers, as they run by default), plain-<variant>
// (bench/plain/mine-tfjs.mjs) or fused-loop (bench/plain/mine-fused.mjs); the last two
// for MINE only.
import fs from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const job = JSON.parse(process.argv[2]);
const sets = JSON.parse(fs.readFileSync(job.data, "utf8")).sets;
const ITERS_PER_EPOCH = 10;

const join = (x, y) => x.map((row, i) => [...row, ...y[i]]);

async function libraryTrainer(method, data, seed) {
  const lib = require("neural-mi");
  await lib.init({ backend: "wasm" });
  const options = { seed, itersPerEpoch: ITERS_PER_EPOCH, learningRate: 1e-3 };
  let trainer;
  if (method === "mine") trainer = new lib.MINETrainer(data.x, data.y, new lib.Net({ seed }), { ...options, beta: 0.1, m: 1 });
  else if (method === "dv") trainer = new lib.DVTrainer(join(data.x, data.y), data.zRef, new lib.Net({ seed }), options);
  else if (method === "minee") trainer = new lib.MINEE(data.x, data.y, options);
  else throw new Error(`unknown method ${method}`);
  return {
    stepEpoch: () => trainer.step(1),
    heldOut: (h) =>
      method === "dv" ? trainer.estimateOn(join(h.x, h.y), h.zRef).estimate : trainer.estimateOn(h.x, h.y, { rng: seed }).estimate,
    backend: lib.backendInfo().name,
  };
}

async function plainTrainer(variant, data, seed) {
  const { PlainMINE, setBackend } = await import("../plain/mine-tfjs.mjs");
  await setBackend("wasm");
  const trainer = new PlainMINE(data, { seed, variant });
  return { stepEpoch: () => trainer.stepEpoch(), heldOut: null, backend: "wasm" };
}

async function fusedLoop(data, seed) {
  const { FusedMINE, loadLibrary } = await import("../plain/mine-fused.mjs");
  const trainer = new FusedMINE(await loadLibrary(), data, { seed });
  return { stepEpoch: () => trainer.stepEpoch(), heldOut: null, backend: "fused kernel" };
}

function makeTrainer(data, seed) {
  if (job.impl === "library") return libraryTrainer(job.method, data, seed);
  if (job.method !== "mine") throw new Error(`${job.impl} measures MINE only`);
  if (job.impl.startsWith("plain-")) return plainTrainer(job.impl.slice("plain-".length), data, seed);
  if (job.impl === "fused-loop") return fusedLoop(data, seed);
  throw new Error(`unknown impl ${job.impl}`);
}

const result = { implementation: job.impl, method: job.method, threads: 1 };
if (job.mode === "speed") {
  const data = sets[0];
  const trainer = await makeTrainer(data, data.seed);
  for (let i = 0; i < job.warmup; i++) trainer.stepEpoch();
  const start = performance.now();
  for (let i = 0; i < job.epochs; i++) trainer.stepEpoch();
  const seconds = (performance.now() - start) / 1000;
  Object.assign(result, { stepsPerSecond: (job.epochs * ITERS_PER_EPOCH) / seconds, seconds, backend: trainer.backend });
} else {
  result.runs = [];
  for (const data of sets) {
    const trainer = await makeTrainer(data, data.seed);
    for (let i = 0; i < job.epochs; i++) trainer.stepEpoch();
    result.runs.push({ seed: data.seed, estimate: trainer.heldOut(data.holdout), groundTruth: data.groundTruth });
    result.backend = trainer.backend;
  }
}
result.peakRssMiB = process.resourceUsage().maxRSS / 1024;
console.log(JSON.stringify(result));
