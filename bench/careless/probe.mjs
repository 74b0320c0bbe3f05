// Calls the library's public exports as a careless user would and records what each does:
// a clear error, a result (with NaN/Infinity found in it), a leak of tensors, or a crash.
// Not part of npm test: `node bench/careless/probe.mjs [filter]`.
import * as mi from "neural-mi";
const { tf } = mi;
await mi.init();

const filter = process.argv[2];
const rows = [];
function findNonFinite(v, path = "", seen = new Set(), depth = 0) {
  if (typeof v === "number") return Number.isFinite(v) ? undefined : `${path}=${v}`;
  if (v === null || typeof v !== "object" || seen.has(v) || depth > 6) return undefined;
  seen.add(v);
  if (v instanceof tf.Tensor) return undefined;
  if (ArrayBuffer.isView(v)) { for (let i = 0; i < v.length; i++) if (!Number.isFinite(v[i])) return `${path}[${i}]=${v[i]}`; return undefined; }
  for (const [k, w] of Object.entries(v)) {
    if (k === "interval" && Array.isArray(w) && w[1] === Infinity) { const r = findNonFinite(w[0], `${path}.interval[0]`, seen, depth + 1); if (r) return r; continue; }
    if (k === "diagnostics" || k === "budgetExtended") continue;
    const r = findNonFinite(w, `${path}.${k}`, seen, depth + 1);
    if (r) return r;
  }
  return undefined;
}
function summarise(v) {
  if (v === undefined) return "undefined";
  if (v instanceof tf.Tensor) return `Tensor${JSON.stringify(v.shape)}`;
  if (typeof v === "number") return String(v);
  if (v && typeof v === "object" && "estimate" in v && "interval" in v) return `est ${v.estimate?.toFixed?.(4)} [${v.interval.map((a) => a.toFixed?.(3)).join(", ")}] trusted=${v.trusted} w=${v.warnings?.length}`;
  if (Array.isArray(v)) return `array(${v.length})${Array.isArray(v[0]) ? `x${v[0].length}` : ""}`;
  try { return JSON.stringify(v).slice(0, 120); } catch { return String(v).slice(0, 120); }
}
async function probe(name, fn, { expect } = {}) {
  if (filter && !name.includes(filter)) return;
  const before = tf.memory().numTensors;
  const t0 = Date.now();
  let outcome, detail;
  try {
    const v = await fn();
    const bad = findNonFinite(v);
    outcome = bad ? "NONFINITE" : "ok";
    detail = bad ? `${bad}; ${summarise(v)}` : summarise(v);
    if (v instanceof tf.Tensor) v.dispose();
  } catch (e) {
    const msg = String(e?.message ?? e);
    outcome = msg.startsWith("neural-mi") ? "error" : "UNCLEAR";
    detail = msg.replace(/\s+/g, " ").slice(0, 260);
  }
  const leak = tf.memory().numTensors - before;
  const ms = Date.now() - t0;
  if (leak > 0) outcome += ` LEAK+${leak}`;
  if (expect && !outcome.startsWith(expect)) outcome += " (!)";
  rows.push({ name, outcome, ms, detail });
  console.log(`${outcome.padEnd(14)} ${String(ms).padStart(6)}ms  ${name}\n      ${detail}`);
}

const g = mi.bivariateGaussian(0.5);
const { x, y } = g.sample(200, 1);
const x1 = x.map((r) => r[0]), y1 = y.map((r) => r[0]);
const ksg = (a, b, o = {}) => mi.estimateMI(a, b, { method: "ksg", ...o });
const quick = { steps: 50, hiddenSize: 4 };

// ---- estimateMI / registry with careless data
const dataCases = {
  "different lengths": [x, y.slice(0, 150)],
  "ragged row": [x.map((r, i) => (i === 7 ? [r[0], 1] : r)), y],
  "empty": [[], []],
  "empty rows": [x.map(() => []), y],
  "one row": [[x[0]], [y[0]]],
  "two rows": [x.slice(0, 2), y.slice(0, 2)],
  "NaN": [x.map((r, i) => (i === 3 ? [NaN] : r)), y],
  "Infinity": [x.map((r, i) => (i === 3 ? [Infinity] : r)), y],
  "null in data": [x.map((r, i) => (i === 3 ? [null] : r)), y],
  "undefined in data": [x.map((r, i) => (i === 3 ? [undefined] : r)), y],
  "null row": [x.map((r, i) => (i === 3 ? null : r)), y],
  "string in data": [x.map((r, i) => (i === 3 ? ["1.5"] : r)), y],
  "bigint in data": [x.map((r, i) => (i === 3 ? [3n] : r)), y],
  "boolean in data": [x.map((r, i) => (i === 3 ? [true] : r)), y],
  "sparse array hole": [(() => { const a = x1.slice(); delete a[5]; return a; })(), y1],
  "Float32Array": [Float32Array.from(x1), Float32Array.from(y1)],
  "Float64Array": [Float64Array.from(x1), Float64Array.from(y1)],
  "Int32Array": [Int32Array.from(x1.map((v) => Math.round(v * 3))), Int32Array.from(y1.map((v) => Math.round(v * 3)))],
  "rows of Float32Array": [x.map((r) => Float32Array.from(r)), y.map((r) => Float64Array.from(r))],
  "tensor 2d": [() => tf.tensor2d(x), () => tf.tensor2d(y)],
  "tensor 1d": [() => tf.tensor1d(x1), () => tf.tensor1d(y1)],
  "tensor int32": [() => tf.tensor1d(x1.map((v) => Math.round(v * 3)), "int32"), () => tf.tensor1d(y1.map((v) => Math.round(v * 3)), "int32")],
  "tensor string": [() => tf.tensor1d(x1.map(String), "string"), () => tf.tensor1d(y1)],
    "tensor 3d": [() => tf.tensor3d(x.map((r) => [r])), () => tf.tensor2d(y)],
  "disposed tensor": [() => { const t = tf.tensor2d(x); t.dispose(); return t; }, () => tf.tensor2d(y)],
  "1-D arrays": [x1, y1],
  "[n][1] vs [n]": [x, y1],
  "transposed d x n": [[x1, x1.map((v) => v * 2 + 1)], [y1, y1.map((v) => -v)]],
  "transposed x only": [[x1, x1.map((v) => v + 1)], y],
  "constant column": [x.map((r) => [r[0], 5]), y],
  "all identical rows": [x.map(() => [1]), y],
  "both constant": [x.map(() => [1]), y.map(() => [2])],
  "values 1e300": [x.map((r) => [r[0] * 1e300]), y],
  "values 1e-300": [x.map((r) => [r[0] * 1e-300]), y],
  "values 1e308 mixed": [x.map((r, i) => [i % 2 ? 1e308 : -1e308]), y],
  "-0 everywhere": [x.map(() => [-0]), y],
  "integers only": [x.map((r) => [Math.round(r[0] * 2)]), y.map((r) => [Math.round(r[0] * 2)])],
  "number (not array)": [5, 6],
  "string data": ["1,2,3", "4,5,6"],
  "object of columns": [{ a: x1 }, { b: y1 }],
  "Set": [new Set(x1), new Set(y1)],
  "nested deeper": [x.map((r) => [r]), y],
  "array-like object": [{ length: 200, 0: 1 }, y],
  "mixed typed+arrays rows": [x.map((r, i) => (i % 2 ? Float32Array.from(r) : r)), y],
  "negative zero and zero only": [x.map((_, i) => [i % 2 ? -0 : 0]), y],
};
for (const [label, [a, b]] of Object.entries(dataCases)) {
  for (const method of ["ksg", "mine", "minee"]) {
    await probe(`estimateMI ${method}: ${label}`, async () => {
      const A = typeof a === "function" ? a() : a, B = typeof b === "function" ? b() : b;
      try { return await mi.estimateMI(A, B, method === "ksg" ? { method } : { method, ...quick }); }
      finally { for (const t of [A, B]) if (t instanceof tf.Tensor && !t.isDisposed) t.dispose(); }
    });
  }
}

