// A node:test reporter that prints nothing: into the JSON file named by
// NEURAL_MI_TEST_SUMMARY it records any skipped or todo tests (for scripts/test.mjs to
// refuse) and the CPU time the file's run spent.
import fs from "node:fs";
import { cpuSecondsSpent } from "./cpu-time.mjs";

export default async function* summary(source) {
  const skipped = [];
  for await (const event of source) {
    const { data } = event;
    if (!data?.file || (event.type !== "test:pass" && event.type !== "test:fail")) continue;
    if (data.skip !== undefined || data.todo !== undefined) {
      skipped.push({ file: data.file, name: data.name, why: data.skip ?? data.todo, kind: data.skip !== undefined ? "skip" : "todo" });
    }
  }
  // The stream ends after the file's subprocess has exited, so its CPU (and that of every
  // process it waited for: kernels, runners, browsers) is in this process's children's time.
  const cpuSeconds = cpuSecondsSpent();
  if (process.env.NEURAL_MI_TEST_SUMMARY) fs.writeFileSync(process.env.NEURAL_MI_TEST_SUMMARY, JSON.stringify({ skipped, cpuSeconds }, null, 1));
}
