// Reading the page's and the model's state into lists of problems, each one line that says
// which cell and what is wrong (an empty list: all is well).
import { PLOTLY_MIME } from "./notebook-page.mjs";

const codeCellsOf = (model) => model.filter((c) => c.type === "code");

export function cellsNotRun(model) {
  return codeCellsOf(model)
    .filter((c) => typeof c.executionCount !== "number")
    .map((c) => `cell ${c.index} did not run: ${firstLine(c.source)}`);
}

/** Error outputs and stderr in the model, and red outputs in the page. */
export function errorsShown(model, cells) {
  const problems = [];
  for (const cell of codeCellsOf(model)) {
    for (const output of cell.outputs) {
      if (output.type === "error") problems.push(`cell ${cell.index}: ${output.ename}: ${output.evalue}`);
      if (output.type === "stream" && output.name === "stderr") problems.push(`cell ${cell.index} wrote to stderr: ${output.text.trim()}`);
    }
  }
  for (const cell of cells) {
    for (const output of cell.outputs) {
      if (output.mime === "application/vnd.jupyter.stderr") {
        problems.push(`cell ${cell.index} shows a red output: ${output.text.trim().slice(0, 500)}`);
      }
    }
  }
  return [...new Set(problems)];
}

/** Every plotly output the kernel sent is drawn in the page, at the same cell and position. */
export function plotsNotDrawn(model, cells) {
  const problems = [];
  for (const cell of codeCellsOf(model)) {
    cell.outputs.forEach((output, j) => {
      if (!output.mimes.includes(PLOTLY_MIME)) return;
      const shown = cells[cell.index]?.outputs[j];
      if (!shown) problems.push(`cell ${cell.index}, output ${j}: a plotly figure is in the notebook but not in the page`);
      else if (!shown.plotlyDrawn) {
        problems.push(`cell ${cell.index}, output ${j}: the plotly figure is not drawn (shown as ${shown.mime}, ${shown.traces} traces)`);
      }
    });
  }
  return problems;
}

export const plotlyOutputs = (model) =>
  codeCellsOf(model).reduce((n, c) => n + c.outputs.filter((o) => o.mimes.includes(PLOTLY_MIME)).length, 0);

/** Outputs left as the static SVG of a live curve: its finish() never sent the plotly figure. */
export function curvesLeftStatic(model) {
  const problems = [];
  for (const cell of codeCellsOf(model)) {
    cell.outputs.forEach((output, j) => {
      if (output.mimes.includes("image/svg+xml") && !output.mimes.includes(PLOTLY_MIME)) {
        problems.push(`cell ${cell.index}, output ${j}: still a static SVG at the end (the live curve was not finished)`);
      }
    });
  }
  return problems;
}

/**
 * The live training curves seen during the run ({ "cell:output": states }, from the output
 * recorder): each must have been an SVG and ended as a plotly plot; `cellsWithCurves` (cells
 * whose code makes a training curve) must each have one; one at least must have redrawn.
 */
export function liveCurveProblems(states, cellsWithCurves) {
  const problems = [];
  const seen = Object.entries(states).map(([key, list]) => ({
    cell: Number(key.split(":")[0]),
    key,
    svgStates: new Set(list.filter((s) => s.startsWith("svg"))).size,
    last: list[list.length - 1],
  }));
  for (const index of cellsWithCurves) {
    if (!seen.some((s) => s.cell === index)) problems.push(`cell ${index} makes a training curve, but no live (SVG) curve appeared in it`);
  }
  for (const s of seen) {
    if (s.last !== "plotly") problems.push(`output ${s.key}: the live curve did not become a plotly plot at the end (last: ${s.last})`);
  }
  if (cellsWithCurves.length > 0 && !seen.some((s) => s.svgStates >= 2)) {
    problems.push("no training curve was seen redrawn while training ran (every live curve showed at most one state)");
  }
  return problems;
}

/** Markdown with `$…$` or `$$…$$` (outside code) must hold MathJax output, without errors. */
export function mathProblems(model, cells) {
  const problems = [];
  for (const cell of model.filter((c) => c.type === "markdown")) {
    const prose = cell.source.replace(/```[\s\S]*?```/g, "").replace(/`[^`\n]*`/g, "");
    if (!/\$[^$\n]+\$/.test(prose) && !/\$\$[\s\S]+?\$\$/.test(prose)) continue;
    const shown = cells[cell.index];
    if (!shown || shown.math === 0) problems.push(`markdown cell ${cell.index} has LaTeX but no rendered math: ${firstLine(cell.source)}`);
    else if (shown.mathErrors > 0) problems.push(`markdown cell ${cell.index}: MathJax reports ${shown.mathErrors} error(s)`);
  }
  return problems;
}

/**
 * The fixed parts of each `throw new Error(`…`)` message in a test cell's source, e.g.
 * ["groundTruth(", ") returned ", ", expected "] for `groundTruth(${rho}) returned ${got}, expected ${…}`.
 */
export function thrownMessageParts(source) {
  const messages = [...source.matchAll(/throw new Error\(\s*(`(?:[^`\\]|\\.)*`|"(?:[^"\\]|\\.)*")/g)].map((m) => m[1].slice(1, -1));
  return messages.map((text) => stripInterpolations(text).filter((part) => part.trim().length >= 3));
}

function stripInterpolations(text) {
  const parts = [];
  let depth = 0;
  let current = "";
  for (let i = 0; i < text.length; i++) {
    if (depth === 0 && text[i] === "$" && text[i + 1] === "{") {
      parts.push(current);
      current = "";
      depth = 1;
      i++;
    } else if (depth > 0) {
      if (text[i] === "{") depth++;
      else if (text[i] === "}") depth--;
    } else current += text[i];
  }
  parts.push(current);
  return parts;
}

/** True when `text` contains every part, in order. */
export function containsInOrder(text, parts) {
  let from = 0;
  for (const part of parts) {
    const at = text.indexOf(part, from);
    if (at < 0) return false;
    from = at + part.length;
  }
  return true;
}

/** "rgb(255, 221, 221)" is reddish; grey or white is not. */
export function isReddish(color) {
  const [r, g, b] = (color.match(/\d+(\.\d+)?/g) ?? []).map(Number);
  return r !== undefined && r > g + 15 && r > b + 15;
}

function firstLine(source) {
  const line = source.split("\n").find((l) => l.trim() !== "") ?? "";
  return line.length > 80 ? line.slice(0, 77) + "..." : line;
}