// ---- options
const optCases = {
  "misspelt seeed": { seeed: 1 }, "misspelt neighbours": { method: "ksg", neighbours: 3 },
  "steps string": { steps: "100" }, "epochs negative": { epochs: -1 }, "batchSize 0": { batchSize: 0 },
  "batchSize > n": { batchSize: 1000, ...quick }, "learningRate NaN": { learningRate: NaN }, "learningRate negative": { learningRate: -1e-3 },
  "learningRate 0": { learningRate: 0, ...quick }, "learningRate string": { learningRate: "1e-3" }, "learningRate huge": { learningRate: 1e6, ...quick },
  "seed string": { seed: "1" }, "seed float": { seed: 1.5 }, "seed negative": { seed: -3, ...quick }, "seed > 2^32": { seed: 2 ** 40, ...quick },
  "seed NaN": { seed: NaN }, "seed bigint": { seed: 1n }, "holdout 0": { holdout: 0 }, "holdout 1": { holdout: 1 }, "holdout 0.99": { holdout: 0.99 },
  "holdout NaN": { holdout: NaN }, "unit bad": { unit: "bit" }, "patience 0": { patience: 0, ...quick }, "patience -1": { patience: -1 },
  "hiddenSize 0": { hiddenSize: 0, steps: 50 }, "hiddenSize 1.5": { hiddenSize: 1.5 }, "hiddenSize string": { hiddenSize: "8" },
  "options null": null, "options array": [], "options number": 5, "onEpoch not function": { onEpoch: 5 },
  "ksg neighbors 0": { method: "ksg", neighbors: 0 }, "ksg neighbors n": { method: "ksg", neighbors: 200 }, "ksg neighbors 199": { method: "ksg", neighbors: 199 },
  "ksg neighbors float": { method: "ksg", neighbors: 2.5 }, "ksg steps": { method: "ksg", steps: 10 },
  "minee refBatchFactor 0": { method: "minee", refBatchFactor: 0 }, "minee reference bad": { method: "minee", reference: "normal" },
  "infonce negatives 0": { method: "infonce", negatives: 0 }, "infonce negatives huge": { method: "infonce", negatives: 1e6 },
  "smile clip 0": { method: "smile", clip: 0 }, "smile clip NaN": { method: "smile", clip: NaN }, "beta 2": { beta: 2 },
  "method undefined": { method: undefined, ...quick }, "method null": { method: null }, "method number": { method: 1 },
  "fused string": { fused: "yes" }, "steps Infinity": { steps: Infinity }, "epochs 0.5": { epochs: 0.5 }, "steps 1": { steps: 1, hiddenSize: 4 },
};
for (const [label, o] of Object.entries(optCases)) await probe(`estimateMI options: ${label}`, () => mi.estimateMI(x, y, o));
for (const name of mi.estimators()) {
  await probe(`estimator(${name}).estimate options misspelt`, () => mi.estimator(name).estimate(x, y, { seedd: 1 }));
  await probe(`estimator(${name}).estimate quick`, () => mi.estimator(name).estimate(x, y, name === "ksg" ? {} : quick));
  await probe(`estimator(${name}).estimate 1-D typed`, () => mi.estimator(name).estimate(Float32Array.from(x1), y1, name === "ksg" ? {} : quick));
}
await probe("estimator unknown", () => mi.estimator("MINE"));
await probe("estimator undefined", () => mi.estimator());
await probe("estimator object", () => mi.estimator({ name: "ksg" }));

// seeds reproduce
for (const method of ["ksg", "mine", "minee", "infonce", "smile", "mine-f"]) {
  await probe(`same seed twice: ${method}`, async () => {
    const o = method === "ksg" ? { method } : { method, seed: 7, ...quick };
    const a = await mi.estimateMI(x, y, o), b = await mi.estimateMI(x, y, o);
    if (a.estimate !== b.estimate || a.interval[0] !== b.interval[0]) throw new Error(`NOT REPRODUCED ${a.estimate} vs ${b.estimate}`);
    return a;
  });
}
await probe("same seed twice: estimateMI concurrently (mine)", async () => {
  const [a, b] = await Promise.all([mi.estimateMI(x, y, { seed: 3, ...quick }), mi.estimateMI(x, y, { seed: 3, ...quick })]);
  if (a.estimate !== b.estimate) throw new Error(`NOT REPRODUCED concurrently ${a.estimate} vs ${b.estimate}`);
  return a;
});
await probe("same seed: concurrently with another seed vs alone", async () => {
  const alone = await mi.estimateMI(x, y, { seed: 3, ...quick });
  const [a] = await Promise.all([mi.estimateMI(x, y, { seed: 3, ...quick }), mi.estimateMI(x, y, { seed: 4, ...quick })]);
  if (a.estimate !== alone.estimate) throw new Error(`NOT REPRODUCED concurrently ${a.estimate} vs alone ${alone.estimate}`);
  return a;
});

