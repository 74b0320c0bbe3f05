import { readFileSync, renameSync, writeFileSync } from "fs";
import { checkOptionNames } from "./checks";
import { checkFigure } from "./describe";
import type { Figure } from "./figure";
import { escapeXml } from "./svg/xml";

export interface HtmlOptions {
  /** The page's title. */
  title?: string;
  /**
   * "inline" (default) embeds plotly.js in the page, which then works offline;
   * { src } loads it from that URL instead (a much smaller page).
   */
  plotly?: "inline" | { src: string };
}

// The minified bundle when installed, else the full one of plotly.js-dist (this project's).
const BUNDLES = ["plotly.js-dist-min/plotly.min.js", "plotly.js-dist/plotly.js"];
let cachedBundle: string | undefined;

function plotlyBundle(): string {
  if (cachedBundle !== undefined) return cachedBundle;
  for (const bundle of BUNDLES) {
    let file: string;
    try {
      file = require.resolve(bundle);
    } catch {
      continue;
    }
    // "</script" would end the inline script early; "<\/script" means the same in JavaScript.
    cachedBundle = readFileSync(file, "utf8").replace(/<\/script/gi, "<\\/script");
    return cachedBundle;
  }
  throw new Error(
    `neural-mi toHTML: plotly.js is not installed (looked for ${BUNDLES.join(", ")}); ` +
      `run npm install plotly.js-dist, or pass { plotly: { src: "<URL of plotly.min.js>" } }`,
  );
}

/** JSON safe inside a <script> element. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, "\\u003c")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}

/** A standalone HTML page drawing the figures with plotly.js, for use outside notebooks. */
export function toHTML(figures: Figure | Figure[], options: HtmlOptions = {}): string {
  checkOptionNames(options, "toHTML", ["title", "plotly"]);
  const list = Array.isArray(figures) ? figures : [figures];
  if (list.length === 0) throw new Error("neural-mi toHTML: figures is empty; pass a figure or an array of figures");
  list.forEach((figure, i) => checkFigure(figure, Array.isArray(figures) ? `toHTML (figures[${i}])` : "toHTML"));
  const plotly = options.plotly ?? "inline";
  let script: string;
  if (plotly === "inline") script = `<script>${plotlyBundle()}</script>`;
  else if (plotly && typeof plotly.src === "string") script = `<script src="${escapeXml(plotly.src)}"></script>`;
  else throw new Error(`neural-mi toHTML: options.plotly must be "inline" or { src: URL }, got ${JSON.stringify(plotly)}`);
  const title = options.title ?? list[0].layout.title?.text ?? "neural-mi figures";
  const blocks = list.map((_, i) => `<div id="figure-${i}" class="figure"></div>`).join("\n");
  return [
    "<!DOCTYPE html>",
    '<html lang="en">',
    "<head>",
    '<meta charset="utf-8">',
    `<title>${escapeXml(title)}</title>`,
    "<style>body { font-family: Helvetica, Arial, sans-serif; margin: 24px; } .figure { margin-bottom: 24px; }</style>",
    script,
    "</head>",
    "<body>",
    blocks,
    "<script>",
    `const figures = ${scriptJson(list)};`,
    "figures.forEach((figure, i) => Plotly.newPlot(`figure-${i}`, figure));",
    "</script>",
    "</body>",
    "</html>",
    "",
  ].join("\n");
}

/** Writes `toHTML(figures, options)` to a file (atomically) and returns the file's path. */
export function writeHTML(path: string, figures: Figure | Figure[], options: HtmlOptions = {}): string {
  if (typeof path !== "string" || path === "") throw new Error("neural-mi writeHTML: path must be a file name such as \"plots.html\"");
  const page = toHTML(figures, options);
  const temporary = `${path}.${process.pid}.tmp`;
  try {
    writeFileSync(temporary, page);
    renameSync(temporary, path);
  } catch (error) {
    // node named the temporary file, not the path given
    const code = (error as { code?: string }).code;
    const reason = code === "ENOENT" ? "its folder does not exist; create it first or give another path" : code === "EACCES" ? "it may not be written here; give a path in a folder of yours" : String((error as Error).message);
    const refused = new Error(`neural-mi writeHTML: cannot write ${JSON.stringify(path)}: ${reason}.`);
    (refused as Error & { cause?: unknown }).cause = error;
    throw refused;
  }
  return path;
}
