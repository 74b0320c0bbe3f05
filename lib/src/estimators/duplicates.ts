import type { Matrix64 } from "../data/matrix";

/**
 * The fewest exact copies of one row (x, y) that make it an atom of the joint distribution (a
 * point of positive probability: zero-inflated data, values censored at a point) rather than a
 * duplicated record.
 */
const ATOM_COPIES = 10;

/** Rows of m as numbers: equal rows share one id, ids numbered 0, 1, … by first occurrence. */
export function rowIds(m: Matrix64): { ids: Int32Array; distinct: number } {
  const { values, rows, cols } = m;
  const ids = new Int32Array(rows);
  // open addressing: slot → 1 + the first row of its id (0 empty)
  let size = 1;
  while (size < 2 * rows) size *= 2;
  const slots = new Int32Array(size);
  const firstRow: number[] = [];
  const bits = new Float64Array(1);
  const halves = new Uint32Array(bits.buffer);
  for (let i = 0; i < rows; i++) {
    let hash = 0x9e3779b9;
    for (let c = 0; c < cols; c++) {
      // -0 is 0 here, as it was in the rows' text
      bits[0] = values[i * cols + c] + 0;
      hash = Math.imul(hash ^ halves[0], 0x85ebca6b);
      hash = Math.imul(hash ^ halves[1], 0xc2b2ae35);
      hash ^= hash >>> 15;
    }
    let slot = hash & (size - 1);
    for (;;) {
      const held = slots[slot];
      if (held === 0) {
        slots[slot] = i + 1;
        ids[i] = firstRow.length;
        firstRow.push(i);
        break;
      }
      if (sameRow(values, cols, held - 1, i)) {
        ids[i] = ids[held - 1];
        break;
      }
      slot = (slot + 1) & (size - 1);
    }
  }
  return { ids, distinct: firstRow.length };
}

function sameRow(values: Float64Array, cols: number, a: number, b: number): boolean {
  for (let c = 0; c < cols; c++) if (values[a * cols + c] !== values[b * cols + c]) return false;
  return true;
}

/** Each row's values on one side (or both) as an id, and how many rows hold each id. */
interface Keys {
  ids: Int32Array;
  counts: Int32Array;
}

function keysOf(m: Matrix64): Keys {
  const { ids, distinct } = rowIds(m);
  const counts = new Int32Array(distinct);
  for (let i = 0; i < ids.length; i++) counts[ids[i]] += 1;
  return { ids, counts };
}

/** The rows (x, y) as ids: a row of two columns, x's id and y's. */
function jointKeys(x: Keys, y: Keys): Keys {
  const pairs = new Float64Array(2 * x.ids.length);
  for (let i = 0; i < x.ids.length; i++) {
    pairs[2 * i] = x.ids[i];
    pairs[2 * i + 1] = y.ids[i];
  }
  return keysOf({ values: pairs, rows: x.ids.length, cols: 2 });
}

function pick(m: Matrix64, rows: readonly number[]): Matrix64 {
  const values = new Float64Array(rows.length * m.cols);
  rows.forEach((r, k) => values.set(m.values.subarray(r * m.cols, (r + 1) * m.cols), k * m.cols));
  return { values, rows: rows.length, cols: m.cols };
}

/**
 * Whether some column of m takes at least half as many distinct values as m has distinct rows
 * (`distinctRows`): a continuous column, whose value alone nearly names its row. A side whose every
 * column takes few values (bits, answers on a scale, labels) has distinct rows only as combinations,
 * and a combination that recurs is an outcome, not a stored record.
 */
function hasContinuousColumn(m: Matrix64, distinctRows: number): boolean {
  for (let c = 0; c < m.cols; c++) {
    if (2 * distinctValues(m, c, () => true) >= distinctRows) return true;
  }
  return false;
}

/** How many distinct values column c of m takes among those that `counted` accepts. */
function distinctValues(m: Matrix64, c: number, counted: (v: number) => boolean): number {
  const column = new Float64Array(m.rows);
  let length = 0;
  for (let i = 0; i < m.rows; i++) {
    const v = m.values[i * m.cols + c];
    if (counted(v)) column[length++] = v;
  }
  return rowIds({ values: column, rows: length, cols: 1 }).distinct;
}

/**
 * The most a chance coincidence may explain, when every distinct row's count shares a factor g:
 * with k distinct rows whose counts are independent, all k counts divisible by g has a chance
 * of about g^−(k − 1). Below this, the data are taken as stored g times.
 */
const MULTIPLE_BY_CHANCE = 1e-3;

function gcd(a: number, b: number): number {
  while (b !== 0) [a, b] = [b, a % b];
  return a;
}