// ---- Net
await probe("Net no options", () => { const n = new mi.Net(); n.dispose(); return "ok"; });
await probe("Net misspelt", () => new mi.Net({ inputsize: 2 }));
await probe("Net inputSize 0", () => new mi.Net({ inputSize: 0 }));
await probe("Net inputSize string", () => new mi.Net({ inputSize: "2" }));
await probe("Net sigma NaN", () => new mi.Net({ sigma: NaN }));
await probe("Net sigma negative", () => new mi.Net({ sigma: -1 }));
await probe("Net seed float", () => new mi.Net({ seed: 0.5 }));
await probe("Net seed 2^40", () => { const n = new mi.Net({ seed: 2 ** 40 }); n.dispose(); return "ok"; });
await probe("Net seed reproduces", () => { const a = new mi.Net({ seed: 5 }), b = new mi.Net({ seed: 5 }); const ea = a.evaluate(x.map((r, i) => [r[0], y[i][0]])), eb = b.evaluate(x.map((r, i) => [r[0], y[i][0]])); a.dispose(); b.dispose(); if (ea.some((v, i) => v !== eb[i])) throw new Error("NOT REPRODUCED"); return "ok"; });
await probe("Net options number", () => new mi.Net(3));
await probe("Net evaluate after dispose", () => { const n = new mi.Net(); n.dispose(); return n.evaluate([[1, 2]]); });
await probe("Net forward after dispose", () => { const n = new mi.Net(); n.dispose(); const t = tf.tensor2d([[1, 2]]); try { return n.forward(t); } finally { t.dispose(); } });
await probe("Net dispose twice", () => { const n = new mi.Net(); n.dispose(); n.dispose(); return "ok"; });
await probe("Net variables after dispose", () => { const n = new mi.Net(); n.dispose(); return n.variables.length; });
for (const [label, pts] of Object.entries({ empty: [], "wrong cols": [[1, 2, 3]], "1-D": [1, 2], NaN: [[NaN, 1]], "1e300": [[1e300, 1]], string: [["1", 2]], "Float32Array": new Float32Array([1, 2]), "tensor": tf.tensor2d([[1, 2]]), "ragged": [[1, 2], [1]], "null": null, "rows of typed": [Float32Array.from([1, 2])] })) {
  await probe(`Net.evaluate ${label}`, () => { const n = new mi.Net(); try { return n.evaluate(pts); } finally { n.dispose(); } });
}
await probe("Net.evaluate split bad", () => { const n = new mi.Net({ inputSize: 3 }); try { return n.evaluate([[1, 2, 3]], [1, 1]); } finally { n.dispose(); } });
await probe("Net.forward one input wrong width", () => { const n = new mi.Net(); const t = tf.tensor2d([[1, 2, 3]]); try { return n.forward(t); } finally { n.dispose(); t.dispose(); } });
await probe("Net.forward number[][] not tensor", () => { const n = new mi.Net(); try { return n.forward([[1, 2]]); } finally { n.dispose(); } });
await probe("Net.forward disposed tensor", () => { const n = new mi.Net(); const t = tf.tensor2d([[1, 2]]); t.dispose(); try { return n.forward(t); } finally { n.dispose(); } });
await probe("Net.forward no inputs", () => { const n = new mi.Net(); try { return n.forward(); } finally { n.dispose(); } });
await probe("Net.forward 1-D tensor", () => { const n = new mi.Net(); const t = tf.tensor1d([1, 2]); try { return n.forward(t); } finally { n.dispose(); t.dispose(); } });
await probe("Net.forward int32 tensor", () => { const n = new mi.Net(); const t = tf.tensor2d([[1, 2]], undefined, "int32"); try { return n.forward(t); } finally { n.dispose(); t.dispose(); } });
await probe("Dense bad", () => new mi.Dense(2, 0, 0.1, new mi.Rng(0)));
await probe("Dense rng number", () => new mi.Dense(2, 3, 0.1, 0));
await probe("initialNetWeights bad", () => mi.initialNetWeights({ inputSize: -1 }));
await probe("initialNetWeights ok", () => mi.initialNetWeights({ inputSize: 2, hiddenSize: 3 }));

