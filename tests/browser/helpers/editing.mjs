// Editing cells with the keyboard and mouse, as a student does (CodeMirror 6 in JupyterLab 4).

const cellLocator = (page, index) => page.locator(".jp-Notebook .jp-Cell").nth(index);

/**
 * Replaces what lies between the `// BEGIN SOLUTION` and `// END SOLUTION` lines of a code
 * cell by typing `line` over it (one line, so that editor auto-indentation cannot change it).
 */
export async function typeOverSolution(page, cellIndex, line) {
  const cell = cellLocator(page, cellIndex);
  await cell.scrollIntoViewIfNeeded();
  const lines = cell.locator(".cm-content .cm-line");
  const texts = await lines.allTextContents();
  const begin = texts.findIndex((t) => t.includes("BEGIN SOLUTION"));
  const end = texts.findIndex((t, i) => i > begin && t.includes("END SOLUTION"));
  if (begin < 0 || end < 0 || end === begin + 1) {
    throw new Error(`cell ${cellIndex} has no lines between BEGIN SOLUTION and END SOLUTION:\n${texts.join("\n")}`);
  }
  await lines.nth(begin + 1).click();
  await page.keyboard.press("Home");
  for (let i = begin + 2; i < end; i++) await page.keyboard.press("Shift+ArrowDown");
  await page.keyboard.press("Shift+End");
  await page.keyboard.type(line);
}

/** Clicks into a cell's editor and runs the cell with Shift+Enter. */
export async function runCell(page, cellIndex) {
  const cell = cellLocator(page, cellIndex);
  await cell.scrollIntoViewIfNeeded();
  await cell.locator(".cm-content").click();
  await page.keyboard.press("Shift+Enter");
}

/** Adds a code cell below the last one (command mode `b`) and leaves it in edit mode. */
export async function addCellAtEnd(page) {
  const count = await page.locator(".jp-Notebook .jp-Cell").count();
  const last = cellLocator(page, count - 1);
  await last.scrollIntoViewIfNeeded();
  await last.locator(".jp-InputPrompt").click();
  await page.keyboard.press("Escape");
  await page.keyboard.press("b");
  await page.waitForFunction((n) => document.querySelectorAll(".jp-Notebook .jp-Cell").length === n + 1, count);
  await page.keyboard.press("Enter");
  const added = cellLocator(page, count);
  await added.locator(".cm-editor.cm-focused").waitFor({ timeout: 10_000 });
  return added;
}

/** The text of the editor line holding the cursor in the active cell. */
export function currentLine(page) {
  return page.evaluate(() => {
    const editor = window.jupyterapp.shell.currentWidget.content.activeCell.editor;
    return editor.getLine(editor.getCursorPosition().line);
  });
}
