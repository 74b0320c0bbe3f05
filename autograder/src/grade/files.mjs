// @ts-check
// The files of a submission folder: notebooks by name, and the other files
// that travel with them into the sandbox. Symbolic links are never followed
// (one could point anywhere); checkpoints and packages are skipped.
import { lstatSync, readdirSync } from "node:fs";
import { join, relative } from "node:path";

const SKIPPED_FOLDERS = new Set([".ipynb_checkpoints", "node_modules", "__pycache__", ".git"]);

/**
 * @param {string} root
 * @returns {{ notebooks: { path: string, relative: string }[], others: { from: string, to: string, size: number }[], links: string[] }}
 */
export function listFiles(root) {
  /** @type {{ path: string, relative: string }[]} */
  const notebooks = [];
  /** @type {{ from: string, to: string, size: number }[]} */
  const others = [];
  /** @type {string[]} */
  const links = [];
  const walk = (/** @type {string} */ dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const path = join(dir, entry.name);
      const rel = relative(root, path);
      if (entry.isSymbolicLink()) links.push(rel);
      else if (entry.isDirectory()) {
        if (!SKIPPED_FOLDERS.has(entry.name)) walk(path);
      } else if (entry.isFile()) {
        if (entry.name.endsWith(".ipynb")) notebooks.push({ path, relative: rel });
        else others.push({ from: path, to: rel, size: lstatSync(path).size });
      }
    }
  };
  walk(root);
  return { notebooks, others, links };
}