// ---- Trainers
const trainers = { DVTrainer: mi.DVTrainer, MINETrainer: mi.MINETrainer, MINEfTrainer: mi.MINEfTrainer, InfoNCETrainer: mi.InfoNCETrainer, SMILETrainer: mi.SMILETrainer };
for (const [tname, T] of Object.entries(trainers)) {
  const mk = (a = x, b = y, o = {}, net) => { const n = net ?? new mi.Net({ inputSize: tname === "DVTrainer" ? 1 : 2, hiddenSize: 8 }); try { return { t: new T(a, b, n, o), n }; } catch (e) { n.dispose(); throw e; } };
  const run = (f) => async () => { let made; try { made = undefined; return await f((...args) => (made = mk(...args))); } finally { made?.t.dispose(); made?.n.dispose(); } };
  await probe(`${tname} step(2)`, run((m) => m().t.step(2)));
  await probe(`${tname} step twice same seed`, async () => {
    const a = mk(x, y, { seed: 3 }), b = mk(x, y, { seed: 3 });
    const va = a.t.step(3), vb = b.t.step(3);
    a.t.dispose(); a.n.dispose(); b.t.dispose(); b.n.dispose();
    if (va !== vb) throw new Error(`NOT REPRODUCED ${va} ${vb}`); return va;
  });
  await probe(`${tname} misspelt option`, run((m) => m(x, y, { itersPerEpock: 5 })));
  await probe(`${tname} itersPerEpoch 0`, run((m) => m(x, y, { itersPerEpoch: 0 })));
  await probe(`${tname} itersPerEpoch > n`, run((m) => m(x, y, { itersPerEpoch: 1000 })));
  await probe(`${tname} learningRate NaN`, run((m) => m(x, y, { learningRate: NaN })));
  await probe(`${tname} learningRate string`, run((m) => m(x, y, { learningRate: "0.01" })));
  await probe(`${tname} seed string`, run((m) => m(x, y, { seed: "3" })));
  await probe(`${tname} seed 2^33`, run((m) => m(x, y, { seed: 2 ** 33 }).t.step(1)));
  await probe(`${tname} seed -1`, run((m) => m(x, y, { seed: -1 }).t.step(1)));
  await probe(`${tname} step(-1)`, run((m) => m().t.step(-1)));
  await probe(`${tname} step(1.5)`, run((m) => m().t.step(1.5)));
  await probe(`${tname} step("2")`, run((m) => m().t.step("2")));
  await probe(`${tname} step(NaN)`, run((m) => m().t.step(NaN)));
  await probe(`${tname} step(0)`, run((m) => m().t.step(0)));
  await probe(`${tname} different lengths`, run((m) => m(x, y.slice(0, 100)).t.step(1)));
  await probe(`${tname} two rows`, run((m) => m(x.slice(0, 2), y.slice(0, 2), { itersPerEpoch: 1 }).t.step(1)));
  await probe(`${tname} one row`, run((m) => m(x.slice(0, 1), y.slice(0, 1), { itersPerEpoch: 1 }).t.step(1)));
  await probe(`${tname} empty`, run((m) => m([], []).t.step(1)));
  await probe(`${tname} NaN`, run((m) => m(x.map((r, i) => (i === 2 ? [NaN] : r)), y).t.step(1)));
  await probe(`${tname} string data`, run((m) => m(x.map((r, i) => (i === 2 ? ["2"] : r)), y).t.step(1)));
  await probe(`${tname} Float32Array`, run((m) => m(Float32Array.from(x1), Float64Array.from(y1)).t.step(1)));
  await probe(`${tname} tensors`, async () => { const a = tf.tensor2d(x), b = tf.tensor1d(y1); const r = mk(a, b); const v = r.t.step(1); r.t.dispose(); r.n.dispose(); a.dispose(); b.dispose(); return v; });
  await probe(`${tname} disposed tensor`, run((m) => { const a = tf.tensor2d(x); a.dispose(); return m(a, y).t.step(1); }));
  await probe(`${tname} wrong net inputSize`, run((m) => { const n = new mi.Net({ inputSize: 5, hiddenSize: 4 }); try { return m(x, y, {}, n).t.step(1); } finally { n.dispose(); } }));
  await probe(`${tname} disposed net`, run((m) => { const n = new mi.Net({ inputSize: tname === "DVTrainer" ? 1 : 2 }); n.dispose(); return m(x, y, {}, n).t.step(1); }));
  await probe(`${tname} net disposed after construct`, run((m) => { const r = m(); r.n.dispose(); return r.t.step(1); }));
  await probe(`${tname} net not a Net`, () => new T(x, y, {}, {}));
  await probe(`${tname} net missing`, () => new T(x, y));
  await probe(`${tname} options null`, run((m) => m(x, y, null)));
  await probe(`${tname} step after dispose`, async () => { const r = mk(); r.t.dispose(); try { return r.t.step(1); } finally { r.n.dispose(); } });
  await probe(`${tname} dispose twice`, async () => { const r = mk(); r.t.dispose(); r.t.dispose(); r.n.dispose(); return "ok"; });
  await probe(`${tname} train twice sequential`, run(async (m) => { const r = m(); await r.t.train({ epochs: 1 }); return r.t.train({ epochs: 1 }); }));
  await probe(`${tname} train concurrently`, run(async (m) => { const r = m(); return Promise.all([r.t.train({ epochs: 2 }), r.t.train({ epochs: 2 })]); }));
  await probe(`${tname} step while train runs`, run(async (m) => { const r = m(); const p = r.t.train({ epochs: 3 }); let s; try { s = r.t.step(1); } catch (e) { await p; throw e; } await p; return s; }));
  await probe(`${tname} dispose while train runs`, async () => { const r = mk(); const p = r.t.train({ epochs: 5 }); r.t.dispose(); try { return await p; } finally { r.n.dispose(); } });
  await probe(`${tname} train misspelt`, run((m) => m().t.train({ epoch: 2 })));
  await probe(`${tname} train no args`, run((m) => m().t.train()));
  await probe(`${tname} train epochs -1`, run((m) => m().t.train({ epochs: -1 })));
  await probe(`${tname} train onEpoch throws`, run((m) => m().t.train({ epochs: 2, onEpoch: () => { throw new Error("user's"); } })));
  await probe(`${tname} estimateOn other cols`, run((m) => m().t.estimateOn([[1, 2]], [[1]])));
  await probe(`${tname} estimateOn empty`, run((m) => m().t.estimateOn([], [])));
  await probe(`${tname} estimateOn one row`, run((m) => m().t.estimateOn([x[0]], [y[0]])));
  await probe(`${tname} estimateOn misspelt`, run((m) => m().t.estimateOn(x, y, { referenceDraw: 2 })));
  await probe(`${tname} estimateOn rng number`, run((m) => m().t.estimateOn(x, y, { rng: 5 })));
  await probe(`${tname} trainEpochs(2)`, run((m) => { const r = m(); r.t.trainEpochs(2); return r.t.history; }));
}
for (const [label, o] of [["beta 2", { beta: 2 }], ["m NaN", { m: NaN }]]) await probe(`MINETrainer ${label}`, () => { const n = new mi.Net(); try { return new mi.MINETrainer(x, y, n, o); } finally { n.dispose(); } });
// MINEE
await probe("MINEE step(2)", () => { const m = new mi.MINEE(x, y, { hiddenSize: 8 }); try { return m.step(2); } finally { m.dispose(); } });
await probe("MINEE same seed", () => { const a = new mi.MINEE(x, y, { hiddenSize: 8, seed: 2 }), b = new mi.MINEE(x, y, { hiddenSize: 8, seed: 2 }); const va = a.step(2), vb = b.step(2); a.dispose(); b.dispose(); if (va !== vb) throw new Error(`NOT REPRODUCED ${va} ${vb}`); return va; });
await probe("MINEE misspelt", () => new mi.MINEE(x, y, { refBatchFactr: 2 }));
await probe("MINEE constant column", () => new mi.MINEE(x.map((r) => [r[0], 1]), y));
await probe("MINEE refBatchFactor 0", () => new mi.MINEE(x, y, { refBatchFactor: 0 }));
await probe("MINEE refBatchFactor 0.5", () => { const m = new mi.MINEE(x, y, { refBatchFactor: 0.5, hiddenSize: 8 }); try { return m.step(1); } finally { m.dispose(); } });
await probe("MINEE after dispose", () => { const m = new mi.MINEE(x, y, { hiddenSize: 8 }); m.dispose(); return m.step(1); });
await probe("MINEE train concurrently", async () => { const m = new mi.MINEE(x, y, { hiddenSize: 8 }); try { return await Promise.all([m.train({ epochs: 1 }), m.train({ epochs: 1 })]); } finally { m.dispose(); } });
await probe("MINEE 1e300", () => { const m = new mi.MINEE(x.map((r) => [r[0] * 1e300]), y, { hiddenSize: 8 }); try { return m.step(1); } finally { m.dispose(); } });
await probe("MINEE two rows", () => { const m = new mi.MINEE(x.slice(0, 2), y.slice(0, 2), { hiddenSize: 8, itersPerEpoch: 1 }); try { return m.step(1); } finally { m.dispose(); } });
await probe("mineeEvaluation bad", () => mi.mineeEvaluation({ joint: [1], reference: [1, 2] }, null, null));
await probe("mineeEvaluation empty", () => mi.mineeEvaluation({ joint: [], reference: [] }, { joint: [], reference: [] }, { joint: [], reference: [] }));
await probe("mineeEvaluation NaN", () => mi.mineeEvaluation({ joint: [NaN], reference: [1] }, { joint: [1], reference: [1] }, { joint: [1], reference: [1] }));
await probe("mineeEvaluation 1e300", () => mi.mineeEvaluation({ joint: [1e300, 1], reference: [1e300, 2] }, { joint: [1, 2], reference: [1, 3] }, { joint: [1, 2], reference: [1, 3] }));

