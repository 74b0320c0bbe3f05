#!/usr/bin/env node
// npm run bench [-- options]: ours and PyTorch's side by side in one run.
// Writes bench/results.json and bench/results.md; see bench/README.md.
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { courseSets } from "./data.mjs";
import { benchOptions, positiveInteger } from "./options.mjs";
import { renderMarkdown } from "./report.mjs";
import { summarise } from "./summary.mjs";
import { repoRoot as root, venvPython } from "../scripts/lib/paths.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const PYTHON = "/usr/bin/python3";

const usage = `Usage: npm run bench -- [options]

  --quick            2 repetitions, 20 timed epochs, 3 seeds × 50 epochs (a smoke run)
  --reps <n>         repetitions of every speed measurement (default 3)
  --epochs <n>       timed epochs (10 steps each) per speed measurement (default 50)
  --seeds <n>        seeds for the accuracy comparison (default 10)
  --train-epochs <n> training epochs per seed for accuracy (default 100, as the seed notebook)
  --methods <list>   comma-separated, of mine,dv,minee (default all)
  --skip-accuracy    no accuracy comparison
  --skip-course      no course execution / grading times
  --out <dir>        where results.json and results.md go (default bench/)
  -h, --help`;

function options() {
  const values = benchOptions(
    {
      quick: { type: "boolean" },
      reps: { type: "string" },
      epochs: { type: "string" },
      seeds: { type: "string" },
      "train-epochs": { type: "string" },
      methods: { type: "string" },
      "skip-accuracy": { type: "boolean" },
      "skip-course": { type: "boolean" },
      out: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
    usage,
  );
  const number = (name, fallback) => positiveInteger(values, name, fallback);
  const quick = Boolean(values.quick);
  const methods = (values.methods ?? "mine,dv,minee").split(",");
  for (const m of methods) if (!["mine", "dv", "minee"].includes(m)) throw new Error(`--methods: unknown method "${m}"; use mine, dv, minee`);
  return {
    reps: number("reps", quick ? 2 : 3),
    epochs: number("epochs", quick ? 20 : 50),
    warmup: 5,
    seeds: number("seeds", quick ? 3 : 10),
    trainEpochs: number("train-epochs", quick ? 50 : 100),
    methods,
    accuracy: !values["skip-accuracy"],
    course: !values["skip-course"],
    out: path.resolve(values.out ?? here),
  };
}

const notes = [];
function note(text) {
  notes.push(text);
  console.log(`note: ${text}`);
}

function torchVersion() {
  const probe = spawnSync(PYTHON, ["-c", "import torch; print(torch.__version__)"], { encoding: "utf8" });
  return probe.status === 0 ? probe.stdout.trim() : null;
}

function ensureTorch() {
  let version = torchVersion();
  if (version) return version;
  note("PyTorch is missing for /usr/bin/python3: installing Debian's python3-torch with apt-get (this takes a few minutes, once).");
  const asRoot = process.getuid?.() === 0 ? [] : ["sudo"];
  const apt = (args) => spawnSync(asRoot.length ? "sudo" : "apt-get", [...(asRoot.length ? ["apt-get"] : []), ...args], { stdio: "inherit" });
  let install = apt(["install", "-y", "python3-torch"]);
  if (install.status !== 0) {
    apt(["update"]);
    install = apt(["install", "-y", "python3-torch"]);
  }
  version = torchVersion();
  if (!version) throw new Error("could not install python3-torch (apt-get install -y python3-torch failed); the benchmark needs it.");
  return version;
}

function libraryState() {
  if (!fs.existsSync(path.join(root, "lib/dist/index.js"))) {
    note("lib/dist is missing (run `npm run build`): our side is the plain TensorFlow.js loop instead of the library's trainers.");
    return { library: false };
  }
  const kernel = path.join(root, "lib/dist/fast/mlp.wasm");
  if (!fs.existsSync(kernel)) {
    note("the fused kernel lib/dist/fast/mlp.wasm is missing: building it with `npm run build:fast -w lib`.");
    spawnSync("npm", ["run", "build:fast", "-w", "lib"], { cwd: root, stdio: "inherit" });
  }
  return { library: true, kernel: fs.existsSync(kernel) };
}

function runJSON(command, args, env = {}) {
  const result = spawnSync(command, args, { cwd: root, encoding: "utf8", env: { ...process.env, ...env }, maxBuffer: 1 << 26 });
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(" ")} failed (${result.status}):\n${result.stderr.slice(-2000)}`);
  }
  const last = result.stdout.trim().split("\n").pop();
  return JSON.parse(last);
}

function ours(job) {
  return runJSON(process.execPath, [path.join(here, "workers/ours.mjs"), JSON.stringify(job)]);
}

function torch({ method, mode, threads, epochs, warmup, data }) {
  const args = [path.join(here, "reference/run.py"), "--method", method, "--mode", mode, "--threads", String(threads)];
  args.push("--epochs", String(epochs), "--warmup", String(warmup ?? 0), "--data", data);
  return runJSON(PYTHON, args, { OMP_NUM_THREADS: String(threads), MKL_NUM_THREADS: String(threads) });
}

function timeCommand(label, command, args, cwd = root) {
  const start = performance.now();
  const result = spawnSync(command, args, { cwd, encoding: "utf8", maxBuffer: 1 << 28 });
  const seconds = (performance.now() - start) / 1000;
  if (result.status !== 0) {
    note(`${label} failed (exit ${result.status}): ${(result.stderr || result.stdout).trim().split("\n").slice(-3).join(" | ")}`);
    return { label, seconds, ok: false };
  }
  return { label, seconds, ok: true };
}

function courseTimes(work) {
  const out = [];
  const python = venvPython;
  const notebooks = fs.existsSync(path.join(root, "notebooks"))
    ? fs.readdirSync(path.join(root, "notebooks")).filter((f) => f.endsWith(".ipynb")).sort()
    : [];
  const runner = path.join(root, "scripts/run_notebook.py");
  if (notebooks.length === 0 || !fs.existsSync(python) || !fs.existsSync(runner)) {
    note("course execution skipped: needs notebooks/*.ipynb, scripts/run_notebook.py and the project's Python environment (run `npm start` or `npm test` once).");
  } else {
    console.log(`executing the course (${notebooks.length} notebooks)…`);
    const each = notebooks.map((nb) =>
      timeCommand(`execute ${nb}`, python, [runner, path.join(root, "notebooks", nb), "--output", path.join(work, nb), "--timeout", "600"]),
    );
    out.push({ label: "execute the whole course", seconds: each.reduce((s, r) => s + r.seconds, 0), ok: each.every((r) => r.ok), parts: each });
  }
  const example = path.join(root, "autograder/examples/perfect");
  const autograde = path.join(root, "autograder/bin/autograde.mjs");
  if (!fs.existsSync(example) || !fs.existsSync(autograde)) {
    note("grading time skipped: needs autograder/bin/autograde.mjs and autograder/examples/perfect.");
  } else {
    const submissions = path.join(work, "submissions");
    fs.cpSync(example, path.join(submissions, "perfect"), { recursive: true });
    console.log("grading one submission (autograder/examples/perfect)…");
    out.push(
      timeCommand("grade one submission (npm run autograde, 5 notebooks)", process.execPath, [
        autograde, submissions, "--out", path.join(work, "grading"), "--jobs", "1", "--redo",
      ]),
    );
  }
  return out;
}

async function main() {
  const opts = options();
  const started = new Date();
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "neural-mi-bench-"));
  const torchVersionText = ensureTorch();
  const lib = libraryState();
  const data = path.join(work, "sets.json");
  fs.writeFileSync(data, JSON.stringify({ sets: courseSets({ seeds: Array.from({ length: opts.seeds }, (_, i) => i) }) }));
  const oursImpl = lib.library ? "library" : "plain-noSync";
  const methods = lib.library ? opts.methods : opts.methods.filter((m) => m === "mine");

  const speed = [];
  const ablation = [];
  const accuracy = [];
  const course = [];
  const results = {
    command: `npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(" ")}` : ""}`,
    started: started.toISOString(),
    machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, memoryGiB: os.totalmem() / 2 ** 30, loadAverage: os.loadavg() },
    versions: { node: process.version, pytorch: torchVersionText, python: execFileSync(PYTHON, ["--version"], { encoding: "utf8" }).trim() },
    options: opts,
    ours: oursImpl,
    notes,
    speed,
    ablation,
    accuracy,
    course,
  };
  // written after every part, so that an interrupted run keeps what it measured
  const save = (final = false) => {
    results.machine.loadAverage = os.loadavg();
    results.complete = final;
    results.summary = summarise(results);
    fs.mkdirSync(opts.out, { recursive: true });
    fs.writeFileSync(path.join(opts.out, "results.json"), JSON.stringify(results, null, 2) + "\n");
    const markdown = renderMarkdown(results);
    fs.writeFileSync(path.join(opts.out, "results.md"), markdown);
    return markdown;
  };
  for (let rep = 1; rep <= opts.reps; rep++) {
    for (const method of methods) {
      for (const threads of [1, 2]) {
        const job = { method, mode: "speed", epochs: opts.epochs, warmup: opts.warmup, data, threads };
        // alternate who goes first, so neither side always meets the same load
        const pair = rep % 2 ? [() => ours({ ...job, impl: oursImpl }), () => torch(job)] : [() => torch(job), () => ours({ ...job, impl: oursImpl })];
        const results = pair.map((run) => run());
        const [o, t] = rep % 2 ? results : [results[1], results[0]];
        speed.push({ rep, method, threads, ours: o, torch: t });
        console.log(
          `rep ${rep} ${method.padEnd(5)} threads ${threads}: ours ${o.stepsPerSecond.toFixed(0)} steps/s, ` +
            `PyTorch ${t.stepsPerSecond.toFixed(0)} steps/s, ratio ${(o.stepsPerSecond / t.stepsPerSecond).toFixed(2)}`,
        );
      }
    }
    if (methods.includes("mine")) {
      const job = { method: "mine", mode: "speed", epochs: opts.epochs, warmup: opts.warmup, data };
      const impls = ["plain-seed", "plain-stacked", "plain-fusedBias", "plain-explicitTranspose", "plain-noSync"];
      if (lib.kernel) impls.push("fused-loop");
      const t = torch({ ...job, threads: 1 });
      for (const impl of impls) {
        const o = ours({ ...job, impl });
        ablation.push({ rep, impl, ours: o, torch: t });
        console.log(`rep ${rep} MINE ${impl.padEnd(24)} ${o.stepsPerSecond.toFixed(0)} steps/s, ratio ${(o.stepsPerSecond / t.stepsPerSecond).toFixed(2)}`);
      }
    }
  }

  save();
  if (opts.accuracy) {
    for (const method of methods) {
      console.log(`accuracy: ${method}, ${opts.seeds} seeds × ${opts.trainEpochs} epochs…`);
      const job = { method, mode: "accuracy", epochs: opts.trainEpochs, data, threads: 1 };
      accuracy.push({ method, ours: ours({ ...job, impl: oursImpl }), torch: torch(job) });
      save();
    }
  }

  if (opts.course) course.push(...courseTimes(work));
  else note("course execution and grading times skipped (--skip-course).");

  console.log(`\n${save(true)}`);
  fs.rmSync(work, { recursive: true, force: true });
}

main().catch((error) => {
  console.error(`bench: ${error.message}`);
  process.exit(1);
});