/**
 * x and y with one copy kept of each duplicated record, in two forms:
 *
 * - **some records stored several times**: a row (x, y) present 2 to ATOM_COPIES − 1 times whose
 *   x occurs in no other row (or whose y occurs in no other row), where x (or y) otherwise
 *   repeats no value (a continuous side; in discrete data a rare cell, x = 7 twice with the only
 *   y = 7, would look like a record, and in rounded data a value occurs beside several others), and
 *   some column of it is continuous (`hasContinuousColumn`: a vector of bits repeats its likeliest
 *   rows by chance, each beside one label, with every other row unique).
 *   Such copies are not draws of a distribution with atoms (an atom holds many copies): they
 *   are one draw stored several times (oversampled or merged records), and they carry no more
 *   information about the dependence than one copy. The continuous side may sit beside a
 *   discrete one: a continuous x with a binary y stored 5 times gave KSG 0.44 [0.39, ∞) for
 *   0.30 (seed 1) before, when only rows whose x and y both occurred nowhere else counted.
 * - **the whole data stored g times**: every distinct row present a multiple of g ≥ 2 times,
 *   with enough distinct rows that chance explains it less than once in 1000
 *   (MULTIPLE_BY_CHANCE): the form duplication takes in discrete data, where repeated rows are
 *   otherwise expected (Poisson counts, 200 draws stored 5 times: the neural methods'
 *   held-out estimate kept rising as the network memorised rows whose copies it trained on,
 *   and every standard error counted the copies). Each row keeps count/g of its copies, so the
 *   empirical distribution is the same and only the sample count changes; a coincidence
 *   (discrete data whose counts happen to share a factor) costs width, never honesty. Not when
 *   a side is balanced (each of its values equally often): a design, kept whole.
 *
 * Kept, copies pass for independent samples: they fall on both sides of the training/held-out
 * split, so the held-out part rewards a network that memorised its training rows, and every
 * standard error counts each copy as a new sample (200 Gaussian pairs of ρ = 0.5, 0.144 nats,
 * each stored 5 times: MINE 0.207 [0.134, 0.281] trusted, and 0.243 [0.190, 0.297] with copies
 * kept on one side of the split; independent pairs so stored: 0.03 and rising; KSG 0.45).
 * `note` says what was dropped.
 */
export function withoutDuplicatedRecords(x: Matrix64, y: Matrix64): { x: Matrix64; y: Matrix64; note?: string } {
  const keysX = keysOf(x);
  const keysY = keysOf(y);
  const joint = jointKeys(keysX, keysY);
  const n = x.rows;
  const copiesOf = (i: number) => joint.counts[joint.ids[i]];
  // the records whose value on one side occurs in no other row, where that side repeats no other value
  // and is continuous: a side of few-valued columns only (answers, bits, labels) repeats whole rows
  // by chance even where few of its rows coincide (8 labels sent as 30 noisy bits: the exact code word
  // recurs in 4 % of the rows, 138 of 1000 were taken as copies of 50 records and the clearest rows dropped)
  const records = new Uint8Array(n);
  let recordCount = 0;
  const markRecordsBySide = (side: Keys, m: Matrix64): void => {
    if (!hasContinuousColumn(m, side.counts.length)) return;
    const chosen = new Uint8Array(n);
    let candidates = 0;
    for (let i = 0; i < n; i++) {
      const copies = copiesOf(i);
      if (copies >= 2 && copies < ATOM_COPIES && side.counts[side.ids[i]] === copies) {
        chosen[i] = 1;
        candidates += 1;
      }
    }
    if (candidates === 0) return;
    // the other rows must repeat no value of this side
    const seen = new Uint8Array(side.counts.length);
    for (let i = 0; i < n; i++) {
      if (chosen[i] === 1) continue;
      if (seen[side.ids[i]] === 1) return;
      seen[side.ids[i]] = 1;
    }
    for (let i = 0; i < n; i++) {
      if (chosen[i] === 1 && records[i] === 0) {
        records[i] = 1;
        recordCount += 1;
      }
    }
  };
  markRecordsBySide(keysX, x);
  markRecordsBySide(keysY, y);
  if (recordCount > 0) {
    const seen = new Uint8Array(joint.counts.length);
    const kept: number[] = [];
    let distinct = 0;
    for (let i = 0; i < n; i++) {
      if (records[i] === 0) kept.push(i);
      else if (seen[joint.ids[i]] === 0) {
        seen[joint.ids[i]] = 1;
        kept.push(i);
        distinct += 1;
      }
    }
    return {
      x: pick(x, kept),
      y: pick(y, kept),
      note:
        `${x.rows - kept.length + distinct} rows are copies of ${distinct} records (a row present 2 to ${ATOM_COPIES - 1} times, its x or its y in no other row, ` +
        `where that side otherwise repeats no value): one copy of each was kept (${kept.length} samples), since copies are one draw, not independent ` +
        "samples; remove them before the call to silence this note.",
    };
  }
  // a side whose every value occurs equally often, fewer values than the copies of each, is a balanced
  // design (m samples of each class, y a function of the class: every count a multiple of m by design,
  // not by storing; 10 classes of 100 rows, y = class mod 3, kept 10 rows and was refused as too few),
  // which no rule here tells from a balanced design stored g times: kept whole
  // a design has few levels of many replicates each; a side of many values each present as often (100
  // Gaussian pairs each stored 10 times, rows shuffled: 100 values, 10 copies each) is records stored
  // that often, not a design (kept whole, MINE gave 0.377 [0.288, ∞) for 0.223, "still rising")
  const balanced = ({ counts }: Keys) => counts.length >= 2 && counts.every((c) => c === counts[0]) && counts.length < counts[0];
  const kept = { x, y, note: manyCopiesNote(joint, [keysX, x], [keysY, y]) };
  if (balanced(keysX) || balanced(keysY)) return kept;
  const factor = joint.counts.reduce(gcd);
  if (factor < 2 || (joint.counts.length - 1) * Math.log(factor) < Math.log(1 / MULTIPLE_BY_CHANCE)) return kept;
  const taken = new Int32Array(joint.counts.length);
  const everyFactorth: number[] = [];
  for (let i = 0; i < n; i++) {
    // every factor-th occurrence, so that copies stored next to each other give one row each
    if (taken[joint.ids[i]]++ % factor === 0) everyFactorth.push(i);
  }
  return {
    x: pick(x, everyFactorth),
    y: pick(y, everyFactorth),
    note:
      `every one of the ${joint.counts.length} distinct rows (x, y) is present a multiple of ${factor} times: the data look stored ${factor} times, so 1/${factor} ` +
      `of each row's copies was kept (${everyFactorth.length} samples, the same frequencies), since copies are one draw, not independent samples; ` +
      "remove them before the call to silence this note.",
  };
}