// ---- bounds
for (const [bname, f] of Object.entries({ dvBound: mi.dvBound, fBound: mi.fBound })) {
  await probe(`${bname} arrays`, () => f([1, 2], [1, 2]));
  await probe(`${bname} empty tensors`, () => { const a = tf.zeros([0, 1]), b = tf.zeros([0, 1]); try { return f(a, b); } finally { a.dispose(); b.dispose(); } });
  await probe(`${bname} NaN tensor`, () => { const a = tf.tensor1d([NaN, 1]), b = tf.tensor1d([1, 2]); try { return tf.tidy(() => f(a, b).dataSync()[0]); } finally { a.dispose(); b.dispose(); } });
  await probe(`${bname} disposed`, () => { const a = tf.tensor1d([1, 1]), b = tf.tensor1d([1, 2]); a.dispose(); try { return f(a, b); } finally { b.dispose(); } });
  await probe(`${bname} large`, () => { const a = tf.tensor1d([100, 1]), b = tf.tensor1d([1000, 2]); try { return tf.tidy(() => f(a, b).dataSync()[0]); } finally { a.dispose(); b.dispose(); } });
}
for (const [bname, B] of Object.entries({ DV: mi.DV, F_BOUND: mi.F_BOUND, INFO_NCE: mi.INFO_NCE, smile: mi.smileBound(5) })) {
  await probe(`${bname}.evaluation empty`, () => B.evaluation([], []));
  await probe(`${bname}.evaluation one`, () => B.evaluation([1], [1]));
  await probe(`${bname}.evaluation typed`, () => B.evaluation(Float32Array.from([1, 2]), Float32Array.from([1, 2])));
  await probe(`${bname}.evaluation huge`, () => B.evaluation([1e300, 1], [1e300, 2]));
  await probe(`${bname}.evaluation strings`, () => B.evaluation(["1", "2"], [1, 2]));
  await probe(`${bname}.evaluation 1000`, () => B.evaluation([1000, 1], [1000, 2]));
  await probe(`${bname}.evaluation -1e4`, () => B.evaluation([-1e4, 1], [-1e4, -1e4]));
}
await probe("smileBound NaN", () => mi.smileBound(NaN));
await probe("smileBound string", () => mi.smileBound("5"));

// ---- resample
await probe("resample ok", () => mi.resample(x, 5, { rng: new mi.Rng(0) }));
await probe("resample size > n", () => mi.resample(x, 500));
await probe("resample size > n replace", () => mi.resample(x, 500, { replace: true }));
await probe("resample size -1", () => mi.resample(x, -1));
await probe("resample size string", () => mi.resample(x, "5"));
await probe("resample empty", () => mi.resample([], 0));
await probe("resample empty 1", () => mi.resample([], 1, { replace: true }));
await probe("resample typed", () => mi.resample(Float32Array.from(x1), 5));
await probe("resample 1-D tensor", () => { const t = tf.tensor1d(x1); try { return mi.resample(t, 5); } finally { t.dispose(); } });
await probe("resample 2-D tensor", () => { const t = tf.tensor2d(x); try { return mi.resample(t, 5); } finally { t.dispose(); } });
await probe("resample disposed tensor", () => { const t = tf.tensor2d(x); t.dispose(); return mi.resample(t, 5); });
await probe("resample rng seed number", () => mi.resample(x, 5, { rng: 3 }));
await probe("resample misspelt", () => mi.resample(x, 5, { replacement: true }));
await probe("resample same rng seed", () => { const a = mi.resample(x, 5, { rng: new mi.Rng(1) }), b = mi.resample(x, 5, { rng: new mi.Rng(1) }); if (JSON.stringify(a) !== JSON.stringify(b)) throw new Error("NOT REPRODUCED"); return a; });
await probe("resample null", () => mi.resample(null, 1));
await probe("resample string", () => mi.resample("abc", 1));
await probe("resample 1e6 rows", () => mi.resample(Array.from({ length: 1e6 }, (_, i) => [i]), 10).length);

// ---- Rng
for (const s of [0, -1, 1.5, "1", 2 ** 40, 2 ** 53, NaN, 1n, undefined, null, Infinity]) {
  await probe(`new Rng(${typeof s === "bigint" ? s + "n" : JSON.stringify(s) ?? s})`, () => new mi.Rng(s).uniform());
}
await probe("Rng same seed", () => { const a = new mi.Rng(2 ** 40).normals(3), b = new mi.Rng(2 ** 40).normals(3); if (a.some((v, i) => v !== b[i])) throw new Error("NOT REPRODUCED"); return a; });
await probe("Rng seeds 2^32 vs 0 differ", () => { const a = new mi.Rng(2 ** 32).uniform(), b = new mi.Rng(0).uniform(); if (a === b) throw new Error("SEED 2^32 == seed 0"); return [a, b]; });
await probe("Rng seeds -1 vs 2^32-1 differ", () => { const a = new mi.Rng(-1).uniform(), b = new mi.Rng(2 ** 32 - 1).uniform(); if (a === b) throw new Error("SEED -1 == seed 2^32-1"); return [a, b]; });
const r = new mi.Rng(0);
for (const [label, f] of Object.entries({
  "uniforms(-1)": () => r.uniforms(-1), "uniforms(1.5)": () => r.uniforms(1.5), "uniforms('3')": () => r.uniforms("3"), "uniforms(0)": () => r.uniforms(0),
  "normals(1e9)": () => r.normals(1e9), "integer(5, 5)": () => r.integer(5, 5), "integer(5, 1)": () => r.integer(5, 1), "integer(0, 2^33)": () => r.integer(0, 2 ** 33),
  "integer(0.5, 2)": () => r.integer(0.5, 2), "integer(-3, 3)": () => r.integer(-3, 3), "permutation(-1)": () => r.permutation(-1), "permutation(0)": () => r.permutation(0),
  "choice(3, 5)": () => r.choice(3, 5), "choice(3, 5, replace)": () => r.choice(3, 5, { replace: true }), "choice(0, 1, replace)": () => r.choice(0, 1, { replace: true }),
  "choice misspelt": () => r.choice(3, 2, { replacement: true }), "multivariateNormal bad cov": () => r.multivariateNormal([0, 0], [[1, 2], [2, 1]], 3),
  "multivariateNormal ragged cov": () => r.multivariateNormal([0, 0], [[1, 0], [0]], 3), "multivariateNormal mean mismatch": () => r.multivariateNormal([0], [[1, 0], [0, 1]], 3),
  "multivariateNormal NaN cov": () => r.multivariateNormal([0, 0], [[NaN, 0], [0, 1]], 3), "multivariateNormal n 0": () => r.multivariateNormal([0, 0], [[1, 0], [0, 1]], 0),
  "multivariateNormal flat cov": () => r.multivariateNormal([0, 0], [1, 0, 0, 1], 3), "multivariateNormal 1e300 cov": () => r.multivariateNormal([0], [[1e300]], 3),
  "multivariateNormal empty": () => r.multivariateNormal([], [], 3),
  "Rng.fromState bad": () => mi.Rng.fromState([0, 0, 0, 0]), "Rng.fromState short": () => mi.Rng.fromState([1]),
  "fork": () => r.fork().uniform(),
})) await probe(`rng.${label}`, f);

