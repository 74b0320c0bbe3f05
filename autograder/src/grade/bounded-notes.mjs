// @ts-check
// A notebook's notes as the report keeps them: at most NOTES_PER_KIND of each kind, the rest counted
// in one note, and each note's text cut. The notes go into the student's result and into the class's
// report.json and summary.md, which are rewritten after every student; a notebook can make one note
// per cell, holding a name of its own choosing (a thousand cells claiming grade ids of 10 kB each,
// unknown to the course, each named twice in its note), and a few such notebooks in a class passed
// the longest string node can write.

export const NOTES_PER_KIND = 500;
const MAX_TEXT = 500;

/** @param {unknown} text */
const cut = (text) => (typeof text === "string" && text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT - 1)}…` : text);

/**
 * The notes bounded; bounding notes already bounded gives them unchanged (a notebook's notes are
 * bounded where it is read and again with its run's notes): a note counting the rest carries the
 * count, `omitted`, which a later bounding adds to its own.
 * @template {{ kind: string, message: string, cell?: string, omitted?: number }} N
 * @param {N[]} notes
 * @returns {N[]}
 */
export function boundedNotes(notes) {
  /** @type {Map<string, number>} */
  const seen = new Map();
  /** @type {Map<string, number>} */
  const omitted = new Map();
  /** @type {N[]} */
  const kept = [];
  for (const note of notes) {
    if (typeof note.omitted === "number") {
      omitted.set(note.kind, (omitted.get(note.kind) ?? 0) + note.omitted);
      continue;
    }
    const count = (seen.get(note.kind) ?? 0) + 1;
    seen.set(note.kind, count);
    if (count > NOTES_PER_KIND) continue;
    kept.push({ ...note, message: cut(note.message), ...(typeof note.cell === "string" ? { cell: cut(note.cell) } : {}) });
  }
  for (const kind of new Set([...seen.keys(), ...omitted.keys()])) {
    const more = Math.max(0, (seen.get(kind) ?? 0) - NOTES_PER_KIND) + (omitted.get(kind) ?? 0);
    if (more > 0) kept.push(/** @type {N} */ ({ kind, message: `and ${more} more notes of this kind (${kind}), not listed`, omitted: more }));
  }
  return kept;
}
