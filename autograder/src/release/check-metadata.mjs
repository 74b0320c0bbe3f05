// @ts-check
// The course's own cell metadata (metadata.neural_mi), checked before a release;
// nbgrader's metadata is checked by nbgrader's own CheckCellMetadata during it.

import { createRequire } from "node:module";

/** @typedef {import("../notebook/format.mjs").Notebook} Notebook */

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

/**
 * A test cell that awaits: while it waits, the timers and promises the student's cells left pending
 * run between its checks, and could change what it reads after it checked it (autograder/README.md:
 * no test awaits, so nothing of the student's runs inside a test). Found by the TypeScript parser,
 * loaded only for a test whose text holds `await` or `.then`.
 * @param {Notebook} notebook
 * @returns {string[]}
 */
export function awaitingTestProblems(notebook) {
  /** @type {string[]} */
  const problems = [];
  notebook.cells.forEach((cell, index) => {
    const meta = cell.metadata?.nbgrader;
    if (cell.cell_type !== "code" || !meta?.grade || meta.solution || !/\bawait\b|\.\s*then\b/.test(cell.source)) return;
    /** @type {typeof import("typescript")} */
    const ts = createRequire(import.meta.url)("typescript");
    const file = ts.createSourceFile("test.ts", cell.source, ts.ScriptTarget.Latest, true);
    /** @type {string | undefined} */
    let found;
    const visit = (/** @type {import("typescript").Node} */ node) => {
      if (found) return;
      if (ts.isAwaitExpression(node) || (ts.isForOfStatement(node) && node.awaitModifier)) found = "awaits";
      else if (ts.isPropertyAccessExpression(node) && node.name.text === "then" && ts.isCallExpression(node.parent)) found = "calls .then()";
      else ts.forEachChild(node, visit);
    };
    visit(file);
    if (found) {
      const where = `cell ${index + 1}${typeof meta.grade_id === "string" ? ` ("${meta.grade_id}")` : ""}`;
      problems.push(`${where}: the test ${found}; while it waits, timers and promises the student's cells left pending run between its checks: do the waiting in a course cell before the test, and keep the test synchronous`);
    }
  });
  return problems;
}

/**
 * A test cell whose hidden tests are part of a name it declares at its top level (a function, a
 * class, a variable holding a function, or one declared inside the region): tslab shares such
 * names with every later cell, where a student's cell prints the function's text
 * (`String(check)`) or the value into its own output, and so into its feedback. Hidden tests in a
 * block (`{ … }`) declare nothing outside it.
 * @param {Notebook} notebook
 * @returns {string[]}
 */
export function hiddenDeclarationProblems(notebook) {
  /** @type {string[]} */
  const problems = [];
  notebook.cells.forEach((cell, index) => {
    const meta = cell.metadata?.nbgrader;
    if (cell.cell_type !== "code" || !meta?.grade || meta.solution || !cell.source.includes("BEGIN HIDDEN TESTS")) return;
    /** @type {typeof import("typescript")} */
    const ts = createRequire(import.meta.url)("typescript");
    const file = ts.createSourceFile("test.ts", cell.source, ts.ScriptTarget.Latest, true);
    const hidden = hiddenLineNumbers(cell.source);
    const names = file.statements
      .filter((statement) => !ts.isBlock(statement) && !ts.isExpressionStatement(statement) && !isControlFlow(ts, statement))
      .filter((statement) => {
        const first = file.getLineAndCharacterOfPosition(statement.getStart(file)).line;
        const last = file.getLineAndCharacterOfPosition(statement.getEnd()).line;
        return hidden.some((line) => line >= first && line <= last);
      })
      .map((statement) => statement.getText(file).split("\n")[0].slice(0, 60));
    if (names.length > 0) {
      const where = `cell ${index + 1}${typeof meta.grade_id === "string" ? ` ("${meta.grade_id}")` : ""}`;
      problems.push(
        `${where}: hidden tests are part of what the cell declares at its top level (${names.join("; ")}), which every later cell ` +
          "can read and print, the hidden code included: put the hidden tests in a block, { … }",
      );
    }
  });
  return problems;
}