// ---- tasks
for (const [label, f] of Object.entries({
  "bivariateGaussian(1)": () => mi.bivariateGaussian(1), "bivariateGaussian(NaN)": () => mi.bivariateGaussian(NaN), "bivariateGaussian('0.5')": () => mi.bivariateGaussian("0.5"),
  "bivariateGaussian(-0)": () => mi.bivariateGaussian(-0).mutualInformation(), "gaussianMI(2)": () => mi.gaussianMI(2), "gaussianMI(0.9999999999)": () => mi.gaussianMI(0.9999999999),
  "gaussianMI(-1)": () => mi.gaussianMI(-1), "gaussianMI(1 - 1e-17)": () => mi.gaussianMI(1 - 1e-17),
  "sample(0)": () => g.sample(0, 0), "sample(-1)": () => g.sample(-1, 0), "sample(1.5)": () => g.sample(1.5, 0), "sample('10')": () => g.sample("10", 0),
  "sample(10) no seed": () => g.sample(10), "sample seed string": () => g.sample(10, "1"), "sample seed float": () => g.sample(10, 1.5), "sample seed 2^40": () => g.sample(10, 2 ** 40).x.length,
  "sample seed object": () => g.sample(10, {}), "sample(1e6)": () => g.sample(1e6, 0).x.length, "sample 2^23": () => g.sample(2 ** 23, 0),
  "mutualInformation('bit')": () => g.mutualInformation("bit"), "mutualInformation('bits')": () => g.mutualInformation("bits"),
  "correlatedPairs(0, 0.5)": () => mi.correlatedPairs(0, 0.5), "correlatedPairs(2.5, 0.5)": () => mi.correlatedPairs(2.5, 0.5), "correlatedPairs(2, 1)": () => mi.correlatedPairs(2, 1),
  "gaussianChannel misspelt": () => mi.gaussianChannel({ noize: 1 }), "gaussianChannel noise 0": () => mi.gaussianChannel({ noise: 0 }), "gaussianChannel power -1": () => mi.gaussianChannel({ power: -1 }),
  "gaussianChannel dim 0": () => mi.gaussianChannel({ dim: 0 }), "gaussianChannel null": () => mi.gaussianChannel(null),
  "gaussianCovarianceMI singular": () => mi.gaussianCovarianceMI([[1, 1], [1, 1]], 1), "gaussianCovarianceMI dimX 0": () => mi.gaussianCovarianceMI([[1, 0], [0, 1]], 0),
  "gaussianCovarianceMI dimX 2": () => mi.gaussianCovarianceMI([[1, 0], [0, 1]], 2), "gaussianCovarianceMI asym": () => mi.gaussianCovarianceMI([[1, 0.5], [0.2, 1]], 1),
  "gaussianCovarianceMI NaN": () => mi.gaussianCovarianceMI([[1, NaN], [NaN, 1]], 1), "gaussianCovarianceMI not PD": () => mi.gaussianCovarianceMI([[1, 2], [2, 1]], 1),
  "gaussianCovarianceMI 1e300": () => mi.gaussianCovarianceMI([[1e300, 0], [0, 1e300]], 1), "gaussianCovarianceMI 1e-300": () => mi.gaussianCovarianceMI([[1e-300, 0], [0, 1e-300]], 1),
  "gaussianCovarianceMI typed rows": () => mi.gaussianCovarianceMI([Float64Array.from([1, 0.5]), Float64Array.from([0.5, 1])], 1),
  "denseCovariance(1,1,2)": () => mi.denseCovariance(1, 1, 2), "denseCovariance(0,1,0.5)": () => mi.denseCovariance(0, 1, 0.5), "denseCovariance(3,3,0.9)": () => mi.gaussianCovarianceMI(mi.denseCovariance(3, 3, 0.9), 3),
  "sparseCovariance(2,2,3,0.5)": () => mi.sparseCovariance(2, 2, 3, 0.5), "sparseCovariance(2,2,1,1)": () => mi.gaussianCovarianceMI(mi.sparseCovariance(2, 2, 1, 1), 2),
  "multivariateGaussian no cov": () => mi.multivariateGaussian({ name: "a", dimX: 1 }), "multivariateGaussian singular": () => mi.multivariateGaussian({ name: "a", family: "f", description: "d", covariance: [[1, 1], [1, 1]], dimX: 1 }).mutualInformation(),
  "multivariateStudentT dof 0": () => mi.multivariateStudentT({ name: "a", description: "d", scale: [[1, 0], [0, 1]], dimX: 1, dof: 0 }),
  "multivariateStudentT dof 1e9": () => mi.multivariateStudentT({ name: "a", description: "d", scale: [[1, 0], [0, 1]], dimX: 1, dof: 1e9 }).mutualInformation(),
  "multivariateStudentT dof Infinity": () => mi.multivariateStudentT({ name: "a", description: "d", scale: [[1, 0], [0, 1]], dimX: 1, dof: Infinity }).mutualInformation(),
  "multivariateStudentT dof 0.5": () => mi.multivariateStudentT({ name: "a", description: "d", scale: [[1, 0], [0, 1]], dimX: 1, dof: 0.5 }).mutualInformation(),
  "studentTCorrection(1e300,1,1)": () => mi.studentTCorrection(1e300, 1, 1), "studentTCorrection(0,1,1)": () => mi.studentTCorrection(0, 1, 1), "studentTCorrection(1e-300,1,1)": () => mi.studentTCorrection(1e-300, 1, 1),
  "transformedTask no base": () => mi.transformedTask(undefined, {}), "transformedTask misspelt": () => mi.transformedTask(g, { name: "a", description: "b", X: mi.cube }),
  "transformedTask map not fn": () => mi.transformedTask(g, { name: "a", description: "b", x: 5 }), "transformedTask map NaN": () => mi.transformedTask(g, { name: "a", description: "b", x: () => [NaN] }).sample(5, 0),
  "transformedTask map changes dim": () => mi.transformedTask(g, { name: "a", description: "b", x: (v) => [v[0], v[0]] }).sample(5, 0),
  "spiral(NaN)": () => mi.spiral(NaN), "spiral('1')": () => mi.spiral("1"), "spiral(1e300)": () => mi.transformedTask(mi.correlatedPairs(2, 0.5), { name: "a", description: "b", x: mi.spiral(1e300) }).sample(5, 0),
  "cube on 1e300": () => mi.cube([1e300]), "halfCube([])": () => mi.halfCube([]), "asinh(['1'])": () => mi.asinh(["1"]), "normalCdfMap([NaN])": () => mi.normalCdfMap([NaN]),
  "natsToBits('1')": () => mi.natsToBits("1"), "natsToBits(NaN)": () => mi.natsToBits(NaN), "natsToBits(Infinity)": () => mi.natsToBits(Infinity),
  "logGamma(0)": () => mi.logGamma(0), "logGamma(-1)": () => mi.logGamma(-1), "logGamma(-0.5)": () => mi.logGamma(-0.5), "logGamma(1e300)": () => mi.logGamma(1e300), "logGamma(1e-300)": () => mi.logGamma(1e-300),
  "digamma(0)": () => mi.digamma(0), "digamma(-1)": () => mi.digamma(-1), "digamma(-0.5)": () => mi.digamma(-0.5), "digamma(1e300)": () => mi.digamma(1e300), "digamma(1e-300)": () => mi.digamma(1e-300),
  "normalCdf(NaN)": () => mi.normalCdf(NaN), "normalCdf(-Infinity)": () => mi.normalCdf(-Infinity), "normalCdf(1e300)": () => mi.normalCdf(1e300),
  "normalQuantile(0)": () => mi.normalQuantile(0), "normalQuantile(1)": () => mi.normalQuantile(1), "normalQuantile(2)": () => mi.normalQuantile(2), "normalQuantile(1e-300)": () => mi.normalQuantile(1e-300), "normalQuantile(-0)": () => mi.normalQuantile(-0),
  "miTask unknown": () => mi.miTask("gauss"), "miTask undefined": () => mi.miTask(), "miTasks()": () => mi.miTasks().length,
  "courseData misspelt": () => mi.courseData({ sed: 1 }), "courseData n 0": () => mi.courseData({ n: 0 }), "courseData n 1": () => mi.courseData({ n: 1 }).x.length, "courseData seed '1'": () => mi.courseData({ seed: "1" }),
  "courseData number": () => mi.courseData(5), "courseData same seed": () => { const a = mi.courseData({ seed: 9, n: 5 }), b = mi.courseData({ seed: 9, n: 5 }); if (JSON.stringify(a) !== JSON.stringify(b)) throw new Error("NOT REPRODUCED"); return a.groundTruth; },
  "channelWithMI(-1)": () => mi.channelWithMI(-1), "channelWithMI(0)": () => mi.channelWithMI(0), "channelWithMI(1e3)": () => mi.channelWithMI(1e3), "channelWithMI(NaN)": () => mi.channelWithMI(NaN),
  "additiveNoiseMI(0)": () => mi.additiveNoiseMI(0), "roundedGaussianMI(0)": () => mi.roundedGaussianMI(0), "roundedGaussianMI(1e-300)": () => mi.roundedGaussianMI(1e-300), "binaryInputMI(NaN)": () => mi.binaryInputMI(NaN),
  "binaryInputMI(1e300)": () => mi.binaryInputMI(1e300), "binaryInputMI(0)": () => mi.binaryInputMI(0),
  "discreteMI([])": () => mi.discreteMI([]), "discreteMI([[1]])": () => mi.discreteMI([[1]]), "discreteMI([[0.5,0.5]])": () => mi.discreteMI([[0.5, 0.5]]), "discreteMI neg": () => mi.discreteMI([[1.5, -0.5]]),
  "discreteMI ragged": () => mi.discreteMI([[0.5, 0.25], [0.25]]), "discreteMI zero row": () => mi.discreteMI([[0.5, 0.5], [0, 0]]),
  "binaryEntropy(2)": () => mi.binaryEntropy(2), "binaryEntropy(0)": () => mi.binaryEntropy(0), "binaryEntropy(1e-300)": () => mi.binaryEntropy(1e-300),
  "gaussianMixtureEntropy bad": () => mi.gaussianMixtureEntropy([], []),
  "uniformSumMI(0)": () => mi.uniformSumMI(0), "irwinHallDensity(0, 0)": () => mi.irwinHallDensity(0, 0), "irwinHallDensity(1, 200)": () => mi.irwinHallDensity(1, 200), "irwinHallDensity(50, 100)": () => mi.irwinHallDensity(50, 100),
  "frankCopulaMI(0)": () => mi.frankCopulaMI(0), "frankCopulaMI(1e3)": () => mi.frankCopulaMI(1e3), "frankCopulaMI(-1e-12)": () => mi.frankCopulaMI(-1e-12), "frankCopulaDensity(0.5,0.5,1e3)": () => mi.frankCopulaDensity(0.5, 0.5, 1e3),
  "frankCopulaDensity(0, 0, 5)": () => mi.frankCopulaDensity(0, 0, 5), "frankCopulaDensity(2, 0, 5)": () => mi.frankCopulaDensity(2, 0, 5),
  "exponentialSumMI()": () => mi.exponentialSumMI(), "censoredGaussianMI(1)": () => mi.censoredGaussianMI(1), "symmetricChannelMI(2, 0.5)": () => mi.symmetricChannelMI(2, 0.5), "symmetricChannelMI(1, 0)": () => mi.symmetricChannelMI(1, 0),
  "rankDeficientMI()": () => mi.rankDeficientMI(), "annulusMI()": () => mi.annulusMI(), "tanhNoiseMI(0)": () => mi.tanhNoiseMI(0), "mixtureChannelMI()": () => mi.mixtureChannelMI(),
  "roundedPairMI(0)": () => mi.roundedPairMI(0), "atomMixtureMI()": () => mi.atomMixtureMI(), "twoClassGaussianMI(0)": () => mi.twoClassGaussianMI(0), "twoClassGaussianMI(1e3)": () => mi.twoClassGaussianMI(1e3),
  "repeatedObservationMI(0)": () => mi.repeatedObservationMI(0), "wrappedAngleMI(0)": () => mi.wrappedAngleMI(0), "wrappedAngleMI(1e-300)": () => mi.wrappedAngleMI(1e-300), "multiplicativeNoiseMI(0)": () => mi.multiplicativeNoiseMI(0),
  "sawtoothMI()": () => mi.sawtoothMI(), "exponentialRateMI()": () => mi.exponentialRateMI(), "needleMixtureMI()": () => mi.needleMixtureMI(), "classShapeMI()": () => mi.classShapeMI(), "uniformNoiseMI(0)": () => mi.uniformNoiseMI(0),
  "categoricalGaussianMI()": () => mi.categoricalGaussianMI(), "unequalMixtureMI()": () => mi.unequalMixtureMI(),
})) await probe(`task ${label}`, f);
for (const t of [...mi.MI_TASKS, ...mi.ADVERSARIAL_TASKS, ...mi.HELD_OUT_TASKS, ...mi.FRESH_TASKS, ...mi.UNSEEN_TASKS]) {
  await probe(`task list ${t.name}: MI and sample(3,0) finite, seed reproduces`, () => {
    const a = t.sample(3, 0), b = t.sample(3, 0);
    if (JSON.stringify(a) !== JSON.stringify(b)) throw new Error("NOT REPRODUCED");
    return { mi: t.mutualInformation(), bits: t.mutualInformation("bits"), x: a.x, y: a.y };
  });
}

