#!/usr/bin/env node
// npm run bench:accuracy: every estimator on every task of known MI, several seeds each,
// ours and bmi's on the very same samples. Writes results.json and results.md after every
// task, so an interrupted run keeps what it measured. `--help` lists the options.
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import * as mi from "neural-mi";
import { fromRoot } from "../../scripts/lib/paths.mjs";
import { ensureBmi } from "./bmi-env.mjs";
import { ourEstimators } from "./our-estimators.mjs";
import { renderMarkdown } from "./report.mjs";
import { scoreCalls } from "./scoring.mjs";

const BMI_METHODS = ["bmi-mine", "bmi-infonce", "bmi-nwj", "bmi-ksg"];
const QUICK_TASKS = ["gaussian-1x1-rho0.9", "mixture-2gauss-rho0.9", "independent-5x5"];
const HELP = `npm run bench:accuracy -- [options]
  --seeds N          seeds per task and method (default 10; data seed = estimator seed = 0…N−1)
  --tasks PATTERN    only tasks whose name matches this regular expression
  --methods a,b      only these methods (ours by name, bmi's as ${BMI_METHODS.join(", ")})
  --no-bmi           ours only
  --bmi-from FILE    take bmi's calls from an earlier results.json (same tasks and seeds, hence the very
                     same samples: each task draws them from its seed) instead of running bmi
  --fresh-bmi        run bmi even where its answers on the very same samples are kept in .cache
  --adversarial      the adversarial family (ADVERSARIAL_TASKS: high and infinite MI, heavy tails, discrete
                     data, offsets, copied and noise columns, tiny and large n) instead of MI_TASKS
  --held-out         the held-out battery (HELD_OUT_TASKS: data sets written after the estimators, to check their
                     promise on data they were not tuned on) instead of MI_TASKS
  --fresh            the fresh battery (FRESH_TASKS: written after the held-out one and unlike both; not used
                     to tune the estimators) instead of MI_TASKS
  --unseen           the unseen battery (UNSEEN_TASKS: a practitioner's data, written after the fresh one and unlike
                     the three others) instead of MI_TASKS
  --quick            2 seeds on ${QUICK_TASKS.join(", ")}; results go to .cache/bench-accuracy/quick
  --out DIR          where results.json and results.md go (default bench/accuracy, or bench/accuracy/adversarial,
                     held-out, fresh or unseen)`;

const { values: args } = parseArgs({
  options: {
    seeds: { type: "string" },
    tasks: { type: "string" },
    methods: { type: "string" },
    "no-bmi": { type: "boolean", default: false },
    "fresh-bmi": { type: "boolean", default: false },
    "bmi-from": { type: "string" },
    quick: { type: "boolean", default: false },
    adversarial: { type: "boolean", default: false },
    "held-out": { type: "boolean", default: false },
    fresh: { type: "boolean", default: false },
    unseen: { type: "boolean", default: false },
    out: { type: "string" },
    help: { type: "boolean", default: false },
  },
});
if (args.help) {
  console.log(HELP);
  process.exit(0);
}

function usageError(message) {
  console.error(`bench:accuracy: ${message}\n\n${HELP}`);
  process.exit(2);
}

const seedCount = args.seeds !== undefined ? Number(args.seeds) : args.quick ? 2 : 10;
if (!Number.isInteger(seedCount) || seedCount < 1) usageError(`--seeds must be a positive integer, got ${args.seeds}`);
const BATTERIES = { adversarial: mi.ADVERSARIAL_TASKS, "held-out": mi.HELD_OUT_TASKS, fresh: mi.FRESH_TASKS, unseen: mi.UNSEEN_TASKS };
const chosen = Object.keys(BATTERIES).filter((name) => args[name]);
if (chosen.length > 1) usageError(`give one of ${chosen.map((name) => `--${name}`).join(", ")}, not several`);
const family = chosen[0];
let tasks = family !== undefined ? [...BATTERIES[family]] : mi.miTasks();
if (args.quick) tasks = tasks.filter((t) => QUICK_TASKS.includes(t.name));
if (args.tasks !== undefined) {
  const pattern = new RegExp(args.tasks);
  tasks = tasks.filter((t) => pattern.test(t.name));
  if (tasks.length === 0) usageError(`no task matches --tasks ${args.tasks}; tasks: ${(family !== undefined ? BATTERIES[family] : mi.miTasks()).map((t) => t.name).join(", ")}`);
}

