// @ts-check
// How many tokens a cell's code has, counted by TypeScript's scanner alone: in time linear in the
// text and in constant memory, where a syntax tree of the same text takes memory in proportion to its
// tokens, several times over (a cell of 3 million tokens, 6 MB, took the reading of the code 52 s and
// 2.2 GB of the grader's heap, whose limit is about 4 GB; one of 10 million stopped the grader).
import { createRequire } from "node:module";

/** @type {typeof import("typescript")} */
const ts = createRequire(import.meta.url)("typescript");

/** Past this many of the scanner's tokens a cell is data whatever it holds (scannedTokens). */
export const MAX_SCANNED_TOKENS = 50_000;

/**
 * The scanner's tokens in `source`, counted up to `limit` + 1 at most. The scanner does not rescan
 * as the parser does (`>>>=` is four tokens to it, a regular expression's or a template's text is
 * scanned as code), so it counts at most 2.5 times the parser's tokens plus the characters of those
 * literals: more than 50,000 means more than the notebook's 12,000 tokens or 8,000 characters in
 * this cell alone (inspect-cells.mjs).
 * @param {string} source @param {number} limit
 */
export function scannedTokens(source, limit) {
  const scanner = ts.createScanner(ts.ScriptTarget.Latest, /* skipTrivia */ true, ts.LanguageVariant.Standard, source);
  let count = 0;
  while (count <= limit && scanner.scan() !== ts.SyntaxKind.EndOfFileToken) count += 1;
  return count;
}