// ---- plots
const plots = {
  "scatter empty": () => mi.scatter([]), "scatter {x:[],y:[]}": () => mi.scatter({ x: [], y: [] }), "scatter NaN": () => mi.scatter([[NaN, 1]]), "scatter misspelt": () => mi.scatter(x, { titel: "a" }),
  "scatter typed": () => mi.scatter(Float32Array.from([1, 2])), "scatter tensor": () => { const t = tf.tensor2d([[1, 2]]); try { return mi.scatter(t); } finally { t.dispose(); } },
  "scatter 1e300": () => mi.toSVG(mi.scatter([[1e300, 1], [-1e300, 2]])).length, "scatter constant": () => mi.toSVG(mi.scatter([[1, 1], [1, 1]])).length, "scatter null": () => mi.scatter(null),
  "pairPlot empty": () => mi.pairPlot([]), "pairPlot one row": () => mi.pairPlot([[1, 2]]), "pairPlot constant": () => mi.pairPlot(x.map(() => [1, 2])), "pairPlot 1e300": () => mi.pairPlot(x.map((r) => [r[0] * 1e300, 1])),
  "pairPlot one column": () => mi.pairPlot(x), "pairPlot 1-D": () => mi.pairPlot(x1),
  "heatmap fn": () => mi.heatmap((a, b) => a * b), "heatmap fn NaN": () => mi.toSVG(mi.heatmap(() => NaN)).length, "heatmap disposed net": () => { const n = new mi.Net(); n.dispose(); return mi.heatmap(n); },
  "heatmap grid 0": () => mi.heatmap((a, b) => a, { grid: 0 }), "heatmap range reversed": () => mi.heatmap((a, b) => a, { range: [5, -5] }), "heatmap range equal": () => mi.heatmap((a) => a, { range: [1, 1] }),
  "heatmap wrong net inputSize": () => { const n = new mi.Net({ inputSize: 3 }); try { return mi.heatmap(n); } finally { n.dispose(); } },
  "heatmap net leak": () => { const n = new mi.Net({ hiddenSize: 4 }); try { mi.heatmap(n, { grid: 10 }); return "ok"; } finally { n.dispose(); } },
  "heatmap not fn": () => mi.heatmap(5), "heatmap fn returns string": () => mi.toSVG(mi.heatmap(() => "a")).length,
  "lineChart empty": () => mi.lineChart([]), "lineChart NaN": () => mi.toSVG(mi.lineChart([NaN, 1, 2])).length, "lineChart Infinity": () => mi.toSVG(mi.lineChart([Infinity, 1])).length, "lineChart one": () => mi.toSVG(mi.lineChart([1])).length,
  "lineChart typed": () => mi.lineChart(Float32Array.from([1, 2])), "lineChart {}": () => mi.lineChart({}), "lineChart misspelt": () => mi.lineChart([1], { xlabel: "a" }),
  "densityPlot empty": () => mi.densityPlot([]), "densityPlot one": () => mi.densityPlot([1]), "densityPlot constant": () => mi.toSVG(mi.densityPlot([1, 1, 1])).length, "densityPlot NaN": () => mi.densityPlot([1, NaN, 2]),
  "densityPlot typed": () => mi.densityPlot(Float32Array.from([1, 2, 3])), "densityPlot 2-D": () => mi.densityPlot(x),
  "gaussianKde empty": () => mi.gaussianKde([]), "gaussianKde one": () => mi.gaussianKde([1]), "gaussianKde constant": () => mi.gaussianKde([1, 1])(1), "gaussianKde2d empty": () => mi.gaussianKde2d([], []),
  "gaussianKde2d different lengths": () => mi.gaussianKde2d([1, 2, 3], [1, 2]), "gaussianKde2d colinear": () => mi.gaussianKde2d([1, 2, 3], [2, 4, 6])(1, 2), "kdeCurve points 0": () => mi.kdeCurve([1, 2, 3], { points: 0 }),
  "kdeGrid empty": () => mi.kdeGrid([], []), "scottFactor(0,1)": () => mi.scottFactor(0, 1), "scottFactor(-1,1)": () => mi.scottFactor(-1, 1),
  "trainingCurve bad": () => mi.trainingCurve({ groundTruth: "a" }), "trainingCurve update NaN": () => { const c = mi.trainingCurve({ groundTruth: 0.5 }); c.update(1, NaN); return mi.toSVG(c.figure ?? c).length; },
  "trainingCurve update string": () => { const c = mi.trainingCurve({}); return c.update("1", "0.5"); }, "trainingCurve misspelt": () => mi.trainingCurve({ groundtruth: 1 }),
  "sliderFigure empty": () => mi.sliderFigure([]), "sliderFigure null": () => mi.sliderFigure(null),
  "show null": () => mi.show(null), "show {}": () => mi.show({}), "toSVG []": () => mi.toSVG([]), "toHTML 5": () => mi.toHTML(5), "describeFigure {}": () => mi.describeFigure({}),
  "writeHTML bad path": () => mi.writeHTML(mi.lineChart([1, 2]), "/nonexistent/dir/a.html"), "mimeBundle null": () => mi.mimeBundle(null),
};
for (const [label, f] of Object.entries(plots)) await probe(`plot ${label}`, f);

