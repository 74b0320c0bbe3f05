// @ts-check
// Rules the kernel cannot enforce, checked by reading the student's code before it runs.
// A cell the student wrote (a solution cell or a cell of their own) that reaches for
// the kernel's machinery (require, the module cache, process internals, the global
// object, prototypes, property definitions, Function/eval) or rebinds a name the
// course's tests read (a global such as Math, or a course name such as tf or x) is
// rejected: it does not run, and the report and the executed notebook say why. The
// course's own solutions pass these rules (tests/autograder/inspect-cells.test.mjs).
import { createRequire } from "node:module";
import { gradeId, isGrade, isLocked, isSolution } from "../notebook/nbgrader-cells.mjs";
import { MAX_SCANNED_TOKENS, scannedTokens } from "./token-count.mjs";

// required, not imported: node's ES module loader scans the compiler's 9 MB of CommonJS for its
// exports first, which costs 0.8 s of CPU (more than loading it) in every grader and nbgrader step
/** @type {typeof import("typescript")} */
const ts = createRequire(import.meta.url)("typescript");

/** @typedef {import("../notebook/format.mjs").Notebook} Notebook @typedef {import("../notebook/format.mjs").Cell} Cell */

const ALLOWED_MODULES = new Set(["neural-mi", "tslab"]);

/** Names that lead to the kernel's machinery, whatever is done with them. */
const FORBIDDEN_NAMES = new Map([
  ["require", "uses require (only `import ... from \"neural-mi\"` or \"tslab\" is allowed)"],
  ["module", "uses `module`, the kernel's module object"],
  ["exports", "uses `exports`, the kernel's table of names shared between cells"],
  ["__tslab__", "uses `__tslab__`, the kernel's own object"],
  ["globalThis", "uses the global object (globalThis)"],
  ["global", "uses the global object (global)"],
  ["eval", "uses eval"],
  ["Function", "uses the Function constructor"],
  ["Reflect", "uses Reflect"],
  ["Proxy", "uses Proxy"],
  ["arguments", "uses `arguments`"],
  ["lockdown", "uses lockdown"],
  ["harden", "uses harden"],
  ["Compartment", "uses Compartment"],
  ["WebAssembly", "uses WebAssembly"],
]);

/** Property names that change objects' definitions or reach constructors and prototypes. */
const FORBIDDEN_PROPERTIES = new Map(/** @type {[string, string][]} */ ([
  ["prototype", "touches a prototype"],
  ["__proto__", "touches a prototype (__proto__)"],
  ["constructor", "reaches a constructor through `.constructor`"],
  ["defineProperty", "defines properties (defineProperty)"],
  ["defineProperties", "defines properties (defineProperties)"],
  ["setPrototypeOf", "changes a prototype (setPrototypeOf)"],
  ["__defineGetter__", "defines a getter (__defineGetter__)"],
  ["__defineSetter__", "defines a setter (__defineSetter__)"],
  ["binding", "reaches node's internals (binding)"],
  ["_linkedBinding", "reaches node's internals (_linkedBinding)"],
  ["dlopen", "loads native code (dlopen)"],
  ["mainModule", "reaches the kernel's main module"],
  ["getBuiltinModule", "loads node's modules (getBuiltinModule)"],
  ["stdout", "touches the kernel's standard output other than by calling `process.stdout.write(text)` (progress lines may be printed that way, or with console.log)"],
  ["stderr", "touches the kernel's standard error (a test cell that prints to it scores 0; print progress with `process.stdout.write(text)` or console.log)"],
  // TensorFlow.js's machinery, which computes what the tests compare with (the realm also
  // pins it, lib/kernel/harden.cjs; these names are refused outright)
  ["engine", "reaches TensorFlow.js's engine (engine) other than by calling `tf.engine().startScope()` or `tf.engine().endScope(result)` directly (or use `tf.tidy(() => …)`, which scopes the tensors for you)"],
  ...["backend", "backendInstance", "_tfGlobals"].map((name) => [name, `reaches TensorFlow.js's engine (${name})`]),
  ...["registerKernel", "unregisterKernel", "registerGradient", "unregisterGradient", "registerBackend", "removeBackend", "copyRegisteredKernels", "setPlatform", "getKernel", "findBackend", "findBackendFactory"].map(
    (name) => [name, `changes or reads TensorFlow.js's registries (${name})`],
  ),
]));

// JavaScript's and node's global names: declaring one at the top of a cell makes every
// later cell, tests included, see the student's value instead.
const GLOBAL_NAMES = new Set([...Object.getOwnPropertyNames(globalThis), "console", "Math", "JSON", "Number", "Array", "Object", "String", "Error", "Promise", "Symbol", "undefined", "NaN", "Infinity"]);

/** @param {string} text */
const short = (text) => (text.length > 80 ? `${text.slice(0, 79)}…` : text);

/**
 * A module name the student wrote, as a reason shows it: quoted, on one line and short, so
 * that it can neither run as code in the comment that replaces a rejected cell nor fill
 * the reports.
 * @param {string} text
 */
const shown = (text) => JSON.stringify(short(text)).replace(/[\u2028\u2029]/g, " ");

/**
 * An identifier (never more than one line) as a reason shows it.
 * @param {string} name
 */
const named = (name) => `\`${short(name)}\``;

