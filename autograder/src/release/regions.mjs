// @ts-check
// Marked regions in a cell's source (BEGIN SOLUTION / END SOLUTION and the
// like). Delimiters match anywhere in a line, as in nbgrader, so
// `// BEGIN SOLUTION` works in TypeScript.

export class RegionError extends Error {
  /** @param {string} message */
  constructor(message) {
    super(message);
    this.name = "RegionError";
  }
}

/**
 * Replaces each region by `replacement` lines (indented like the BEGIN line),
 * or drops it when `replacement` is null. Returns the new source and whether a
 * region was found.
 * @param {string} source
 * @param {{ begin: string, end: string, replacement: string[] | null, what: string }} region
 * @returns {{ source: string, found: boolean }}
 */
export function replaceRegions(source, { begin, end, replacement, what }) {
  /** @type {string[]} */
  const kept = [];
  let inside = false;
  let found = false;
  for (const line of source.split("\n")) {
    if (line.includes(begin)) {
      if (inside) throw new RegionError(`nested "${begin}" in a ${what} region`);
      inside = true;
      found = true;
      if (replacement) {
        const indent = /^\s*/.exec(line)?.[0] ?? "";
        for (const stubLine of replacement) kept.push(indent + stubLine);
      }
    } else if (line.includes(end)) {
      inside = false;
    } else if (!inside) {
      kept.push(line);
    }
  }
  if (inside) throw new RegionError(`"${begin}" without a matching "${end}"`);
  return { source: kept.join("\n"), found };
}