/** The fewest distinct rows, each copied ATOM_COPIES times or more, that make the note below: fewer are categories or atoms. */
const MANY_COPIED_ROWS = 20;

/**
 * Whether some column of m holds non-integer values, at least MANY_COPIED_ROWS distinct ones: a
 * measurement, not labels, counts or a handful of levels.
 */
function hasMeasuredColumn(m: Matrix64): boolean {
  for (let c = 0; c < m.cols; c++) {
    if (distinctValues(m, c, (v) => !Number.isInteger(v)) >= MANY_COPIED_ROWS) return true;
  }
  return false;
}

/**
 * A note, kept data unchanged, when most rows are copies of at least MANY_COPIED_ROWS distinct rows
 * (x, y) whose x (or y) is in no other row, in either form:
 *
 * - each present ATOM_COPIES times or more. Records stored a varying 10 to 20 times look so (100
 *   Gaussian pairs: MINE untrusted as "still rising", the reason naming no copies), and so do many
 *   categories of a discrete pair: no rule here tells which.
 * - present 2 times or more, some ATOM_COPIES times or more, on a side with a measured column
 *   (`hasMeasuredColumn`): a bootstrap resample or random oversampling (2500 rows drawn with
 *   replacement from 500 records, about 5 copies each, some 10 to 17). The copies of 10 or more
 *   look like atoms, so the records rule keeps every copy; KSG then answered 1.33 [1.24, ∞) for
 *   0.51, its reasons naming ties, not copies. Doses on no lattice in many levels, y a function of
 *   the dose, look the same; so the data stay whole.
 *
 * The note says what to do if they are stored records. Undefined otherwise.
 */
function manyCopiesNote(joint: Keys, ...sides: [Keys, Matrix64][]): string | undefined {
  const n = joint.ids.length;
  for (const [side, m] of sides) {
    for (const fewest of [ATOM_COPIES, 2]) {
      if (fewest < ATOM_COPIES && !hasMeasuredColumn(m)) continue;
      const copied = new Uint8Array(joint.counts.length);
      let copiedRows = 0;
      let copies = 0;
      let fewestCopies = Infinity;
      let mostCopies = -Infinity;
      for (let i = 0; i < n; i++) {
        const row = joint.ids[i];
        const count = joint.counts[row];
        if (count >= fewest && side.counts[side.ids[i]] === count) {
          copies += 1;
          if (copied[row] === 1) continue;
          copied[row] = 1;
          copiedRows += 1;
          fewestCopies = Math.min(fewestCopies, count);
          mostCopies = Math.max(mostCopies, count);
        }
      }
      if (copiedRows >= MANY_COPIED_ROWS && copies * 2 >= n && mostCopies >= ATOM_COPIES) {
        return (
          `${copies} of the ${n} rows are copies of ${copiedRows} distinct rows (x, y), each present ${fewestCopies} to ${mostCopies} ` +
          "times, its value on one side in no other row: if these are records stored several times (a bootstrap resample, oversampled rows), not " +
          "repeated outcomes, keep one copy of each before the call (every copy counts here as a sample, and copies fall on both sides of the " +
          "held-out split, where a network that memorised its training rows scores well)."
        );
      }
    }
  }
  return undefined;
}

/** For messages about the sample count: what it counts when duplicated records were dropped ("" otherwise). */
export function distinctOf(given: number, kept: number): string {
  return given === kept ? "" : ` (the distinct ones of the ${given} rows given: each duplicated record counts once)`;
}