/**
 * A test cell that reads a name an earlier cell of the course declares (an import of the set-up
 * cell's, `Rng` say, or a helper of an earlier test's) instead of importing or declaring it itself:
 * tslab shares such names with every later cell, and a student's cell can rebind them as it runs
 * (through tslab's shared names, past what the reading of the code sees), so the test would use
 * the student's. Chapter 1's and chapter 5's samplers' tests made their generators, and the probes
 * that tell a sampler drawing from `rng` from one that does not, with the shared `Rng`: a class of
 * the answer's put in its place let samplers drawing from `Math.random` pass (2 of 2 each, under
 * both graders; forgery `rebound-rng`). The answers' names (what the solution cells declare) are
 * the student's to give, and the tests read them on purpose.
 * @param {Notebook} notebook
 * @returns {string[]}
 */
export function sharedNameProblems(notebook) {
  /** @type {typeof import("typescript")} */
  const ts = createRequire(import.meta.url)("typescript");
  const parse = (/** @type {string} */ source) => ts.createSourceFile("cell.ts", source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const isCode = (/** @type {any} */ cell) => cell.cell_type === "code" && typeof cell.source === "string" && cell.source.trim() !== "";
  const answers = new Set();
  for (const cell of notebook.cells) if (isCode(cell) && cell.metadata?.nbgrader?.solution) for (const name of sharedBy(ts, parse(cell.source))) answers.add(name);
  /** @type {string[]} */
  const problems = [];
  /** @type {Set<string>} */
  const shared = new Set();
  notebook.cells.forEach((cell, index) => {
    if (!isCode(cell)) return;
    const meta = cell.metadata?.nbgrader;
    const file = parse(cell.source);
    if (meta?.grade && !meta.solution) {
      const own = new Set(sharedBy(ts, file));
      const visit = (/** @type {import("typescript").Node} */ node) => {
        if (ts.isVariableDeclaration(node) || ts.isParameter(node) || ts.isBindingElement(node)) bindingNamesOf(ts, node.name, own);
        else if ((ts.isFunctionDeclaration(node) || ts.isClassDeclaration(node) || ts.isFunctionExpression(node) || ts.isClassExpression(node)) && node.name) own.add(node.name.text);
        ts.forEachChild(node, visit);
      };
      visit(file);
      const read = new Set();
      const references = (/** @type {import("typescript").Node} */ node) => {
        if (ts.isIdentifier(node) && readsValue(ts, node) && !own.has(node.text) && shared.has(node.text) && !answers.has(node.text)) read.add(node.text);
        ts.forEachChild(node, references);
      };
      references(file);
      if (read.size > 0) {
        const names = [...read].join(", ");
        const where = `cell ${index + 1}${typeof meta.grade_id === "string" ? ` ("${meta.grade_id}")` : ""}`;
        problems.push(
          `${where}: the test reads ${names} from the cells before it, which share it with every cell: a student's cell can rebind it as it runs, ` +
            `and the test would use the student's; import it in the test itself (import { ${names} } from "neural-mi") or declare it there`,
        );
      }
    }
    if (!meta?.solution) for (const name of sharedBy(ts, file)) shared.add(name);
  });
  return problems;
}

/** The names a cell declares at its top level, which tslab shares with later cells. @param {typeof import("typescript")} ts @param {import("typescript").SourceFile} file */
function sharedBy(ts, file) {
  /** @type {Set<string>} */
  const names = new Set();
  for (const statement of file.statements) {
    if (ts.isVariableStatement(statement)) for (const d of statement.declarationList.declarations) bindingNamesOf(ts, d.name, names);
    else if ((ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement) || ts.isEnumDeclaration(statement)) && statement.name) names.add(statement.name.text);
    else if (ts.isModuleDeclaration(statement) && ts.isIdentifier(statement.name)) names.add(statement.name.text);
    else if (ts.isImportDeclaration(statement) && statement.importClause && !statement.importClause.isTypeOnly) {
      const clause = statement.importClause;
      if (clause.name) names.add(clause.name.text);
      const bindings = clause.namedBindings;
      if (bindings && ts.isNamespaceImport(bindings)) names.add(bindings.name.text);
      if (bindings && ts.isNamedImports(bindings)) for (const element of bindings.elements) if (!element.isTypeOnly) names.add(element.name.text);
    }
  }
  return names;
}