/** @param {import("typescript").Node} node @param {(node: import("typescript").Node) => void} visit */
function walk(node, visit) {
  visit(node);
  ts.forEachChild(node, (child) => walk(child, visit));
}

/**
 * Visits every token of the tree (punctuation and keywords too), in order.
 * @param {import("typescript").Node} node @param {import("typescript").SourceFile} file @param {(token: import("typescript").Node) => void} visit
 */
function walkTokens(node, file, visit) {
  const children = node.getChildren(file);
  if (children.length === 0) visit(node);
  for (const child of children) walkTokens(child, file, visit);
}

/** @param {string} source */
function parse(source) {
  return ts.createSourceFile("cell.ts", source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
}

/** @param {import("typescript").BindingName} name @param {Set<string>} into */
function bindingNames(name, into) {
  if (ts.isIdentifier(name)) into.add(name.text);
  else for (const element of name.elements) if (!ts.isOmittedExpression(element)) bindingNames(element.name, into);
}

/**
 * How each name a cell declares at its top level is declared: imported (`import:<module>:<the
 * module's name for it>`) or by its statement's text. An edited course cell keeps its names only
 * where it declares them as the course's cell does.
 * @param {import("typescript").SourceFile} file
 */
function topLevelDeclarations(file) {
  /** @type {Map<string, string>} */
  const declarations = new Map();
  for (const statement of file.statements) {
    const names = topLevelNames({ statements: [statement] });
    if (ts.isImportDeclaration(statement) && statement.importClause && ts.isStringLiteral(statement.moduleSpecifier)) {
      const from = statement.moduleSpecifier.text;
      const clause = statement.importClause;
      if (clause.name) declarations.set(clause.name.text, `import:${from}:default`);
      const bindings = clause.namedBindings;
      if (bindings && ts.isNamespaceImport(bindings)) declarations.set(bindings.name.text, `import:${from}:*`);
      if (bindings && ts.isNamedImports(bindings)) {
        for (const element of bindings.elements) declarations.set(element.name.text, `import:${from}:${(element.propertyName ?? element.name).text}`);
      }
    } else {
      for (const name of names) declarations.set(name, `text:${statement.getText()}`);
    }
  }
  return declarations;
}

/**
 * Names a cell declares at its top level (shared with later cells by tslab).
 * @param {{ statements: readonly import("typescript").Statement[] }} file
 */
function topLevelNames(file) {
  /** @type {Set<string>} */
  const names = new Set();
  for (const statement of file.statements) {
    if (ts.isVariableStatement(statement)) for (const d of statement.declarationList.declarations) bindingNames(d.name, names);
    else if ((ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement) || ts.isEnumDeclaration(statement)) && statement.name) names.add(statement.name.text);
    // `namespace x {}` is a variable at run time; `export { a as x }` and `export * as x from` bind x for later cells
    else if (ts.isModuleDeclaration(statement) && ts.isIdentifier(statement.name) && !(statement.flags & ts.NodeFlags.GlobalAugmentation)) names.add(statement.name.text);
    else if (ts.isExportDeclaration(statement) && statement.exportClause) {
      const clause = statement.exportClause;
      if (ts.isNamespaceExport(clause)) names.add(clause.name.text);
      else for (const element of clause.elements) names.add(element.name.text);
    }
    else if (ts.isImportDeclaration(statement) && statement.importClause) {
      const clause = statement.importClause;
      if (clause.name) names.add(clause.name.text);
      const bindings = clause.namedBindings;
      if (bindings && ts.isNamespaceImport(bindings)) names.add(bindings.name.text);
      if (bindings && ts.isNamedImports(bindings)) for (const element of bindings.elements) names.add(element.name.text);
    }
  }
  return names;
}

/**
 * Every name a cell declares anywhere (variables, parameters, functions, classes, imports).
 * @param {import("typescript").SourceFile} file
 */
function declaredNames(file) {
  /** @type {Set<string>} */
  const names = new Set(topLevelNames(file));
  walk(file, (node) => {
    if ((ts.isVariableDeclaration(node) || ts.isParameter(node) || ts.isBindingElement(node)) && node.name) bindingNames(node.name, names);
    else if ((ts.isFunctionDeclaration(node) || ts.isClassDeclaration(node) || ts.isFunctionExpression(node) || ts.isClassExpression(node)) && node.name) names.add(node.name.text);
  });
  return names;
}

/** Whether the binding `name` (an identifier or a pattern) binds `text`. @param {import("typescript").BindingName} name @param {string} text */
function binds(name, text) {
  const names = new Set();
  bindingNames(name, names);
  return names.has(text);
}

/** Whether a statement declares `text` in the block that holds it. @param {import("typescript").Statement} statement @param {string} text */
function statementDeclares(statement, text) {
  if (ts.isVariableStatement(statement)) return statement.declarationList.declarations.some((d) => binds(d.name, text));
  if ((ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement) || ts.isEnumDeclaration(statement)) && statement.name) return statement.name.text === text;
  if (ts.isImportDeclaration(statement) && statement.importClause) {
    const clause = statement.importClause;
    if (clause.name?.text === text) return true;
    const bindings = clause.namedBindings;
    if (bindings && ts.isNamespaceImport(bindings)) return bindings.name.text === text;
    if (bindings) return bindings.elements.some((element) => element.name.text === text);
  }
  return false;
}

