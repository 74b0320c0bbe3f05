// A/B timing of two builds of the fused kernel (lib/assembly/mlp.ts) in one process,
// alternating rounds so that both see the same load from other processes; prints
// the best round of each and their ratio. The machine is shared: compare builds only
// this way.   node bench/kernel-ab.mjs A.wasm B.wasm [rows=200] [rounds=40]
import fs from "node:fs";

const [fileA, fileB] = process.argv.slice(2, 4);
const rows = Number(process.argv[4] ?? 200);
const rounds = Number(process.argv[5] ?? 40);
const inputs = 2;
const hp = 104;

function setUp(file) {
  const instance = new WebAssembly.Instance(new WebAssembly.Module(fs.readFileSync(file)), { env: { abort() {} } });
  const k = instance.exports;
  const count = k.parameterCount(inputs, hp);
  let next = Math.ceil(k.heapBase() / 16) * 16;
  const take = (floats) => {
    const at = next;
    next += Math.ceil(floats / 4) * 16;
    return at;
  };
  const b = {
    params: take(count), grads: take(count), m: take(count), v: take(count), w2t: take(hp * hp),
    x: take(rows * inputs), a1: take(rows * hp), a2: take(rows * hp), d1: take(rows * hp), d2: take(rows * hp),
    t: take(rows), dT: take(rows),
  };
  k.memory.grow(Math.ceil(next / 65536));
  const f = new Float32Array(k.memory.buffer);
  let s = 1;
  const random = () => ((s = (s * 16807) % 2147483647) / 2147483647 - 0.5) * 0.04;
  for (let i = 0; i < count; i++) f[b.params / 4 + i] = random();
  for (let i = 0; i < rows * inputs; i++) f[b.x / 4 + i] = Math.sin(i);
  for (let i = 0; i < rows; i++) f[b.dT / 4 + i] = i < rows / 2 ? -2 / rows : 2 / rows;
  return () => {
    k.forward(b.params, inputs, hp, b.x, rows, b.a1, b.a2, b.t);
    k.backward(b.params, b.grads, inputs, hp, b.x, rows, b.a1, b.a2, b.dT, b.d2, b.d1, b.w2t);
    k.adam(b.params, b.grads, b.m, b.v, count, 0, 0.9, 0.999, 0.1, 0.001, 1e-8, 0.1, 0.001);
  };
}

const steps = [setUp(fileA), setUp(fileB)];
const best = [Infinity, Infinity];
for (const step of steps) for (let i = 0; i < 200; i++) step();
for (let r = 0; r < rounds; r++) {
  for (const [i, step] of steps.entries()) {
    const t0 = performance.now();
    for (let n = 0; n < 20; n++) step();
    best[i] = Math.min(best[i], (performance.now() - t0) / 20);
  }
}
console.log(`rows ${rows}: A ${(best[0] * 1000).toFixed(0)} µs/step, B ${(best[1] * 1000).toFixed(0)} µs/step, B/A ${(best[1] / best[0]).toFixed(2)}`);