await mi.init();
const ours = ourEstimators();
let methods = [...ours.names, ...(args["no-bmi"] ? [] : BMI_METHODS)];
if (args.methods !== undefined) {
  const wanted = args.methods.split(",").map((m) => m.trim());
  const unknown = wanted.filter((m) => !ours.names.includes(m) && !BMI_METHODS.includes(m));
  if (unknown.length > 0) usageError(`unknown method(s) ${unknown.join(", ")}; methods: ${[...ours.names, ...BMI_METHODS].join(", ")}`);
  methods = wanted;
}

let bmi = { reason: "not asked for" };
const earlier = args["bmi-from"] === undefined ? undefined : JSON.parse(fs.readFileSync(args["bmi-from"], "utf8"));
if (earlier !== undefined) {
  bmi = { ...earlier.bmi, from: path.relative(process.cwd(), path.resolve(args["bmi-from"])) };
} else if (methods.some((m) => BMI_METHODS.includes(m))) {
  bmi = ensureBmi((line) => console.log(line));
  if (bmi.reason) {
    console.log(`bench:accuracy: bmi is not available (${bmi.reason}); running ours alone`);
    methods = methods.filter((m) => !BMI_METHODS.includes(m));
  }
}
const ourMethods = methods.filter((m) => !BMI_METHODS.includes(m));
const bmiMethods = methods.filter((m) => BMI_METHODS.includes(m));

const defaultOut = args.quick
  ? fromRoot(".cache", "bench-accuracy", "quick")
  : family !== undefined
    ? fromRoot("bench", "accuracy", family)
    : fromRoot("bench", "accuracy");
const outDir = path.resolve(args.out ?? defaultOut);
const workDir = fromRoot(".cache", "bench-accuracy");
fs.mkdirSync(outDir, { recursive: true });
fs.mkdirSync(workDir, { recursive: true });

const results = {
  command: ["npm run bench:accuracy", ...(process.argv.length > 2 ? ["--", ...process.argv.slice(2)] : [])].join(" "),
  started: new Date().toISOString(),
  machine: `${os.cpus().length} × ${os.cpus()[0]?.model ?? "cpu"}, node ${process.version}, backend ${mi.backendInfo().name}`,
  seeds: seedCount,
  ours: { interface: ours.interface },
  bmi,
  methods,
  plannedTasks: tasks.map((t) => t.name),
  tasks: [],
};

function save() {
  fs.writeFileSync(path.join(outDir, "results.json"), JSON.stringify(results, null, 1) + "\n");
  fs.writeFileSync(path.join(outDir, "results.md"), renderMarkdown(results));
}

async function runOurs(method, drawn) {
  const started = process.hrtime.bigint();
  try {
    const result = await ours.estimate(method, drawn.x, drawn.y, drawn.seed);
    return { method, seed: drawn.seed, ...result, seconds: Number(process.hrtime.bigint() - started) / 1e9 };
  } catch (error) {
    return { method, seed: drawn.seed, error: error.message, seconds: Number(process.hrtime.bigint() - started) / 1e9 };
  }
}

/**
 * bmi's estimators on the same samples, in one Python process per task (its log in
 * .cache/bench-accuracy/<task>.bmi.log). Resolves to one call record per method and seed.
 * bmi's answers are kept under a hash of exactly what it was given (samples, seeds,
 * methods), so a later run on the same samples reuses them instead of spending bmi's
 * half hour again; --fresh-bmi runs it anyway.
 */