/**
 * Whether an identifier names a declaration of the cell's own in a scope that encloses it (a
 * parameter of a function around it, a variable, function or class of a block around it, a loop's
 * or catch clause's variable). A declaration anywhere else in the cell does not count: a
 * parameter named `require` in one function let `require("fs")` pass the check elsewhere.
 * (`var` in a nested block is not seen from outside that block, which only refuses more.)
 * @param {import("typescript").Identifier} node
 */
function resolvesLocally(node) {
  const text = node.text;
  for (let scope = node.parent; scope; scope = scope.parent) {
    if (ts.isFunctionLike(scope)) {
      if (scope.parameters.some((parameter) => binds(parameter.name, text))) return true;
      if ((ts.isFunctionExpression(scope) || ts.isFunctionDeclaration(scope)) && scope.name?.text === text) return true;
    }
    if (ts.isClassExpression(scope) && scope.name?.text === text) return true;
    if ((ts.isForStatement(scope) || ts.isForOfStatement(scope) || ts.isForInStatement(scope)) && scope.initializer && ts.isVariableDeclarationList(scope.initializer)) {
      if (scope.initializer.declarations.some((d) => binds(d.name, text))) return true;
    }
    if (ts.isCatchClause(scope) && scope.variableDeclaration && binds(scope.variableDeclaration.name, text)) return true;
    const statements = ts.isBlock(scope) || ts.isSourceFile(scope) || ts.isModuleBlock(scope) ? scope.statements : ts.isCaseClause(scope) || ts.isDefaultClause(scope) ? scope.statements : undefined;
    if (statements?.some((statement) => statementDeclares(statement, text))) return true;
  }
  return false;
}

/**
 * An identifier used as a value (not a property name, not a declaration's name).
 * @param {import("typescript").Identifier} node
 */
function isReference(node) {
  const parent = node.parent;
  if (!parent) return true;
  if (ts.isPropertyAccessExpression(parent) && parent.name === node) return false;
  if ((ts.isPropertyAssignment(parent) || ts.isPropertyDeclaration(parent) || ts.isMethodDeclaration(parent) || ts.isPropertySignature(parent) || ts.isMethodSignature(parent) || ts.isGetAccessor(parent) || ts.isSetAccessor(parent)) && parent.name === node) return false;
  if (ts.isQualifiedName(parent) && parent.right === node) return false;
  if (ts.isTypeReferenceNode(parent) || ts.isQualifiedName(parent) || ts.isTypeQueryNode(parent)) return false;
  if (ts.isTypeParameterDeclaration(parent)) return false;
  if (ts.isImportSpecifier(parent) || ts.isExportSpecifier(parent) || ts.isLabeledStatement(parent) || ts.isBreakOrContinueStatement(parent)) return false;
  if ("name" in parent && parent.name === node && (ts.isVariableDeclaration(parent) || ts.isParameter(parent) || ts.isFunctionDeclaration(parent) || ts.isClassDeclaration(parent) || ts.isBindingElement(parent))) return false;
  return true;
}

/**
 * An identifier naming a type that an earlier cell may declare: `NetLayers` in `(net: NetLayers) =>`,
 * `tf` in `tf.Tensor2D`, `X` in `typeof X` written as a type.
 * @param {import("typescript").Identifier} node
 */
function isTypeName(node) {
  const parent = node.parent;
  if (!parent) return false;
  // (`as const` is a type reference named `const`, no name of a cell's)
  if (ts.isTypeReferenceNode(parent) || ts.isTypeQueryNode(parent)) return node.text !== "const";
  // the first name of a qualified name (`tf` of `tf.Tensor2D`)
  return ts.isQualifiedName(parent) && parent.left === node && (ts.isTypeReferenceNode(parent.parent) || ts.isTypeQueryNode(parent.parent) || ts.isQualifiedName(parent.parent));
}

/**
 * What the course's test cells read from earlier cells without declaring it themselves: names used
 * as values (`values`), and names used as types (`types`). A type too decides what a test runs: a
 * property read of a `const enum`'s type compiles to the member's value, so a cell's
 * `type NetLayers = typeof K & …` made a read like chapter 5's test's `(net: NetLayers) => net.variables` the cell's constant,
 * and a `type Float64Array = typeof K` a later `(a: Float64Array) => a.length` (tried in the kernel).
 * @param {Notebook} reference
 */
function readByTests(reference) {
  /** @type {Set<string>} */
  const values = new Set();
  /** @type {Set<string>} */
  const types = new Set();
  for (const cell of reference.cells) {
    if (cell.cell_type !== "code" || !isGrade(cell) || isSolution(cell)) continue;
    const file = parse(cell.source);
    const own = declaredNames(file);
    walk(file, (node) => {
      if ((ts.isTypeAliasDeclaration(node) || ts.isInterfaceDeclaration(node) || ts.isTypeParameterDeclaration(node) || ts.isEnumDeclaration(node)) && node.name) own.add(node.name.text);
    });
    walk(file, (node) => {
      if (!ts.isIdentifier(node) || own.has(node.text)) return;
      if (isReference(node)) values.add(node.text);
      else if (isTypeName(node)) types.add(node.text);
    });
  }
  return { values, types };
}

/**
 * Names the course's test cells read from earlier cells as values (readByTests).
 * @param {Notebook} reference
 */
export function namesTestsRead(reference) {
  return readByTests(reference).values;
}

