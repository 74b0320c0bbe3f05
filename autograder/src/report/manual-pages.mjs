// @ts-check
// A page per answer graded by hand: the course's reference answer, then every student's
// answer with the points and comment entered so far, for reading a class's answers side by side.
import { join } from "node:path";
import { writeFileAtomic } from "../util/atomic-write.mjs";
import { inert, inertLine, quotedLines } from "./inert-markdown.mjs";
import { visibleName } from "../grade/class-folder.mjs";

/**
 * A file name of one notebook's exercise: letters, digits, ".", "_", "-" only.
 * @param {string} notebook @param {string} exercise
 */
export const pageName = (notebook, exercise) => `${notebook.replace(/\.ipynb$/, "")}--${exercise}`.replace(/[^A-Za-z0-9._-]/g, "_") + ".md";

/**
 * @param {import("./manual-grades.mjs").ManualGradesFile} file
 * @returns {{ name: string, text: string }[]}
 */
export function manualPages(file) {
  /** @type {Map<string, import("./manual-grades.mjs").ManualGrade[]>} */
  const byExercise = new Map();
  for (const entry of file.grades) {
    const name = pageName(entry.notebook, entry.exercise);
    byExercise.set(name, [...(byExercise.get(name) ?? []), entry]);
  }
  return [...byExercise].map(([name, entries]) => {
    const [first] = entries;
    const graded = entries.filter((entry) => entry.points !== null).length;
    const lines = [
      `# ${first.notebook}: ${first.exercise} (${first.maxPoints} point${first.maxPoints === 1 ? "" : "s"})`,
      "",
      `${entries.length} answers, ${graded} graded. Enter points and comments in \`manual-grades.json\`, then run \`npm run autograde -- manual <this class's report folder>\`.`,
      "",
      "## Reference answer",
      "",
      quotedLines(first.reference),
    ];
    for (const entry of entries) {
      const points = entry.points === null ? "not graded yet" : `${entry.points} / ${entry.maxPoints}`;
      lines.push("", `## ${inertLine(visibleName(entry.student))}: ${points}`, "", quotedLines(inert(entry.answer)));
      // comments as one line of text, as the summaries show them: "## ana: 5 / 5" in one started a heading
      if (entry.comment) lines.push("", `Comment: ${inertLine(entry.comment)}`);
      if (entry.previousPoints !== undefined) {
        lines.push("", `(${entry.previousPoints} / ${entry.maxPoints} were entered for an earlier version of this answer${entry.previousComment ? `: ${inertLine(entry.previousComment)}` : ""})`);
      }
    }
    lines.push("");
    return { name, text: lines.join("\n") };
  });
}

/** @param {string} outDir @param {import("./manual-grades.mjs").ManualGradesFile} file @returns {number} pages written */
export function writeManualPages(outDir, file) {
  const pages = manualPages(file);
  for (const page of pages) writeFileAtomic(join(outDir, "manual", page.name), page.text);
  return pages.length;
}