// ---- results
await probe("reportResult NaN estimate", () => mi.reportResult({ exercise: "a", estimate: NaN, groundTruth: 1, tolerance: 0.1 }));
await probe("reportResult misspelt", () => mi.reportResult({ exercise: "a", estimate: 1, groundTruth: 1, tolerance: 0.1, tolerence: 1 }));
await probe("reportResult estimate string", () => mi.reportResult({ exercise: "a", estimate: "1", groundTruth: 1, tolerance: 0.1 }));
await probe("reportResult tolerance Infinity", () => mi.reportResult({ exercise: "a", estimate: 1, groundTruth: 1, tolerance: Infinity }));
await probe("natsToBits bigint", () => mi.natsToBits(1n));
await probe("backendInfo", () => mi.backendInfo());
await probe("init again other backend", () => mi.init({ backend: "cpu" }));
await probe("init misspelt", () => mi.init({ backnd: "cpu" }));
await probe("ksgEstimate direct empty", () => mi.ksgEstimate([], []));
await probe("ksgEstimate direct misspelt", () => mi.ksgEstimate(x, y, { kk: 3 }));
await probe("ksgEstimate direct", () => mi.ksgEstimate(x, y));
await probe("ksgEstimate neighbours float", () => mi.ksgEstimate(x, y, { neighbors: 1.5 }));
await probe("referenceOutputs bad", () => mi.referenceOutputs());
await probe("withoutReference not fn", () => mi.withoutReference(5));

// ---- huge n
await probe("estimateMI ksg 1e6 rows", () => { const a = new Float64Array(1e6), b = new Float64Array(1e6); const rr = new mi.Rng(0); for (let i = 0; i < 1e6; i++) { a[i] = rr.normal(); b[i] = a[i] * 0.5 + rr.normal(); } return ksg(a, b); });
await probe("estimateMI mine 1e6 rows", () => { const a = new Float64Array(1e6), b = new Float64Array(1e6); const rr = new mi.Rng(0); for (let i = 0; i < 1e6; i++) { a[i] = rr.normal(); b[i] = a[i] * 0.5 + rr.normal(); } return mi.estimateMI(a, b, { steps: 100, hiddenSize: 4 }); });

const counts = {};
for (const r of rows) { const k = r.outcome.split(" ")[0] + (r.outcome.includes("LEAK") ? "+LEAK" : ""); counts[k] = (counts[k] ?? 0) + 1; }
console.log("\n== summary", rows.length, "calls", JSON.stringify(counts));
for (const r of rows) if (!/^(ok|error)$/.test(r.outcome) || /NOT REPRODUCED|SEED/.test(r.detail)) console.log(`!! ${r.outcome} ${r.name}: ${r.detail}`);
import fs from "node:fs";
fs.writeFileSync(new URL("./probe-results.json", import.meta.url), JSON.stringify(rows, null, 1));
