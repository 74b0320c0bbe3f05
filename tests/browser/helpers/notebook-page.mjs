// What the browser test does with, and reads from, a notebook open in JupyterLab. The page
// is read two ways: the DOM (what the student sees) and the notebook model through
// window.jupyterapp (what the kernel sent), so that one can be checked against the other.

const STDERR_MIME = "application/vnd.jupyter.stderr";
export const PLOTLY_MIME = "application/vnd.plotly.v1+json";

/** Opens a notebook in its own JupyterLab workspace and waits for its kernel to be idle. */
export async function openNotebook(page, lab, file, { timeoutMs = 180_000 } = {}) {
  const workspace = file.replace(/\.ipynb$/, "").replace(/[^A-Za-z0-9-]/g, "-");
  await page.goto(lab.page(`/lab/workspaces/${workspace}/tree/${encodeURIComponent(file)}`));
  await page.waitForFunction(
    (name) => {
      const panel = window.jupyterapp?.shell?.currentWidget;
      return panel?.context?.path === name && panel.sessionContext?.session?.kernel?.status === "idle";
    },
    file,
    { timeout: timeoutMs, polling: 250 },
  );
}

/** The kernel as the page shows it: session kernel, its display name, the toolbar label. */
export function kernelShown(page) {
  return page.evaluate(() => {
    const panel = window.jupyterapp.shell.currentWidget;
    const label = panel.node.querySelector(".jp-Toolbar-kernelName");
    return {
      name: panel.sessionContext.session.kernel.name,
      displayName: panel.sessionContext.kernelDisplayName,
      toolbarLabel: label ? label.textContent.trim() : null,
    };
  });
}

/** Clicks Run › Run All Cells in the menu bar. */
export async function runAllFromMenu(page) {
  await page.locator(".lm-MenuBar-itemLabel", { hasText: /^Run$/ }).click();
  await page.locator(".lm-Menu-itemLabel", { hasText: /^Run All Cells$/ }).click();
}

/**
 * Records, from now on, every state of the outputs that are drawn as SVG (the live training
 * curve while it trains) and when they turn into plotly plots. A MutationObserver sees each
 * redraw however fast training runs; polling could miss some.
 */
export function startOutputRecorder(page) {
  return page.evaluate(() => {
    const notebook = window.jupyterapp.shell.currentWidget.content.node;
    const hash = (text) => {
      let h = 0;
      for (let i = 0; i < text.length; i++) h = (Math.imul(h, 31) + text.charCodeAt(i)) | 0;
      return (h >>> 0).toString(16);
    };
    const record = { states: {} };
    const note = () => {
      const cells = notebook.querySelectorAll(".jp-Cell");
      cells.forEach((cell, cellIndex) => {
        cell.querySelectorAll(".jp-OutputArea-child").forEach((child, outputIndex) => {
          const output = child.querySelector(".jp-OutputArea-output");
          if (!output) return;
          const mime = output.getAttribute("data-mime-type");
          const key = `${cellIndex}:${outputIndex}`;
          let state = null;
          if (mime === "image/svg+xml") state = `svg ${hash(output.innerHTML)}`;
          else if (output.querySelector(".js-plotly-plot .main-svg")) state = "plotly";
          const seen = record.states[key];
          // Only outputs that were SVG at some point are followed (the live curves).
          if (state === null || (!seen && !state.startsWith("svg"))) return;
          if (!seen) record.states[key] = [state];
          else if (seen[seen.length - 1] !== state) seen.push(state);
        });
      });
    };
    const observer = new MutationObserver(note);
    observer.observe(notebook, { childList: true, subtree: true, characterData: true });
    window.__outputRecorder = { record, observer, note };
    // A kernel that dies is restarted by JupyterLab within a second; polling could miss it.
    const session = window.jupyterapp.shell.currentWidget.sessionContext;
    window.__kernelStatuses = [];
    session.statusChanged.connect((_, status) => window.__kernelStatuses.push(status));
  });
}

