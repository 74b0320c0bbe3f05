// What the student's door and the student edition must never show: the lines of a course notebook's solution regions
// (code and written answers) and hidden-test regions, read from the instructor's source.
// Lines that also occur outside those regions (a closing brace, a line the released notebook
// keeps) are left out, so that finding one in the student's copy always means a leak.

const REGIONS = [
  { begin: "BEGIN SOLUTION", end: "END SOLUTION", what: "solution" },
  { begin: "BEGIN HIDDEN TESTS", end: "END HIDDEN TESTS", what: "hidden test" },
  { begin: "BEGIN MARK SCHEME", end: "END MARK SCHEME", what: "mark scheme" },
];
// Shorter lines ("}", "return x;") say nothing on their own.
const MIN_LENGTH = 12;

const text = (source) => (Array.isArray(source) ? source.join("") : source);

/** [{ line, what, cell }] for a parsed source notebook; `cell` is the cell's grade_id or index. */
export function secretLines(notebook) {
  const secret = [];
  const open = new Set();
  notebook.cells.forEach((cell, index) => {
    let region = null;
    for (const raw of text(cell.source).split("\n")) {
      const line = raw.trim();
      const starts = REGIONS.find((r) => line.includes(r.begin));
      if (starts) {
        region = starts;
        continue;
      }
      if (region && line.includes(region.end)) {
        region = null;
        continue;
      }
      if (region) secret.push({ line, what: region.what, cell: cell.metadata?.nbgrader?.grade_id ?? `cell ${index}` });
      else open.add(line);
    }
  });
  return secret.filter(({ line }) => line.length >= MIN_LENGTH && !open.has(line));
}

/** The secret lines found in `shown` (text the student's page holds). */
export function leakedLines(secrets, shown) {
  return secrets.filter(({ line }) => shown.includes(line));
}