/**
 * Names the course's test cells use as types and do not declare (`NetLayers`, `Float64Array`): a
 * type of a cell's by that name would stand for it in the test.
 * @param {Notebook} reference
 */
export function typesTestsRead(reference) {
  return readByTests(reference).types;
}

/**
 * The library's functions that the course's tests guard (`withoutReference(["gaussianMI"], …)`):
 * the tests compare the student's answer with them. Methods ("Net.forward") are left out:
 * their classes have other uses, and the tests' hidden inputs outrun a table made in advance.
 * @param {Notebook} reference
 */
export function guardedFunctions(reference) {
  /** @type {Set<string>} */
  const names = new Set();
  for (const cell of reference.cells) {
    if (cell.cell_type !== "code" || !isGrade(cell) || isSolution(cell)) continue;
    walk(parse(cell.source), (node) => {
      if (!ts.isCallExpression(node) || !ts.isIdentifier(node.expression) || node.expression.text !== "withoutReference") return;
      const [list] = node.arguments;
      if (!list || !ts.isArrayLiteralExpression(list)) return;
      for (const element of list.elements) if (ts.isStringLiteralLike(element) && !element.text.includes(".")) names.add(element.text);
    });
  }
  return names;
}

/** Whether `expression` is called: `expression(…)`. @param {import("typescript").Expression} expression */
const isCalled = (expression) => ts.isCallExpression(expression.parent) && expression.parent.expression === expression;

/** Whether `expression.<one of methods>(…)` follows. @param {import("typescript").Expression} expression @param {readonly string[]} methods */
function methodCalledOn(expression, methods) {
  const access = expression.parent;
  return ts.isPropertyAccessExpression(access) && access.expression === expression && methods.includes(access.name.text) && isCalled(access);
}

/**
 * The uses of a refused property that are honest and harmless: printing progress with
 * `process.stdout.write(…)` (what it writes goes to the cell's output, as console.log's does: the
 * tests' results carry a token no cell knows), and `tf.engine().startScope()` / `endScope(…)`,
 * what `tf.tidy` calls (the kernel keeps the scopes on a stack of its own,
 * lib/kernel/tensorflow-state.cjs). The stream's or the engine's object itself is never kept.
 * @param {import("typescript").PropertyAccessExpression} node
 */
function isHarmlessUse(node) {
  if (node.name.text === "stdout") return ts.isIdentifier(node.expression) && node.expression.text === "process" && methodCalledOn(node, ["write"]);
  if (node.name.text === "engine") {
    return isCalled(node) && /** @type {import("typescript").CallExpression} */ (node.parent).arguments.length === 0 && methodCalledOn(/** @type {import("typescript").CallExpression} */ (node.parent), ["startScope", "endScope"]);
  }
  return false;
}

/**
 * Whether `node` is written to: the left of an assignment, `++`/`--`, a loop's `for (name of …)`, or
 * a place in a destructuring assignment, seen through parentheses and TypeScript's assertions. An
 * assertion also silences the compiler: `(Rng as any) = 5` rebinds, for the cells after it, even a
 * `const`, a function, a class or an import of an earlier cell (tried in the kernel), and
 * `[Rng] = [5]` or `(Rng) = 5` left the plain `Rng = 5`'s refusal unread.
 * @param {import("typescript").Node} node
 */
function isAssignmentTarget(node) {
  let target = node;
  for (let parent = target.parent; parent; target = parent, parent = parent.parent) {
    if (ts.isBinaryExpression(parent) && parent.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && parent.operatorToken.kind <= ts.SyntaxKind.LastAssignment) return parent.left === target;
    if ((ts.isPrefixUnaryExpression(parent) || ts.isPostfixUnaryExpression(parent)) && (parent.operator === ts.SyntaxKind.PlusPlusToken || parent.operator === ts.SyntaxKind.MinusMinusToken)) return true;
    if (ts.isForOfStatement(parent) || ts.isForInStatement(parent)) return parent.initializer === target;
    // on the way up to an assignment: the expression seen through, or a place in a pattern (`[a, ...b]`, `{ k: a, b, ...c }`)
    const through =
      ts.isParenthesizedExpression(parent) || ts.isNonNullExpression(parent) || ts.isAsExpression(parent) || ts.isTypeAssertionExpression(parent) || ts.isSatisfiesExpression(parent) ||
      ts.isArrayLiteralExpression(parent) || ts.isObjectLiteralExpression(parent) || ts.isSpreadElement(parent) || ts.isSpreadAssignment(parent) ||
      (ts.isShorthandPropertyAssignment(parent) && parent.name === target) || (ts.isPropertyAssignment(parent) && parent.initializer === target);
    if (!through) return false;
  }
  return false;
}

/**
 * Whether `node` sits at the cell's top level, outside functions and classes (where `this` is tslab's exports).
 * @param {import("typescript").Node} node
 */
function atTopLevel(node) {
  for (let up = node.parent; up; up = up.parent) {
    // a decorator's expression runs outside the class it decorates, or whose member it decorates
    if (ts.isDecorator(up)) up = ts.isClassLike(up.parent) ? up.parent : up.parent.parent;
    else if (ts.isFunctionDeclaration(up) || ts.isFunctionExpression(up) || ts.isMethodDeclaration(up) || ts.isConstructorDeclaration(up) || ts.isClassLike(up) || ts.isGetAccessor(up) || ts.isSetAccessor(up)) return false;
  }
  return true;
}