/** Stops the recorder; resolves to { "cell:output": [state, ...] }. */
export function stopOutputRecorder(page) {
  return page.evaluate(() => {
    const recorder = window.__outputRecorder;
    recorder.note();
    recorder.observer.disconnect();
    return recorder.record.states;
  });
}

/** Execution counts of the code cells, by cell index (null: not run). */
export function executionCounts(page) {
  return page.evaluate(() => {
    const model = window.jupyterapp.shell.currentWidget.content.model;
    const counts = {};
    for (let i = 0; i < model.cells.length; i++) {
      const cell = model.cells.get(i);
      if (cell.type === "code") counts[i] = cell.executionCount;
    }
    return counts;
  });
}

/**
 * Waits until no cell is queued or running and the kernel is idle, twice in a row, after
 * some work was seen: a running cell, a busy kernel, or an execution count that differs
 * from `before` (from executionCounts() taken before the cells were started), so that a
 * quick run is not missed and a slow start is not taken for the end.
 */
export async function waitForExecution(page, { before, timeoutMs, pollMs = 500 }) {
  const started = Date.now();
  let quiet = 0;
  let sawWork = false;
  while (Date.now() - started < timeoutMs) {
    const state = await page.evaluate((previous) => {
      const panel = window.jupyterapp.shell.currentWidget;
      const prompts = [...panel.content.node.querySelectorAll(".jp-InputArea-prompt")];
      const model = panel.content.model;
      let changed = 0;
      for (const [index, count] of Object.entries(previous)) {
        if (model.cells.get(Number(index))?.executionCount !== count) changed++;
      }
      return {
        busy: prompts.filter((p) => p.textContent.includes("*")).length,
        changed,
        status: panel.sessionContext.session?.kernel?.status ?? "none",
        died: (window.__kernelStatuses ?? []).some((s) => ["dead", "autorestarting", "restarting"].includes(s)),
      };
    }, before);
    if (state.died) throw new Error("the kernel died while cells ran (JupyterLab restarted it); see artifacts/browser/jupyterlab.log");
    if (state.busy > 0 || state.status === "busy" || state.changed > 0) sawWork = true;
    if (["dead", "none", "autorestarting", "restarting"].includes(state.status)) {
      throw new Error(`the kernel is ${state.status} while cells run: it crashed or was shut down`);
    }
    quiet = sawWork && state.busy === 0 && state.status === "idle" ? quiet + 1 : 0;
    if (quiet >= 2) return (Date.now() - started) / 1000;
    await page.waitForTimeout(pollMs);
  }
  throw new Error(`cells were still running after ${timeoutMs / 1000} s`);
}

/** The code cells as the kernel left them: index, execution count, outputs (type, MIME types, error). */
export function modelCells(page) {
  return page.evaluate(() => {
    const model = window.jupyterapp.shell.currentWidget.content.model;
    const cells = [];
    for (let i = 0; i < model.cells.length; i++) {
      const cell = model.cells.get(i);
      const entry = { index: i, type: cell.type, source: cell.sharedModel.getSource(), metadata: cell.sharedModel.getMetadata() };
      if (cell.type === "code") {
        entry.executionCount = cell.executionCount;
        entry.outputs = [];
        for (let j = 0; j < cell.outputs.length; j++) {
          const output = cell.outputs.get(j).toJSON();
          entry.outputs.push({
            type: output.output_type,
            name: output.name,
            mimes: Object.keys(output.data ?? {}),
            text: output.output_type === "stream" ? String(output.text).slice(0, 2000) : undefined,
            ename: output.ename,
            evalue: output.evalue,
          });
        }
      }
      cells.push(entry);
    }
    return cells;
  });
}

/**
 * What the page draws, per cell: outputs by MIME type, whether a plotly output holds a drawn
 * plot (its SVG, with a size and at least one trace), the text of red outputs; and MathJax.
 */
