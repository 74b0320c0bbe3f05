// Where does a MINE step's time go on the WASM backend? Runs the plain tfjs loop
// under tf.profile and prints, per kernel, calls and time per training step,
// against the wall time of the same steps.
//   node bench/profile.mjs [variant=seed] [backend=wasm]
import fs from "node:fs";
import { PlainMINE, setBackend, tf } from "./plain/mine-tfjs.mjs";
import { courseSets } from "./data.mjs";

const variant = process.argv[2] ?? "seed";
const backend = process.argv[3] ?? "wasm";
await setBackend(backend);
const [data] = courseSets({ seeds: [0] });
const trainer = new PlainMINE(data, { variant });
for (let i = 0; i < 5; i++) trainer.stepEpoch();

const epochs = 10;
const steps = epochs * trainer.k;
let start = performance.now();
for (let i = 0; i < epochs; i++) trainer.stepEpoch();
const wallMs = (performance.now() - start) / steps;

start = performance.now();
const profile = await tf.profile(() => {
  for (let i = 0; i < epochs; i++) trainer.stepEpoch();
});
const profiledMs = (performance.now() - start) / steps;

const byKernel = new Map();
for (const k of profile.kernels) {
  const entry = byKernel.get(k.name) ?? { calls: 0, ms: 0 };
  entry.calls += 1;
  entry.ms += await k.kernelTimeMs;
  byKernel.set(k.name, entry);
}
const rows = [...byKernel].map(([name, e]) => ({ name, calls: e.calls / steps, ms: e.ms / steps })).sort((a, b) => b.ms - a.ms);
const kernelMs = rows.reduce((s, r) => s + r.ms, 0);
const calls = rows.reduce((s, r) => s + r.calls, 0);
const lines = [
  `MINE step, plain tfjs loop, variant "${variant}", backend ${backend} (per training step; the per-epoch estimate is included, spread over its 10 steps)`,
  `wall time ${wallMs.toFixed(2)} ms/step unprofiled, ${profiledMs.toFixed(2)} ms/step profiled; kernels ${kernelMs.toFixed(2)} ms in ${calls.toFixed(0)} calls`,
  "",
  "| kernel | calls/step | ms/step | share of kernel time |",
  "| --- | ---: | ---: | ---: |",
  ...rows.map((r) => `| ${r.name} | ${r.calls.toFixed(1)} | ${r.ms.toFixed(3)} | ${((100 * r.ms) / kernelMs).toFixed(0)}% |`),
];
console.log(lines.join("\n"));
if (process.argv[4]) fs.writeFileSync(process.argv[4], lines.join("\n") + "\n");