/**
 * Why a cell the student wrote may not run, or undefined when it may.
 * @param {string} source
 * @param {{ protectedNames: Set<string>, protectedTypes?: Set<string>, ownNames: Set<string>, guardedNames?: Set<string> }} context protectedNames: what the
 *   tests read; protectedTypes: what they read as types (typesTestsRead); ownNames: what the course's solution cells
 *   declare (the exercises' answers); guardedNames: the library's functions the tests compare the answers with (guardedFunctions)
 * @returns {string | undefined}
 */
export function rejectionReason(source, context) {
  try {
    return reasonToReject(source, context);
  } catch (error) {
    // TypeScript's parser and the walk below recurse: a thousand nested brackets overflow the stack
    if (error instanceof RangeError) return "nests its code too deeply to be read (the reading ran out of stack)";
    throw error;
  }
}

/**
 * @param {string} source
 * @param {{ protectedNames: Set<string>, protectedTypes?: Set<string>, ownNames: Set<string>, guardedNames?: Set<string> }} context
 * @returns {string | undefined}
 */
function reasonToReject(source, { protectedNames, protectedTypes = new Set(), ownNames, guardedNames = new Set() }) {
  const file = parse(source);
  /** @type {string | undefined} */
  let reason;
  const found = (/** @type {string} */ why) => {
    reason ??= why;
  };
  // `/// <reference path="…" />` and its kin pull other files into the compilation
  if (file.referencedFiles.length + file.typeReferenceDirectives.length + file.libReferenceDirectives.length > 0) {
    found("uses a `/// <reference … />` directive (other files in the compilation)");
  }
  // a name of the cell's that a test reads as a type stands for it in the test (typesTestsRead); any declaration
  // of it counts (an `export { Own as NetLayers }` left the import's type in place in tslab 1.0.22, tried, and is
  // refused alike); the library's type imported again under its name is the same type
  const declarations = topLevelDeclarations(file);
  for (const statement of file.statements) {
    if (ts.isTypeAliasDeclaration(statement) || ts.isInterfaceDeclaration(statement)) declarations.set(statement.name.text, "type");
  }
  for (const [name, how] of declarations) {
    const libraryTypeAgain = [...ALLOWED_MODULES].some((module) => how === `import:${module}:${name}`);
    if (protectedTypes.has(name) && !ownNames.has(name) && !libraryTypeAgain) {
      found(`declares the type ${named(name)}, a type the tests read, which would stand for it in them; choose another name`);
    }
  }
  for (const name of topLevelNames(file)) {
    if (ownNames.has(name)) continue;
    if (GLOBAL_NAMES.has(name)) found(`declares ${named(name)}, which would replace JavaScript's own for every later cell, the tests included`);
    else if (protectedNames.has(name)) found(`declares ${named(name)}, a name of the course's that the tests read; choose another name`);
  }
  // a table of the library's answers made before the test (which refuses calls only while it
  // runs the answer) would pass it without the work
  const guarded = (/** @type {string} */ name) =>
    found(`uses ${named(name)}, the library's implementation that this notebook's tests compare your answer with; write it yourself (a cell calling it does not run when graded, since it could keep the library's answers for the test: compare yours with it in a copy you do not hand in)`);
  walk(file, (node) => {
    if (reason) return;
    // `import { gaussianMI as g }`, and `export { gaussianMI as g } from "neural-mi"`, which shares it under another name
    if (ts.isImportSpecifier(node) || (ts.isExportSpecifier(node) && node.parent.parent.moduleSpecifier)) {
      const imported = (node.propertyName ?? node.name).text;
      if (guardedNames.has(imported)) return guarded(imported);
    }
    if (ts.isIdentifier(node) && isReference(node) && guardedNames.has(node.text) && !resolvesLocally(node)) return guarded(node.text);
    const property = ts.isPropertyAccessExpression(node) ? node.name.text : ts.isElementAccessExpression(node) && ts.isStringLiteralLike(node.argumentExpression) ? node.argumentExpression.text : undefined;
    if (property !== undefined && guardedNames.has(property)) return guarded(property);
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier) && !ALLOWED_MODULES.has(node.moduleSpecifier.text)) {
      found(`imports ${shown(node.moduleSpecifier.text)} (only "neural-mi" and "tslab" may be imported)`);
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      found("imports a module while running (import(...))");
    } else if (ts.isImportTypeNode(node) && !(ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal) && ALLOWED_MODULES.has(node.argument.literal.text))) {
      // a type is enough for tslab to compile the file and register it where the tests'
      // `require("neural-mi")` looks first (a neural-mi.ts beside the notebook)
      const name = ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal) ? node.argument.literal.text : node.argument.getText();
      found(`imports the types of ${shown(name)} (only "neural-mi" and "tslab" may be imported)`);
    } else if (ts.isModuleDeclaration(node) && (ts.isStringLiteral(node.name) || node.flags & ts.NodeFlags.GlobalAugmentation)) {
      // in a `/** @module */` cell (a file every later compilation keeps), `declare module "neural-mi" { … }` adds
      // to the library's types: an overload of `courseData` returning a `const enum`'s type made a test's
      // `course.groundTruth` compile to a constant of the cell's (tried in the kernel), as written typings did
      found(`declares the types of ${ts.isStringLiteral(node.name) ? shown(node.name.text) : "the global scope"} (\`declare module "…"\`, \`declare global\`), which every later cell, the tests included, would compile against`);
    } else if (ts.isImportEqualsDeclaration(node)) {
      found("uses `import … = …`, an alias that every later cell, the tests included, would read (`import Math = Mine` gives them another Math); import from \"neural-mi\" or \"tslab\" with `import { … } from`");
    } else if (ts.isIdentifier(node) && isReference(node)) {
      const why = FORBIDDEN_NAMES.get(node.text);
      if (why && !resolvesLocally(node)) found(why);
      else if (isAssignmentTarget(node) && protectedNames.has(node.text) && !resolvesLocally(node)) {
        found(`assigns to ${named(node.text)}, a name of the course's that the tests read`);
      }
    } else if (ts.isPropertyAccessExpression(node) && FORBIDDEN_PROPERTIES.has(node.name.text) && !isHarmlessUse(node)) {
      found(/** @type {string} */ (FORBIDDEN_PROPERTIES.get(node.name.text)));
    } else if (ts.isElementAccessExpression(node) && ts.isStringLiteralLike(node.argumentExpression) && FORBIDDEN_PROPERTIES.has(node.argumentExpression.text)) {
      found(/** @type {string} */ (FORBIDDEN_PROPERTIES.get(node.argumentExpression.text)));
    } else if (node.kind === ts.SyntaxKind.ThisKeyword && atTopLevel(node)) {
      found("uses `this` outside a class or function (the kernel's table of shared names)");
    }
  });
  return reason;
}

