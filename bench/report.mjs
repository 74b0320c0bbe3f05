// bench/results.md from bench/run.mjs's results.

const NAMES = { mine: "MINETrainer", dv: "DVTrainer", minee: "MI-NEE" };
const f0 = (v) => v.toFixed(0);
const f2 = (v) => v.toFixed(2);
const f3 = (v) => v.toFixed(3);

const ABLATION = {
  "plain-seed": "plain tfjs loop as the seed: two forward passes, per-step sync",
  "plain-stacked": "+ one forward pass over joint and reference rows stacked",
  "plain-fusedBias": "+ tf.fused.matMul with bias (side branch)",
  "plain-explicitTranspose": "stacked + matMul gradients with explicit transposes",
  "plain-noSync": "+ no per-step dataSync (m̄ kept as a tensor)",
  "fused-loop": "fused kernel (lib/src/fast), forward + backward + Adam in one WASM call",
};

export function renderMarkdown(results) {
  const { summary, options } = results;
  const lines = [];
  lines.push(`Made by \`${results.command}\` on ${results.started.slice(0, 16).replace("T", " ")} UTC: ${results.machine.cpus} cores (${results.machine.cpuModel}), Node ${results.versions.node}, PyTorch ${results.versions.pytorch} (Debian, ${results.versions.python}); load average at the end ${results.machine.loadAverage.map(f2).join(", ")}.`);
  if (!results.complete) lines.push("", "_A partial run: it was interrupted, and the tables hold what it had measured by then._");
  lines.push("");
  lines.push(`Speed: steps per second (10 steps = one epoch, each epoch ending with the estimate on all 1000 samples, as \`step(1)\`), median of ${options.reps} repetitions of ${options.epochs} epochs after ${options.warmup} warm-up epochs; ratio = ours / PyTorch within the same repetition (median, and range). Our side is \`${results.ours}\` and always runs on one thread (TensorFlow.js's WASM backend has no threads under Node; the fused kernel is single-threaded); "threads" is PyTorch's \`torch.set_num_threads\`.`);
  lines.push("");
  lines.push("| trainer | PyTorch threads | ours steps/s | PyTorch steps/s | ratio | ratio range | peak RSS ours / PyTorch (MiB) |");
  lines.push("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
  for (const r of summary.speed) {
    lines.push(`| ${NAMES[r.method]} | ${r.threads} | ${f0(r.ours)} | ${f0(r.torch)} | **${f2(r.ratio)}×** | ${f2(r.ratioMin)}–${f2(r.ratioMax)} | ${f0(r.oursPeakRssMiB)} / ${f0(r.torchPeakRssMiB)} |`);
  }
  if (summary.ablation.length) {
    lines.push("");
    lines.push("What each change buys (MINE, against PyTorch at 1 thread measured in the same repetition):");
    lines.push("");
    lines.push("| our MINE loop | steps/s | ratio to PyTorch | ratio range |");
    lines.push("| --- | ---: | ---: | ---: |");
    for (const r of summary.ablation) lines.push(`| ${ABLATION[r.impl] ?? r.impl} | ${f0(r.ours)} | ${f2(r.ratio)}× | ${f2(r.ratioMin)}–${f2(r.ratioMax)} |`);
  }
  if (summary.accuracy.length) {
    lines.push("");
    lines.push(`Accuracy after the same training (${options.trainEpochs} epochs = ${options.trainEpochs * 10} steps, 1000 training samples), on 1000 held-out samples: estimate − ground truth over ${options.seeds} seeds (mean ± standard deviation, mean absolute error). Both sides get the same samples for each seed.`);
    lines.push("");
    lines.push("| trainer | ours: error | ours: mean abs | PyTorch: error | PyTorch: mean abs |");
    lines.push("| --- | ---: | ---: | ---: | ---: |");
    for (const a of summary.accuracy) {
      lines.push(`| ${NAMES[a.method]} | ${f3(a.ours.meanError)} ± ${f3(a.ours.sdError)} | ${f3(a.ours.meanAbsError)} | ${f3(a.torch.meanError)} ± ${f3(a.torch.sdError)} | ${f3(a.torch.meanAbsError)} |`);
    }
  }
  if (results.course.length) {
    lines.push("");
    lines.push("| course task | seconds |");
    lines.push("| --- | ---: |");
    for (const c of results.course) {
      lines.push(`| ${c.label}${c.ok ? "" : " (failed, see notes)"} | ${c.seconds.toFixed(1)} |`);
      for (const p of c.parts ?? []) lines.push(`| &nbsp;&nbsp;${p.label}${p.ok ? "" : " (failed)"} | ${p.seconds.toFixed(1)} |`);
    }
  }
  if (results.notes.length) {
    lines.push("");
    for (const n of results.notes) lines.push(`- ${n}`);
  }
  return lines.join("\n") + "\n";
}
