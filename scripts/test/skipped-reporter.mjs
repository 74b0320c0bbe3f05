// A node:test reporter that prints nothing: it records any skipped or todo tests into
// the JSON file named by NEURAL_MI_TEST_SUMMARY, for scripts/test.mjs to refuse.
import fs from "node:fs";

export default async function* skippedTests(source) {
  const skipped = [];
  for await (const event of source) {
    const { data } = event;
    if (!data?.file || (event.type !== "test:pass" && event.type !== "test:fail")) continue;
    if (data.skip !== undefined || data.todo !== undefined) {
      skipped.push({ file: data.file, name: data.name, why: data.skip ?? data.todo, kind: data.skip !== undefined ? "skip" : "todo" });
    }
  }
  if (process.env.NEURAL_MI_TEST_SUMMARY) fs.writeFileSync(process.env.NEURAL_MI_TEST_SUMMARY, JSON.stringify({ skipped }, null, 1));
}
