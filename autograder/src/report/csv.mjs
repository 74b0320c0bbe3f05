// @ts-check
// RFC 4180 rows: fields with commas, quotes, line breaks, semicolons or tabs are quoted. Text that a
// spreadsheet would read as a formula (a student folder named "=HYPERLINK(…)" or "-2+3")
// gets a leading apostrophe, which spreadsheets show as plain text; numbers stay numbers.
// The full-width signs count too: spreadsheets in East Asian locales take "＝" for "=".

// (after any spaces: a folder named " =HYPERLINK(…)" too)
const FORMULA_START = /^\s*[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;

/** @param {unknown} value */
function field(value) {
  let text = value === null || value === undefined ? "" : String(value);
  if (typeof value === "string" && FORMULA_START.test(text) && !Number.isFinite(Number(text))) text = `'${text}`;
  // a semicolon or tab is quoted too: spreadsheets in many European locales split CSV at ";", and a
  // folder named "eve;=1+1;" gave a cell of its own holding a formula
  return /[",;\t\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** @param {unknown[]} values @returns {string} a line ending in CRLF */
export function csvRow(values) {
  return values.map(field).join(",") + "\r\n";
}
