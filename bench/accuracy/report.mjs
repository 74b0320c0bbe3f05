// results.md from the benchmark's results (see run.mjs for their shape).

const fmt = (value, digits = 2) => (Number.isFinite(Number(value)) && value !== null ? Number(value).toFixed(digits) : value === null ? "∞" : String(value));

function cell(score) {
  if (!score || score.calls === 0) return "–";
  const mark = score.solved ? " ✓" : "";
  const failures = score.nonFinite + score.errors;
  if (failures === score.calls) return `none (${failures}✗)`;
  return `${fmt(score.mean)} ± ${fmt(score.sd)}${mark}${failures > 0 ? ` (${failures}✗)` : ""}`;
}

export function renderMarkdown(results) {
  const { tasks, methods } = results;
  const lines = [];
  lines.push("# Accuracy benchmark: estimates against known MI");
  lines.push("");
  lines.push(`Command: \`${results.command}\` · ${results.started} · ${results.seeds} seeds · ${results.machine}`);
  lines.push(`Ours: ${results.ours.interface}. bmi: ${results.bmi.version ? `benchmark-mi ${results.bmi.version}, jax ${results.bmi.jax} (CPU), its defaults with the neural estimators' batch capped at n/2 (its 50/50 split)` : `not run (${results.bmi.reason})`}.`);
  const reused = tasks.filter((t) => t.bmiReused).map((t) => t.name);
  if (reused.length > 0) {
    lines.push(`bmi's answers on ${reused.length === tasks.length ? "every task" : reused.join(", ")} were reused from an earlier run on the very same samples; their times are that run's.`);
  }
  const fewer = methods.filter((m) => tasks.some((t) => (t.scores[m]?.calls ?? 0) < results.seeds));
  if (fewer.length > 0) {
    const counts = fewer.map((m) => `${m} ${Math.max(...tasks.map((t) => t.scores[m]?.calls ?? 0))}`).join(", ");
    lines.push(`Fewer calls than seeds per task for ${counts} (at most, per task): their columns are over those seeds only.`);
  }
  lines.push("");
  lines.push("Mean ± standard deviation of the estimate over seeds, in nats; ✓ = solved (every seed finite and the mean");
  lines.push("within a factor 1.5 of the truth, bmi's rule; for the truth 0, |mean| < 0.1 nats); (k✗) = k seeds non-finite or failed (refused with an error: per call below); none = no seed gave an estimate.");
  lines.push("");
  lines.push(`| task | n | truth | ${methods.join(" | ")} |`);
  lines.push(`| --- | ---: | ---: | ${methods.map(() => "---:").join(" | ")} |`);
  for (const task of tasks) {
    lines.push(`| ${task.name} | ${task.n} | ${fmt(task.truth, 3)} | ${methods.map((m) => cell(task.scores[m])).join(" | ")} |`);
  }
  const done = tasks.filter((t) => Object.keys(t.scores).length > 0);
  const totals = methods.map((m) => {
    const scored = done.filter((t) => t.scores[m]?.calls > 0);
    return {
      solved: scored.filter((t) => t.scores[m].solved).length,
      of: scored.length,
      seconds: scored.reduce((s, t) => s + t.scores[m].secondsPerCall * t.scores[m].calls, 0),
      intervals: scored.reduce((s, t) => s + (t.scores[m].intervals ?? 0), 0),
      covered: scored.reduce((s, t) => s + (t.scores[m].covered ?? 0), 0),
      silentlyWrong: scored.reduce((s, t) => s + (t.scores[m].silentlyWrong ?? 0), 0),
    };
  });
  lines.push(`| **tasks solved** | | | ${totals.map((t) => `**${t.solved} / ${t.of}**`).join(" | ")} |`);
  lines.push(`| wall time (s, all calls) | | | ${totals.map((t) => fmt(t.seconds, 0)).join(" | ")} |`);
  lines.push(`| interval coverage (all calls) | | | ${totals.map((t) => (t.intervals > 0 ? `${fmt((100 * t.covered) / t.intervals, 0)} %` : "–")).join(" | ")} |`);
  lines.push(`| silently wrong (trusted, truth outside) | | | ${totals.map((t) => (t.intervals > 0 ? String(t.silentlyWrong) : "–")).join(" | ")} |`);
  const missing = (results.plannedTasks ?? []).filter((name) => !tasks.some((t) => t.name === name));
  if (missing.length > 0) lines.push("", `Not measured yet (the run stopped or is still going): ${missing.join(", ")}.`);
  lines.push("");
  lines.push("## Per task and method");
  lines.push("");
  lines.push("Relative error of the mean ((mean − truth)/truth; absolute for the truth 0), seeds solved one by one, coverage (seeds whose");
  lines.push("returned interval holds the truth, of those with an interval), non-finite / failed calls, estimates flagged untrusted, seconds per call.");
  lines.push("");
  lines.push("| task | method | mean ± sd | rel. error | solved | seeds solved | coverage | non-finite / failed | untrusted | s / call |");
  lines.push("| --- | --- | ---: | ---: | :---: | ---: | ---: | ---: | ---: | ---: |");
  for (const task of done) {
    for (const method of methods) {
      const s = task.scores[method];
      if (!s || s.calls === 0) continue;
      const error = s.relativeError === null ? `${fmt(s.absoluteError, 3)} nats` : `${fmt(100 * s.relativeError, 1)} %`;
      const coverage = s.intervals > 0 ? `${s.covered} / ${s.intervals}` : "–";
      lines.push(
        `| ${task.name} | ${method} | ${fmt(s.mean, 3)} ± ${fmt(s.sd, 3)} | ${error} | ${s.solved ? "yes" : "no"} | ${s.seedsSolved} / ${s.calls} | ${coverage} | ${s.nonFinite} / ${s.errors} | ${s.untrusted} | ${fmt(s.secondsPerCall, 1)} |`,
      );
    }
  }
  const silent = done.flatMap((t) =>
    (t.calls ?? [])
      .filter((c) => isSilentlyWrong(c, Number(t.truth)))
      .map((c) => `- ${t.name}, ${c.method}, seed ${c.seed}: ${fmt(c.estimate, 3)} [${fmt(c.interval[0], 3)}, ${fmt(c.interval[1], 3)}], trusted, truth ${fmt(t.truth, 3)}: ${isFar(c, Number(t.truth)) ? "far (outside the interval doubled about the estimate)" : "near (inside the interval doubled about the estimate: a 95 % interval's own miss)"}`),
  );
  if (silent.length > 0) {
    lines.push("");
    lines.push("## Silently wrong calls (trusted, truth outside the interval)");
    lines.push("");
    lines.push(...silent);
  }
  const failures = done.flatMap((t) => (t.failures ?? []).map((f) => `- ${t.name}, ${f.method}, seed ${f.seed}: ${f.error}`));
  if (failures.length > 0) {
    lines.push("");
    lines.push("## Failed calls");
    lines.push("");
    lines.push(...failures.slice(0, 60));
    if (failures.length > 60) lines.push(`- … and ${failures.length - 60} more (see results.json)`);
  }
  lines.push("");
  return lines.join("\n");
}

/** A call that kept an interval and trust while the truth is outside it (an interval end of null is ∞ in results.json). */
function isSilentlyWrong(call, truth) {
  if (call.error !== undefined || call.trusted === false || !Array.isArray(call.interval)) return false;
  const [lo, hi] = call.interval.map((v, k) => (v === null ? (k === 0 ? -Infinity : Infinity) : v));
  return !(lo <= truth && truth <= hi);
}

/** Whether the truth is outside the interval doubled about the estimate (3.9 standard errors for a symmetric 95 % interval). */
function isFar(call, truth) {
  const [lo, hi] = call.interval.map((v, k) => (v === null ? (k === 0 ? -Infinity : Infinity) : v));
  return truth < call.estimate - 2 * (call.estimate - lo) || truth > call.estimate + 2 * (hi - call.estimate);
}
