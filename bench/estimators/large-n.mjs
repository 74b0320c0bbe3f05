#!/usr/bin/env node
// Where an estimateMI call on many rows spends its time and memory outside training: per
// (rows, columns, method) a fresh process makes one seeded call and reports the wall time of
// each stage (every synchronous function the estimators import from lib/dist, timed at the
// outermost call only, so nested helpers count toward their caller), the rest (training and
// the held-out evaluations), and the process's peak resident set.
//
//   node bench/estimators/large-n.mjs [rows,comma,separated] [methods] [dims,comma]
//   default: 10000,100000,1000000  mine,minee,infonce,ksg  1,5
//   STEPS=300 caps the training budget (default: the estimators' own); TOP=8 stages shown;
//   LIB_DIST=<folder> measures another build of lib/dist (an older commit's, for before/after).
//   node bench/estimators/large-n.mjs --ab <other lib/dist> [rows] [dims]: the checks on their own,
//   this build's and the other's alternately in one process, the median of 3 (robust to a loaded machine).
//
// Not part of npm test: at a million rows one call takes minutes.
import { execFileSync } from "node:child_process";
import { createRequire } from "node:module";
import { readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const dist = process.env.LIB_DIST ?? join(here, "..", "..", "lib", "dist");
// the entry points themselves, and the training loops whose time is the rest
const ENTRY_MODULES = new Set(["estimate-mi.js", "registry.js", "neural.js", "methods.js", "index.js", "minee.js", "trainer.js", "mine-trainer.js", "dv-trainer.js", "loss-training.js", "net.js", "on-epoch.js", "network-output.js"]);
const ENTRY_FUNCTIONS = new Set(["ksgEstimate", "toMatrix64", "checkSameRows", "checkMoreSamplesThanCoordinates"]);

if (process.argv[2] === "--ab") {
  await compareChecks(process.argv[3], Number(process.argv[4] ?? 1e6), Number(process.argv[5] ?? 1));
} else if (process.argv[2] === "--one") {
  const [rows, dims, method, steps] = process.argv.slice(3).map((v, i) => (i === 2 ? v : Number(v)));
  await measureOne(rows, dims, method, steps);
} else {
  const rowsList = (process.argv[2] ?? "10000,100000,1000000").split(",").map(Number);
  const methods = (process.argv[3] ?? "mine,minee,infonce,ksg").split(",");
  const dimsList = (process.argv[4] ?? "1,5").split(",").map(Number);
  const top = Number(process.env.TOP ?? 8);
  for (const dims of dimsList) {
    for (const method of methods) {
      for (const rows of rowsList) {
        let out;
        try {
          out = execFileSync(process.execPath, ["--max-old-space-size=8192", fileURLToPath(import.meta.url), "--one", rows, dims, method, process.env.STEPS ?? 0], {
            encoding: "utf8",
            maxBuffer: 1 << 24,
            stdio: ["ignore", "pipe", "pipe"],
          });
        } catch (error) {
          const said = String(error.stderr ?? error.message).split("\n").find((line) => /Error/.test(line)) ?? "failed";
          console.log(`${dims}+${dims} ${method.padEnd(7)} n=${String(rows).padStart(7)}  failed: ${said.trim()}`);
          continue;
        }
        const r = JSON.parse(out.trim().split("\n").at(-1));
        const outside = r.stages.reduce((sum, [, ms]) => sum + ms, 0);
        const shown = r.stages.slice(0, top).map(([name, ms]) => `${name} ${(ms / 1000).toFixed(2)}`).join(", ");
        console.log(
          `${dims}+${dims} ${method.padEnd(7)} n=${String(rows).padStart(7)}  total ${(r.totalMs / 1000).toFixed(1)} s, outside training ${(outside / 1000).toFixed(1)} s ` +
            `(data ${(r.dataMs / 1000).toFixed(1)} s apart), peak RSS ${r.peakMB} MB (data alone ${r.dataMB} MB)\n    ${shown}`,
        );
      }
    }
  }
}

async function measureOne(rows, dims, method, steps) {
  const require = createRequire(import.meta.url);
  const timed = new Map();
  let depth = 0;
  for (const folder of ["estimators", "data"]) {
    for (const file of readdirSync(join(dist, folder)).filter((f) => f.endsWith(".js") && !ENTRY_MODULES.has(f))) {
      const module = require(join(dist, folder, file));
      for (const [name, value] of Object.entries(module)) {
        if (typeof value !== "function" || ENTRY_FUNCTIONS.has(name) || /^class\b/.test(Function.prototype.toString.call(value))) continue;
        if (value.constructor.name === "AsyncFunction") continue;
        // re-exports are getters of the defining module, wrapped there
        if (!Object.getOwnPropertyDescriptor(module, name)?.writable) continue;
        const label = `${name} (${file.replace(/\.js$/, "")})`;
        module[name] = function (...args) {
          if (depth > 0) return value.apply(this, args);
          depth++;
          const started = performance.now();
          try {
            return value.apply(this, args);
          } finally {
            depth--;
            timed.set(label, (timed.get(label) ?? 0) + performance.now() - started);
          }
        };
      }
    }
  }
  const { init, estimateMI, Rng } = require(join(dist, "index.js"));
  await init();
  const dataStarted = performance.now();
  // dims Gaussian pairs at ρ = 0.8, as columns of x and y
  const rng = new Rng(7);
  const x = new Array(rows);
  const y = new Array(rows);
  for (let i = 0; i < rows; i++) {
    const a = rng.normals(dims);
    const b = rng.normals(dims);
    x[i] = a;
    y[i] = a.map((v, j) => 0.8 * v + 0.6 * b[j]);
  }
  const dataMs = performance.now() - dataStarted;
  const dataMB = Math.round(process.memoryUsage().rss / 2 ** 20);
  const options = { method, seed: 1, ...(steps > 0 && method !== "ksg" ? { steps } : {}) };
  timed.clear();
  const started = performance.now();
  const result = await estimateMI(x, y, options);
  const totalMs = performance.now() - started;
  const stages = [...timed].sort((a, b) => b[1] - a[1]);
  const peakMB = Math.round(process.resourceUsage().maxRSS / 1024);
  console.log(JSON.stringify({ rows, dims, method, totalMs, dataMs, dataMB, peakMB, stages, estimate: result.estimate, trusted: result.trusted }));
}

/** The checks outside training, each on the same data, in this build and in `other`, alternately. */
async function compareChecks(other, rows, dims) {
  const require = createRequire(import.meta.url);
  const builds = [["this", dist], ["other", other]].map(([label, folder]) => {
    const load = (file) => require(join(folder, "estimators", file));
    const [standardise, duplicates, projection, scale, offset] = ["standardise.js", "duplicates.js", "projection-bound.js", "column-scale.js", "offset-columns.js"].map(load);
    return {
      label,
      checks: {
        withoutDuplicatedRecords: (x, y) => duplicates.withoutDuplicatedRecords(x, y),
        serialDependenceWarning: (x, y) => standardise.serialDependenceWarning(x, y),
        heavyTailWarning: (x, y) => standardise.heavyTailWarning(x, y),
        projectionLowerBound: (x, y) => projection.projectionLowerBound(x, y, 1),
        "trainer's scale and offset checks": (x) => {
          const m = { values: Float32Array.from(x.values), rows: x.rows, cols: x.cols };
          scale.checkColumnScales(m, "x", "bench");
          offset.checkColumnsNearZero(m, "x", "bench");
        },
      },
    };
  });
  const { Rng } = require(join(dist, "index.js"));
  const rng = new Rng(7);
  const a = rng.normals(rows * dims);
  const b = rng.normals(rows * dims);
  const x = { values: Float64Array.from(a), rows, cols: dims };
  const y = { values: Float64Array.from(a, (v, i) => 0.8 * v + 0.6 * b[i]), rows, cols: dims };
  const median = (list) => [...list].sort((p, q) => p - q)[list.length >> 1];
  console.log(`${rows} rows, ${dims} + ${dims} columns: ms, this build | other build (median of 3, alternating)`);
  for (const name of Object.keys(builds[0].checks)) {
    const times = { this: [], other: [] };
    for (let rep = 0; rep < 3; rep++) {
      for (const { label, checks } of rep % 2 === 0 ? builds : [...builds].reverse()) {
        const started = performance.now();
        checks[name](x, y);
        times[label].push(performance.now() - started);
      }
    }
    const [mine, theirs] = [median(times.this), median(times.other)];
    console.log(`  ${name}: ${mine.toFixed(0)} | ${theirs.toFixed(0)} (${(theirs / mine).toFixed(1)}×)`);
  }
}
