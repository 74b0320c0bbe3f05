/**
 * How much code, text and metadata a student handed in: the notebook file read as JSON, each cell's
 * outputs left out (both graders clear them), written back compactly (no spaces, no line breaks), in
 * UTF-8 bytes. src/nbgrader/refused_notebooks.py measures the same (`work_bytes`) and refuses past
 * the same bound with the same words, so that the two graders agree on a notebook. (Measured on the
 * notebook written out one entry a line, as the runner gets it, 20 MB of short headings in a 30 MB
 * file came to 104.9 MB and were refused here, and nbgrader graded them.)
 */

/**
 * @param {unknown} value
 * @returns {value is Record<string, any>}
 */
const isObject = (value) => typeof value === "object" && value !== null && !Array.isArray(value);

/** @param {unknown} cell */
const withoutOutputs = (cell) => {
  if (!isObject(cell) || !("outputs" in cell)) return cell;
  const { outputs: _outputs, ...rest } = cell;
  return rest;
};

/**
 * @param {string} text a notebook's text that JSON.parse reads (nbformat 4, or 3 with worksheets)
 * @returns {number}
 */
export function workBytes(text) {
  const data = JSON.parse(text);
  if (!isObject(data)) return Buffer.byteLength(JSON.stringify(data));
  const read = { ...data };
  if (Array.isArray(read.cells)) read.cells = read.cells.map(withoutOutputs);
  if (Array.isArray(read.worksheets)) {
    read.worksheets = read.worksheets.map((/** @type {unknown} */ sheet) =>
      isObject(sheet) && Array.isArray(sheet.cells) ? { ...sheet, cells: sheet.cells.map(withoutOutputs) } : sheet,
    );
  }
  return Buffer.byteLength(JSON.stringify(read));
}

/**
 * Why a notebook of `bytes` of work is refused, past `limitMb`, or null; in nbgrader's words too.
 * @param {number} bytes
 * @param {number} limitMb
 */
export function workSizeReason(bytes, limitMb) {
  if (bytes <= limitMb * 2 ** 20) return null;
  // rounded up to a tenth, as whole numbers, so that Python writes the same figure
  const tenths = Math.ceil((bytes * 10) / 2 ** 20);
  return (
    `without its outputs the notebook has ${Math.floor(tenths / 10)}.${tenths % 10} MB of code, text and metadata, ` +
    `over the ${limitMb} MB a notebook may have; remove what is not part of the work and resubmit`
  );
}