// Data written out in the student's cells, over the whole notebook: the exercises compute their
// answers, and a table of values made elsewhere (the library's answers, say, 4-point interpolated
// on a scale that follows the function) passes a test's checks of values without the work. The
// course's solutions hold a few dozen numbers in all; the limits leave room for ten times that.
const MAX_WRITTEN_NUMBERS = 400;
const MAX_STRING_CHARACTERS = 8000;
// Every token can carry data, not only numbers, strings and names: a table written as arrays of
// holes ([,,,] is 3: 437 kB of commas held the 3801 values that passed chapter 3's checks, with 28
// numbers and 73 characters counted). So the notebook's own code is limited in length too, in
// tokens: the course's answers take 440 tokens at most (chapter 5's three), a chapter's code cells
// 800 to 2800 in all, and 12 000 tokens, at the 2 or so bits a token chosen among a few kinds can
// carry, hold about what the 400 numbers do.
const MAX_WRITTEN_TOKENS = 12_000;
// a cell holding less than this is not where the data is, and keeps running
const DATA_CELL_NUMBERS = 20;
const DATA_CELL_CHARACTERS = 1000;
const DATA_CELL_TOKENS = 1000;
const NUMBER_IN_TEXT = /(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?/g;

const COMMENT = /\/\/[^\n\r\u2028\u2029]*|\/\*[\s\S]*?(?:\*\/|$)/g;

// A character beyond ASCII carries more: each of 32,768 code points without a digit, a quote or a
// line break is 15 bits, and 5,598 of them held chapter 3's table within the 8,000 characters. Text
// counts as its UTF-8 bytes (at most about 6.6 bits each, as printable ASCII).
const utf8Length = (/** @type {string} */ text) => Buffer.byteLength(text, "utf8");

// A numeric or BigInt literal holds any number of digits: it counts as one number per 15 of them.
const DIGITS_PER_NUMBER = 15;

/**
 * What a cell's code writes out that reaches the running code as data: numbers (numeric
 * literals, a BigInt literal per 15 digits, and numbers inside strings, templates, regular
 * expressions, comments and names) and characters (of strings, templates, regular
 * expressions and comments, and of the names the course's code does not use). Comments and
 * names count because they are not erased: tslab keeps comments in the compiled code, and a
 * function's text (`String(f)`) hands back its comments and names at run time, so a table can
 * ride in them as well as in a string.
 * @param {string} source
 * @param {Set<string>} [courseNames] names of the course's code, which the student's may reuse freely
 */
export function writtenData(source, courseNames = new Set()) {
  let numbers = 0;
  let characters = 0;
  let tokens = 0;
  const countText = (/** @type {string} */ text) => {
    characters += utf8Length(text);
    numbers += text.match(NUMBER_IN_TEXT)?.length ?? 0;
  };
  const names = new Set();
  try {
    const file = parse(source);
    walk(file, (node) => {
      // numeric literals too by their digits as written, which the compiled code keeps (one literal of
      // 76,020 digits held chapter 3's table and counted as one number)
      // (its exponent's too: 7e followed by 76,020 digits carried it as well)
      if (ts.isNumericLiteral(node) || ts.isBigIntLiteral(node)) numbers += Math.max(1, Math.ceil(node.getText().replace(/^0[xob]/i, "").replace(/[^0-9a-f]/gi, "").length / DIGITS_PER_NUMBER));
      // as written, escapes and all: the compiled code keeps a literal's source text, which String(f)
      // and String.raw hand back (a backslash before each line break, varied, was 40,000 characters counted as 10)
      else if (ts.isStringLiteralLike(node) || ts.isTemplateLiteralToken(node) || ts.isRegularExpressionLiteral(node)) countText(node.getText());
      else if (ts.isIdentifier(node) || ts.isPrivateIdentifier(node)) {
        // a name written with escapes is kept as written, and every writing of it counts: one name
        // written 122 times with escapes padded by 0 to 15 zeros (\u{0071}, \u{00000071}) held chapter
        // 3's table and counted once, as its decoded letters
        const written = node.getText();
        if (written !== node.text) countText(written);
        else if (!courseNames.has(node.text)) names.add(node.text);
        // and each writing of any name, the course's too, one character: which of 128 course names
        // stands at each of 9,597 places is 7 bits a place (chapter 3's table, as a function's body
        // of bare names read back by String(f), counted as tokens only)
        characters += 1;
      }
    });
    // comments, every character of them, white space too: what lies between the tokens (every
    // token's leading trivia, punctuation's and the end of the file's included) but for the white
    // space outside comments, which compiling drops (a comment of 60,816 Unicode spaces, 16 kinds,
    // held chapter 3's table and counted as 4 characters when white space inside comments was free)
    walkTokens(file, file, (token) => {
      if (token.kind !== ts.SyntaxKind.EndOfFileToken) tokens += 1;
      const trivia = source.slice(token.pos, token.getStart(file));
      for (const comment of trivia.match(COMMENT) ?? []) characters += utf8Length(comment);
      characters += utf8Length(trivia.replace(COMMENT, "").replace(/\s+/g, ""));
      numbers += trivia.match(NUMBER_IN_TEXT)?.length ?? 0;
    });
  } catch (error) {
    if (!(error instanceof RangeError)) throw error; // too deep to read: rejected for that already
  }
  for (const name of names) countText(name);
  return { numbers, characters, tokens };
}

/**
 * The cells of a restored submission that the student wrote: solution cells and cells of
 * their own; test and read-only cells are the course's (restored before this runs).
 * @param {Cell} cell
 */
export function writtenByStudent(cell) {
  if (cell.cell_type !== "code") return false;
  if (isSolution(cell)) return true;
  return !(isGrade(cell) || isLocked(cell));
}

/**
 * @typedef {{ index: number, id: string | undefined, reason: string, source: string }} Rejection
 */

/**
 * Finds the cells to reject and replaces their code before the run: a solution cell by
 * its released stub (its exercise then counts as not answered), any other cell by a
 * comment. Returns what was rejected, with each cell's submitted source.
 * @param {Notebook} submission changed in place
 * @param {{ reference: Notebook, student: Notebook }} versions
 * @returns {Rejection[]}
 */
export function rejectForbiddenCells(submission, { reference, student }) {
  const protectedNames = namesTestsRead(reference);
  const protectedTypes = typesTestsRead(reference);
  const guardedNames = guardedFunctions(reference);
  // What the exercises ask for (MINENet, groundTruth...) may be declared again in any cell
  // the student writes: that is their work, which the tests are there to read.
  /** @type {Set<string>} */
  const answerNames = new Set();
  for (const cell of reference.cells) {
    if (isSolution(cell) && cell.cell_type === "code") for (const name of topLevelNames(parse(cell.source))) answerNames.add(name);
  }
  // The course's ordinary cells (imports, data, plots) are not locked: as released they
  // are the course's; edited, they may still declare what the course's version declares.
  const courseSources = new Set();
  /** @type {Map<string, Map<string, string>>} */
  const courseDeclarationsByCellId = new Map();
  for (const cell of reference.cells) {
    if (cell.cell_type !== "code" || isSolution(cell) || isGrade(cell)) continue;
    courseSources.add(cell.source);
    if (typeof cell.id === "string") courseDeclarationsByCellId.set(cell.id, topLevelDeclarations(parse(cell.source)));
  }
  const stubs = new Map(student.cells.filter((cell) => gradeId(cell)).map((cell) => [gradeId(cell), cell.source]));
  // the names of the course's code as released (no solution, no hidden test), which validate,
  // reading the released notebook, and the graders then count alike
  const courseCodeNames = namesIn(student);
  /** @type {Rejection[]} */
  const rejections = [];
  submission.cells.forEach((cell, index) => {
    if (!writtenByStudent(cell) || !cell.source.trim() || courseSources.has(cell.source)) return;
    // a cell too long to be anything but data is rejected as such before it is parsed: its syntax
    // tree alone could fill the grader's memory (token-count.mjs), and the rule below rejects it anyway
    if (scannedTokens(cell.source, MAX_SCANNED_TOKENS) > MAX_SCANNED_TOKENS) {
      reject(
        index,
        `holds data, not code: more than ${MAX_SCANNED_TOKENS} tokens in this cell alone (the notebook's own cells may hold at most ${MAX_WRITTEN_TOKENS}; ` +
          "the course's answers take a few hundred), and a table of values made elsewhere is not the work; compute the values in your code",
      );
      return;
    }
    // the cell id is the submission's to write: a name is the course's only where this cell declares
    // it as the course's cell of that id does (the same import, or the same statement)
    const courseDeclarations = (typeof cell.id === "string" && courseDeclarationsByCellId.get(cell.id)) || new Map();
    const courseNames = new Set();
    try {
      for (const [name, declared] of topLevelDeclarations(parse(cell.source))) if (courseDeclarations.get(name) === declared) courseNames.add(name);
    } catch (error) {
      if (!(error instanceof RangeError)) throw error; // too deep to read: rejectionReason says so
    }
    const reason = rejectionReason(cell.source, { protectedNames, protectedTypes, ownNames: new Set([...answerNames, ...courseNames]), guardedNames });
    if (!reason) return;
    reject(index, reason);
  });
  // a table split over several cells is the notebook's: its cells that hold the data are rejected
  const rejectedAlready = new Set(rejections.map((rejection) => rejection.index));
  const data = submission.cells.map((cell, index) =>
    writtenByStudent(cell) && !courseSources.has(cell.source) && !rejectedAlready.has(index)
      ? writtenData(cell.source, courseCodeNames)
      : { numbers: 0, characters: 0, tokens: 0 },
  );
  const numbers = data.reduce((sum, cell) => sum + cell.numbers, 0);
  const characters = data.reduce((sum, cell) => sum + cell.characters, 0);
  const tokens = data.reduce((sum, cell) => sum + cell.tokens, 0);
  if (numbers > MAX_WRITTEN_NUMBERS || characters > MAX_STRING_CHARACTERS || tokens > MAX_WRITTEN_TOKENS) {
    const what =
      numbers > MAX_WRITTEN_NUMBERS
        ? `${numbers} numbers written out in code (at most ${MAX_WRITTEN_NUMBERS})`
        : characters > MAX_STRING_CHARACTERS
          ? `${characters} characters of strings, comments and names (at most ${MAX_STRING_CHARACTERS}; a character beyond ASCII counts as its UTF-8 bytes, and each name written counts one more)`
          : `${tokens} tokens of code (at most ${MAX_WRITTEN_TOKENS}; the course's answers take a few hundred)`;
    const reason = `holds data, not code: the notebook's own cells hold ${what}, and a table of values made elsewhere is not the work; compute the values in your code`;
    // every cell that holds much of it, then, largest share first, the others until what runs is
    // within the limits: a table split into cells of 19 numbers each (3,820 in 201 cells) passed
    // chapter 3 when only cells of 20 or more were rejected
    const share = (/** @type {{ numbers: number, characters: number, tokens: number }} */ cell) =>
      Math.max(cell.numbers / MAX_WRITTEN_NUMBERS, cell.characters / MAX_STRING_CHARACTERS, cell.tokens / MAX_WRITTEN_TOKENS);
    const left = { numbers, characters, tokens };
    const take = (/** @type {number} */ index) => {
      reject(index, reason);
      left.numbers -= data[index].numbers;
      left.characters -= data[index].characters;
      left.tokens -= data[index].tokens;
    };
    const large = (/** @type {{ numbers: number, characters: number, tokens: number }} */ cell) =>
      cell.numbers >= DATA_CELL_NUMBERS || cell.characters >= DATA_CELL_CHARACTERS || cell.tokens >= DATA_CELL_TOKENS;
    data.forEach((cell, index) => large(cell) && take(index));
    const rest = data.map((cell, index) => ({ cell, index })).filter(({ cell }) => !large(cell) && share(cell) > 0);
    rest.sort((a, b) => share(b.cell) - share(a.cell) || a.index - b.index);
    for (const { index } of rest) {
      if (left.numbers <= MAX_WRITTEN_NUMBERS && left.characters <= MAX_STRING_CHARACTERS && left.tokens <= MAX_WRITTEN_TOKENS) break;
      take(index);
    }
    rejections.sort((a, b) => a.index - b.index);
  }
  return rejections;

  /** @param {number} index @param {string} reason */
  function reject(index, reason) {
    const cell = submission.cells[index];
    const id = isSolution(cell) ? gradeId(cell) : undefined;
    rejections.push({ index, id, reason, source: cell.source });
    // the reason is one line (shown()), so the comment cannot end early and run what follows
    cell.source = (id && stubs.get(id)) ?? `// rejected by the autograder: this cell ${reason.replace(/[\r\n\u2028\u2029]+/g, " ")}`;
  }
}

/**
 * Every name (identifier) in the code cells of a notebook.
 * @param {Notebook} notebook
 */
function namesIn(notebook) {
  const names = new Set();
  for (const cell of notebook.cells) {
    if (cell.cell_type !== "code") continue;
    try {
      walk(parse(cell.source), (node) => {
        if (ts.isIdentifier(node) || ts.isPrivateIdentifier(node)) names.add(node.text);
      });
    } catch (error) {
      if (!(error instanceof RangeError)) throw error;
    }
  }
  return names;
}

/**
 * The message a rejection shows.
 * @param {Rejection} rejection
 */
export function rejectionMessage(rejection) {
  const what = rejection.id ? `the answer cell "${rejection.id}"` : `cell ${rejection.index + 1}`;
  const consequence = rejection.id ? "it was graded as not answered" : "it did not run";
  return `${what} was rejected: it ${rejection.reason}; ${consequence}. Solutions may use the course's library and plain TypeScript only`;
}

/**
 * After the run: each rejected cell shows its submitted source again, with the reason
 * as an error output.
 * @param {Notebook} executed changed in place @param {Rejection[]} rejections
 */
export function markRejectedCells(executed, rejections) {
  for (const rejection of rejections) {
    const cell = executed.cells[rejection.index];
    if (!cell) continue;
    const message = rejectionMessage(rejection);
    cell.source = rejection.source;
    cell.outputs = [{ output_type: "error", ename: "RejectedCell", evalue: message, traceback: [`\x1b[0;31mRejectedCell\x1b[0m: ${message}`] }];
    cell.execution_count = null;
  }
}
