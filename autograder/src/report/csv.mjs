// @ts-check
// RFC 4180 rows: fields with commas, quotes or line breaks are quoted.

/** @param {unknown} value */
function field(value) {
  const text = value === null || value === undefined ? "" : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** @param {unknown[]} values @returns {string} a line ending in CRLF */
export function csvRow(values) {
  return values.map(field).join(",") + "\r\n";
}