function runBmi(task, draws) {
  if (earlier !== undefined) return Promise.resolve(earlierBmiCalls(task, draws));
  const input = path.join(workDir, `${task.name}.samples.json`);
  const output = path.join(workDir, `${task.name}.bmi.json`);
  const log = path.join(workDir, `${task.name}.bmi.log`);
  const inputText = JSON.stringify({ estimators: bmiMethods, seeds: draws });
  const kept = path.join(workDir, `${task.name}.${createHash("sha256").update(inputText).digest("hex").slice(0, 16)}.bmi.json`);
  if (!args["fresh-bmi"] && fs.existsSync(kept)) {
    console.log(`  ${task.name}: bmi's answers on these very samples reused from ${path.relative(process.cwd(), kept)}`);
    return Promise.resolve(readBmiRecords(kept).map((r) => ({ ...r, reused: true })));
  }
  fs.writeFileSync(input, inputText);
  fs.rmSync(output, { force: true });
  const logFd = fs.openSync(log, "w");
  const child = spawn(bmi.python, [fromRoot("bench", "accuracy", "bmi_estimate.py"), input, output], {
    stdio: ["ignore", logFd, logFd],
    env: { ...process.env, JAX_PLATFORMS: "cpu" },
  });
  return new Promise((resolve) => {
    const finish = (why) => {
      fs.closeSync(logFd);
      if (why === undefined && fs.existsSync(output)) {
        fs.copyFileSync(output, kept);
        resolve(readBmiRecords(output));
        return;
      }
      const tail = fs.readFileSync(log, "utf8").trim().split("\n").slice(-2).join(" ");
      const error = `bmi_estimate.py failed (${why ?? "no output"}): ${tail}`;
      resolve(bmiMethods.flatMap((method) => draws.map((d) => ({ method, seed: d.seed, error, seconds: 0 }))));
    };
    child.on("error", (error) => finish(error.message));
    child.on("exit", (code, signal) => finish(code === 0 ? undefined : `exit ${code ?? signal}`));
  });
}

/** bmi's calls on this task and these seeds from the earlier results (--bmi-from), marked reused. */
function earlierBmiCalls(task, draws) {
  const kept = earlier.tasks.find((t) => t.name === task.name);
  const seeds = new Set(draws.map((d) => d.seed));
  const calls = (kept?.calls ?? []).filter((c) => bmiMethods.includes(c.method) && seeds.has(c.seed));
  return calls.map((c) => ({ ...c, estimate: typeof c.estimate === "string" ? Number(c.estimate) : c.estimate, reused: true }));
}

/** bmi_estimate.py's records; non-finite estimates travel as strings ("nan", "inf"). */
function readBmiRecords(file) {
  const records = JSON.parse(fs.readFileSync(file, "utf8"));
  return records.map((r) => ({ ...r, estimate: typeof r.estimate === "string" ? Number(r.estimate) : r.estimate }));
}

console.log(`bench:accuracy: ${tasks.length} tasks × ${seedCount} seeds × ${methods.join(", ")} (ours: ${ours.interface})`);
const benchStarted = Date.now();
for (const task of tasks) {
  const truth = task.mutualInformation();
  const n = task.defaultSampleSize;
  const draws = Array.from({ length: seedCount }, (_, seed) => ({ seed, ...task.sample(n, seed) }));
  // bmi's process runs while ours estimate: the two sides share the machine's cores
  const bmiCalls = bmiMethods.length > 0 ? runBmi(task, draws) : Promise.resolve([]);
  const calls = [];
  for (const method of ourMethods) {
    for (const drawn of draws) {
      const call = await runOurs(method, drawn);
      calls.push(call);
      console.log(`  ${task.name} ${method} seed ${drawn.seed}: ${call.error ? `error: ${call.error}` : call.estimate.toFixed(3)} (${call.seconds.toFixed(1)} s)`);
    }
  }
  calls.push(...(await bmiCalls));
  const scores = Object.fromEntries(methods.map((m) => [m, scoreCalls(calls.filter((c) => c.method === m), truth)]));
  results.tasks.push({
    name: task.name,
    family: task.family,
    description: task.description,
    dimX: task.dimX,
    dimY: task.dimY,
    n,
    truth: Number.isFinite(truth) ? truth : String(truth),
    scores,
    bmiReused: calls.some((c) => c.reused),
    failures: calls.filter((c) => c.error !== undefined).map(({ method, seed, error }) => ({ method, seed, error })),
    calls: calls.map(({ method, seed, estimate, interval, trusted, warnings, error, seconds }) => ({
      method, seed, estimate: Number.isFinite(estimate) ? estimate : String(estimate), interval, trusted, warnings, error, seconds,
    })),
  });
  results.finished = new Date().toISOString();
  results.wallSeconds = (Date.now() - benchStarted) / 1000;
  save();
  console.log(`bench:accuracy: ${task.name} (truth ${truth.toFixed(3)}) done, ${results.wallSeconds.toFixed(0)} s so far`);
}
console.log(`bench:accuracy: wrote ${path.relative(process.cwd(), path.join(outDir, "results.md"))} and results.json`);
