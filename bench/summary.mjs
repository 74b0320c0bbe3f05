// Figures for the tables from the raw measurements of bench/run.mjs.

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export function meanAndSpread(values) {
  const mean = values.reduce((s, v) => s + v, 0) / values.length;
  const variance = values.length > 1 ? values.reduce((s, v) => s + (v - mean) ** 2, 0) / (values.length - 1) : 0;
  return { mean, sd: Math.sqrt(variance) };
}

function groupBy(items, key) {
  const groups = new Map();
  for (const item of items) {
    const k = key(item);
    if (!groups.has(k)) groups.set(k, []);
    groups.get(k).push(item);
  }
  return groups;
}

function speedRow(runs) {
  const ratios = runs.map((r) => r.ours.stepsPerSecond / r.torch.stepsPerSecond);
  return {
    ours: median(runs.map((r) => r.ours.stepsPerSecond)),
    torch: median(runs.map((r) => r.torch.stepsPerSecond)),
    ratio: median(ratios),
    ratioMin: Math.min(...ratios),
    ratioMax: Math.max(...ratios),
    oursPeakRssMiB: Math.max(...runs.map((r) => r.ours.peakRssMiB)),
    torchPeakRssMiB: Math.max(...runs.map((r) => r.torch.peakRssMiB)),
    reps: runs.length,
  };
}

function accuracyOf(runs) {
  const errors = runs.map((r) => r.estimate - r.groundTruth);
  const { mean, sd } = meanAndSpread(errors);
  return { meanError: mean, sdError: sd, meanAbsError: errors.reduce((s, e) => s + Math.abs(e), 0) / errors.length, seeds: runs.length };
}

export function summarise(results) {
  const speed = [...groupBy(results.speed, (r) => `${r.method}/${r.threads}`)].map(([, runs]) => ({
    method: runs[0].method,
    threads: runs[0].threads,
    ...speedRow(runs),
  }));
  const ablation = [...groupBy(results.ablation, (r) => r.impl)].map(([impl, runs]) => ({ impl, ...speedRow(runs) }));
  const accuracy = results.accuracy.map((a) => ({ method: a.method, ours: accuracyOf(a.ours.runs), torch: accuracyOf(a.torch.runs) }));
  return { speed, ablation, accuracy };
}