/** @param {typeof import("typescript")} ts @param {import("typescript").BindingName} name @param {Set<string>} into */
function bindingNamesOf(ts, name, into) {
  if (ts.isIdentifier(name)) into.add(name.text);
  else for (const element of name.elements) if (!ts.isOmittedExpression(element)) bindingNamesOf(ts, element.name, into);
}

/** Whether an identifier is read as a value where it stands (not a property's name, a type, a label). @param {typeof import("typescript")} ts @param {import("typescript").Identifier} node */
function readsValue(ts, node) {
  const parent = node.parent;
  if (!parent) return true;
  if (ts.isPropertyAccessExpression(parent) && parent.name === node) return false;
  if ((ts.isPropertyAssignment(parent) || ts.isPropertyDeclaration(parent) || ts.isMethodDeclaration(parent) || ts.isPropertySignature(parent) || ts.isMethodSignature(parent) || ts.isGetAccessor(parent) || ts.isSetAccessor(parent) || ts.isEnumMember(parent)) && parent.name === node) return false;
  if (ts.isTypeReferenceNode(parent) || ts.isQualifiedName(parent) || ts.isTypeQueryNode(parent) || ts.isTypeParameterDeclaration(parent) || ts.isTypeAliasDeclaration(parent) || ts.isInterfaceDeclaration(parent)) return false;
  if (ts.isImportSpecifier(parent) || ts.isImportClause(parent) || ts.isNamespaceImport(parent) || ts.isExportSpecifier(parent) || ts.isLabeledStatement(parent) || ts.isBreakOrContinueStatement(parent)) return false;
  return true;
}

/** The 0-based numbers of the lines inside the hidden-test regions of `source` (a region left open runs to the end). @param {string} source */
function hiddenLineNumbers(source) {
  /** @type {number[]} */
  const lines = [];
  let inside = false;
  source.split("\n").forEach((line, number) => {
    if (line.includes("BEGIN HIDDEN TESTS")) inside = true;
    else if (line.includes("END HIDDEN TESTS")) inside = false;
    else if (inside) lines.push(number);
  });
  return lines;
}

/** A statement that shares nothing of the test's own (`if`, loops, `try`, …, an import). @param {typeof import("typescript")} ts @param {import("typescript").Statement} statement */
function isControlFlow(ts, statement) {
  return (
    ts.isIfStatement(statement) ||
    ts.isIterationStatement(statement, false) ||
    ts.isTryStatement(statement) ||
    ts.isSwitchStatement(statement) ||
    ts.isThrowStatement(statement) ||
    ts.isLabeledStatement(statement) ||
    ts.isEmptyStatement(statement) ||
    // an import shares the library's own values, which hide nothing (and cannot go in a block)
    ts.isImportDeclaration(statement)
  );
}

/** Every problem the release finds in a source notebook's cells, as sentences. @param {Notebook} notebook */
export function courseMetadataProblems(notebook) {
  return [...checkWeightProblems(notebook), ...awaitingTestProblems(notebook), ...hiddenDeclarationProblems(notebook), ...sharedNameProblems(notebook)];
}

/** @param {Notebook} notebook */
export function checkCourseMetadata(notebook) {
  const problems = courseMetadataProblems(notebook);
  if (problems.length > 0) throw new Error(`course metadata problems:\n  ${problems.join("\n  ")}`);
}
