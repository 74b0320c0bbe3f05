// @ts-check
// nbgrader's cell metadata rules (schema version 3), checked before anything is
// released, so that nbgrader and our own commands accept the same notebooks.

const ALLOWED_KEYS = new Set(["schema_version", "grade", "locked", "solution", "task", "grade_id", "points", "checksum", "cell_type"]);
const GRADE_ID = /^[a-zA-Z0-9_-]*$/;

/** @typedef {import("../notebook/format.mjs").Notebook} Notebook */

/**
 * Returns the problems found; an empty list means nbgrader would accept it.
 * @param {Notebook} notebook
 * @returns {string[]}
 */
export function nbgraderMetadataProblems(notebook) {
  /** @type {string[]} */
  const problems = [];
  const seen = new Set();
  notebook.cells.forEach((cell, index) => {
    const meta = cell.metadata?.nbgrader;
    if (meta === undefined) return;
    const where = `cell ${index + 1}${typeof meta?.grade_id === "string" ? ` ("${meta.grade_id}")` : ""}`;
    if (typeof meta !== "object" || meta === null) {
      problems.push(`${where}: metadata.nbgrader is not an object`);
      return;
    }
    if (meta.schema_version !== 3) {
      problems.push(`${where}: nbgrader schema_version is ${JSON.stringify(meta.schema_version)}, expected 3`);
    }
    for (const key of Object.keys(meta)) {
      if (!ALLOWED_KEYS.has(key)) {
        problems.push(`${where}: unknown key "${key}" under metadata.nbgrader (keep course data under metadata.neural_mi)`);
      }
    }
    for (const flag of ["grade", "locked", "solution"]) {
      if (typeof meta[flag] !== "boolean") problems.push(`${where}: nbgrader.${flag} must be true or false`);
    }
    if ("task" in meta && typeof meta.task !== "boolean") problems.push(`${where}: nbgrader.task must be true or false`);
    if ("grade_id" in meta && (typeof meta.grade_id !== "string" || !GRADE_ID.test(meta.grade_id))) {
      problems.push(`${where}: grade_id may only use letters, digits, "_" and "-"`);
    }
    if ("points" in meta && !(typeof meta.points === "number" && meta.points >= 0)) {
      problems.push(`${where}: points must be a number ≥ 0`);
    }
    if ("checksum" in meta && !(typeof meta.checksum === "string" && meta.checksum.length === 32)) {
      problems.push(`${where}: checksum must be 32 characters`);
    }
    if ("cell_type" in meta && !["raw", "code", "markdown"].includes(meta.cell_type)) {
      problems.push(`${where}: nbgrader.cell_type must be raw, code or markdown`);
    }
    const tracked = meta.grade || meta.solution || meta.locked;
    if (tracked && !(typeof meta.grade_id === "string" && meta.grade_id !== "")) {
      problems.push(`${where}: a graded, solution or read-only cell needs a grade_id`);
    }
    if (meta.grade && !("points" in meta)) problems.push(`${where}: a grade cell needs points`);
    if (meta.task) {
      if (cell.cell_type !== "markdown") problems.push(`${where}: task cells must be markdown`);
    } else if (cell.cell_type === "markdown" && Boolean(meta.grade) !== Boolean(meta.solution)) {
      problems.push(`${where}: a markdown cell that is graded must also be a solution cell, and the other way round`);
    }
    if (tracked && typeof meta.grade_id === "string") {
      if (seen.has(meta.grade_id)) problems.push(`${where}: grade_id "${meta.grade_id}" is used twice`);
      seen.add(meta.grade_id);
    }
  });
  return problems;
}

/**
 * The course's points per check (`metadata.neural_mi.checks` of a test cell, e.g.
 * {"loss": 2, "estimate": 2}): positive numbers that add up to the cell's points, naming
 * exactly the checks its reportResult call reports (`checks: { loss: …, estimate: … }`).
 * @param {Notebook} notebook
 * @returns {string[]}
 */
export function checkWeightProblems(notebook) {
  /** @type {string[]} */
  const problems = [];
  notebook.cells.forEach((cell, index) => {
    const weights = cell.metadata?.neural_mi?.checks;
    if (weights === undefined) return;
    const meta = cell.metadata?.nbgrader;
    const where = `cell ${index + 1}${typeof meta?.grade_id === "string" ? ` ("${meta.grade_id}")` : ""}`;
    if (!meta?.grade || meta.solution || cell.cell_type !== "code") {
      problems.push(`${where}: neural_mi.checks belongs on a test cell (a graded code cell that is not a solution)`);
      return;
    }
    if (!weights || typeof weights !== "object" || Array.isArray(weights) || Object.keys(weights).length === 0) {
      problems.push(`${where}: neural_mi.checks must map each check's name to its points, e.g. {"loss": 2, "estimate": 2}`);
      return;
    }
    const entries = Object.entries(weights);
    for (const [name, points] of entries) {
      if (!(typeof points === "number" && Number.isFinite(points) && points > 0)) problems.push(`${where}: check "${name}" must be worth a positive number of points`);
    }
    const total = entries.reduce((sum, [, points]) => sum + (typeof points === "number" ? points : 0), 0);
    if (Math.abs(total - meta.points) > 1e-9) {
      problems.push(`${where}: the checks' points add up to ${total}, but the cell is worth ${meta.points}: make them equal`);
    }
    const reported = /\bchecks:\s*\{([^}]*)\}/.exec(cell.source)?.[1];
    // `name: value` or the shorthand `name`
    const names = reported === undefined ? [] : [...reported.matchAll(/(?:^|,)\s*([A-Za-z_$][\w$]*)\s*(?=[:,]|$)/g)].map((match) => match[1]);
    const declared = entries.map(([name]) => name);
    if (reported === undefined || names.slice().sort().join() !== declared.slice().sort().join()) {
      problems.push(
        `${where}: the test must report exactly the checks its metadata weighs (${declared.join(", ")}) in reportResult({ …, checks: { … } }); ` +
          `it reports ${reported === undefined ? "none" : names.join(", ") || "none"}`,
      );
    }
  });
  return problems;
}

/** @param {Notebook} notebook */
export function checkNbgraderMetadata(notebook) {
  const problems = [...nbgraderMetadataProblems(notebook), ...checkWeightProblems(notebook)];
  if (problems.length > 0) throw new Error(`nbgrader metadata problems:\n  ${problems.join("\n  ")}`);
}
