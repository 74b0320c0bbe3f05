// A node:test reporter that prints nothing: it records each test file's wall time
// and any skipped or todo tests into the JSON file named by NEURAL_MI_TEST_SUMMARY,
// for scripts/test.mjs to report after node's own summary.
import fs from "node:fs";

export default async function* fileTimes(source) {
  const files = new Map(); // file -> { ms, passed, topLevelMs }
  const skipped = [];
  const entry = (file) => {
    if (!files.has(file)) files.set(file, { ms: null, passed: true, topLevelMs: 0 });
    return files.get(file);
  };
  for await (const event of source) {
    const { data } = event;
    if (!data?.file) continue;
    if (event.type === "test:complete" && data.name === data.file) {
      // The file itself, run in its own process.
      const record = entry(data.file);
      record.ms = data.details?.duration_ms ?? null;
      if (data.details?.passed === false) record.passed = false;
    } else if (event.type === "test:pass" || event.type === "test:fail") {
      const record = entry(data.file);
      if (data.nesting === 0) record.topLevelMs += data.details?.duration_ms ?? 0;
      if (event.type === "test:fail") record.passed = false;
      if (data.skip !== undefined || data.todo !== undefined) {
        skipped.push({ file: data.file, name: data.name, why: data.skip ?? data.todo, kind: data.skip !== undefined ? "skip" : "todo" });
      }
    }
  }
  const summary = {
    files: [...files].map(([file, r]) => ({ file, ms: r.ms ?? r.topLevelMs, passed: r.passed })),
    skipped,
  };
  if (process.env.NEURAL_MI_TEST_SUMMARY) {
    fs.writeFileSync(process.env.NEURAL_MI_TEST_SUMMARY, JSON.stringify(summary, null, 1));
  }
}