export function pageCells(page) {
  return page.evaluate((stderrMime) => {
    const notebook = window.jupyterapp.shell.currentWidget.content.node;
    return [...notebook.querySelectorAll(".jp-Cell")].map((cell, index) => {
      const outputs = [...cell.querySelectorAll(".jp-OutputArea-child")].map((child) => {
        const output = child.querySelector(".jp-OutputArea-output");
        const mime = output?.getAttribute("data-mime-type") ?? null;
        const svg = output?.querySelector(".js-plotly-plot .main-svg");
        const box = svg?.getBoundingClientRect();
        const traces = output ? output.querySelectorAll(".js-plotly-plot .trace, .js-plotly-plot .hm").length : 0;
        return {
          mime,
          plotlyDrawn: Boolean(svg && box.width > 50 && box.height > 50 && traces > 0),
          traces,
          text: mime === stderrMime || mime === "text/plain" ? output.textContent : undefined,
          background: mime === stderrMime ? getComputedStyle(output).backgroundColor : undefined,
        };
      });
      return {
        index,
        markdown: cell.classList.contains("jp-MarkdownCell"),
        math: cell.querySelectorAll("mjx-container").length,
        mathErrors: cell.querySelectorAll("mjx-merror").length,
        outputs,
      };
    });
  }, STDERR_MIME);
}

/**
 * Screenshots of the whole notebook: the file browser is closed and the viewport grown to the
 * notebook's full height (JupyterLab scrolls inside its own panel, so a "full page" shot of the
 * window alone would show one screen). Chromium captures at most about 16k pixels at once, so
 * a longer notebook is taken in parts: base.png, base-2.png, ... Resolves to the files written.
 */
export async function screenshotNotebook(page, base, { partHeight = 12_000 } = {}) {
  const viewport = page.viewportSize();
  const leftOpen = await page.evaluate(() => !window.jupyterapp.shell.leftCollapsed);
  if (leftOpen) await page.evaluate(() => window.jupyterapp.commands.execute("application:toggle-left-area"));
  const scrollTo = (top) =>
    page.evaluate((y) => {
      const panel = window.jupyterapp.shell.currentWidget;
      // The notebook scrolls in its windowed list's outer node.
      const scroller = panel.content.outerNode ?? panel.content.node.querySelector(".jp-WindowedPanel-outer");
      scroller.scrollTop = y;
      // The end of the last cell, not scrollHeight: JupyterLab lets the notebook scroll on
      // past its end by one window height (scrollPastEnd), which grows with the window.
      const cells = panel.content.node.querySelectorAll(".jp-Cell");
      const last = cells[cells.length - 1];
      const end = last
        ? last.getBoundingClientRect().bottom - scroller.getBoundingClientRect().top + scroller.scrollTop + 24
        : scroller.scrollHeight;
      return {
        total: Math.ceil(Math.min(end, scroller.scrollHeight)),
        top: scroller.scrollTop,
        client: scroller.clientHeight,
        chrome: window.innerHeight - scroller.clientHeight,
      };
    }, top);
  // Cells out of view have estimated heights (content-visibility); once in view they take
  // their real ones, so the window is grown until the notebook's height stops changing.
  let state = await scrollTo(0);
  for (let round = 0; round < 6; round++) {
    const height = Math.ceil(Math.min(state.total, partHeight) + state.chrome);
    await page.setViewportSize({ width: viewport.width, height });
    await page.waitForTimeout(1000); // plotly re-lays out its plots when the window is resized
    const previous = state.total;
    state = await scrollTo(0);
    if (Math.abs(state.total - previous) < 2 || state.total > partHeight) break;
  }
  const files = [];
  for (let part = 0; part < 20; part++) {
    const file = part === 0 ? `${base}.png` : `${base}-${part + 1}.png`;
    await page.waitForTimeout(300);
    await page.screenshot({ path: file });
    files.push(file);
    const after = await scrollTo(state.top);
    if (after.top + after.client >= after.total - 1) break;
    // The last part ends at the last cell (overlapping the part before) rather than
    // showing the empty space after it.
    state = await scrollTo(Math.min(after.top + after.client, after.total - after.client));
    if (state.top <= after.top) break;
  }
  await page.setViewportSize(viewport);
  if (leftOpen) await page.evaluate(() => window.jupyterapp.commands.execute("application:toggle-left-area"));
  return files;
}
