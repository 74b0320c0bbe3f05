// node bench/accuracy/unseen8/options.mjs [methods]: options the earlier probes did not pass (a throwing or rejecting onEpoch,
// fused off, a wide network, odd units), on a Gaussian pair (ρ = 0.8, n = 1000); what each call answers, its time and the tensors left
import { init, estimateMI, tf } from "neural-mi";
import { rng } from "../unseen5/sets.mjs";
await init();
const truth = -0.5 * Math.log(1 - 0.64);
const r = rng(9200); const x = [], y = [];
for (let i = 0; i < 1000; i++) { const a = r.normal(); x.push([a]); y.push([0.8 * a + 0.6 * r.normal()]); }
const [methodList = "mine,minee,infonce"] = process.argv.slice(2);
const OPTIONS = {
  "onEpoch throws": { onEpoch: () => { throw new Error("stop here"); } },
  "onEpoch rejects": { onEpoch: async () => { throw new Error("async stop"); } },
  "onEpoch returns a number": { onEpoch: () => 5 },
  "fused false": { fused: false },
  "fused true": { fused: true },
  "hiddenSize 512": { hiddenSize: 512 },
  "hiddenSize 2.5": { hiddenSize: 2.5 },
  "unit nats": { unit: "nats" },
  "unit NATS": { unit: "NATS" },
  "unit bit": { unit: "bit" },
  "epochs 1": { epochs: 1 },
  "steps 10 epochs 10": { steps: 10, epochs: 10 },
  "batchSize 999": { batchSize: 999 },
  "holdout 0": { holdout: 0 },
  "holdout 1": { holdout: 1 },
  "learningRate 0": { learningRate: 0 },
  "learningRate -0.001": { learningRate: -0.001 },
  "patience 1.5": { patience: 1.5 },
  "seed 1e15": { seed: 1e15 },
};
for (const [name, opts] of Object.entries(OPTIONS)) for (const method of methodList.split(",")) {
  const t0 = Date.now(); const before = tf.memory().numTensors;
  let line;
  try {
    const res = await estimateMI(x, y, { method, seed: 0, ...opts });
    const want = res.unit === "bits" ? truth / Math.log(2) : truth;
    const [lo, hi] = res.interval;
    line = `${res.trusted ? (lo <= want && want <= hi ? "ok" : "SILENT-WRONG") : "untrusted"} ${res.estimate.toFixed(3)} [${lo.toFixed(3)}, ${hi.toFixed(3)}] ${res.unit} ${res.warnings.map((w) => w.slice(0, 80)).join(" | ")}`;
  } catch (e) { line = `ERROR ${String(e.message).slice(0, 220)}`; }
  console.log(`${name.padEnd(26)} ${method.padEnd(7)} ${line} ${(Date.now() - t0) / 1000}s tensors +${tf.memory().numTensors - before}`);
}
