import type { Matrix64 } from "../data/matrix";

/**
 * The fewest exact copies of one row (x, y) that make it an atom of the joint distribution (a
 * point of positive probability: zero-inflated data, values censored at a point) rather than a
 * duplicated record.
 */
const ATOM_COPIES = 10;

function rowKey(m: Matrix64, i: number): string {
  return Array.from(m.values.subarray(i * m.cols, (i + 1) * m.cols)).join(",");
}

function counts(keys: readonly string[]): Map<string, number> {
  return keys.reduce((m, k) => m.set(k, (m.get(k) ?? 0) + 1), new Map<string, number>());
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
    const values = new Set<number>();
    for (let i = 0; i < m.rows; i++) values.add(m.values[i * m.cols + c]);
    if (2 * values.size >= distinctRows) return true;
  }
  return false;
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
  const keysX = Array.from({ length: x.rows }, (_, i) => rowKey(x, i));
  const keysY = Array.from({ length: y.rows }, (_, i) => rowKey(y, i));
  const joint = keysX.map((k, i) => `${k}|${keysY[i]}`);
  const cx = counts(keysX);
  const cy = counts(keysY);
  const cxy = counts(joint);
  const rows = Array.from({ length: x.rows }, (_, i) => i);
  // the records whose value on one side occurs in no other row, where that side repeats no other value
  // and is continuous: a side of few-valued columns only (answers, bits, labels) repeats whole rows
  // by chance even where few of its rows coincide (8 labels sent as 30 noisy bits: the exact code word
  // recurs in 4 % of the rows, 138 of 1000 were taken as copies of 50 records and the clearest rows dropped)
  const recordsBySide = (keys: string[], side: Map<string, number>, m: Matrix64): Set<number> => {
    if (!hasContinuousColumn(m, side.size)) return new Set();
    const candidate = rows.filter((i) => {
      const copies = cxy.get(joint[i]) as number;
      return copies >= 2 && copies < ATOM_COPIES && side.get(keys[i]) === copies;
    });
    if (candidate.length === 0) return new Set();
    const chosen = new Set(candidate);
    const others = rows.filter((i) => !chosen.has(i));
    return new Set(others.map((i) => keys[i])).size < others.length ? new Set() : chosen;
  };
  const records = new Set([...recordsBySide(keysX, cx, x), ...recordsBySide(keysY, cy, y)]);
  if (records.size > 0) {
    const seen = new Set<string>();
    const kept: number[] = [];
    let distinct = 0;
    for (const i of rows) {
      if (!records.has(i)) kept.push(i);
      else if (!seen.has(joint[i])) {
        seen.add(joint[i]);
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
  const balanced = (side: Map<string, number>) => {
    const each = new Set(side.values());
    return side.size >= 2 && each.size === 1 && side.size < [...each][0];
  };
  const kept = { x, y, note: manyCopiesNote(cxy, joint, [keysX, cx, x], [keysY, cy, y]) };
  if (balanced(cx) || balanced(cy)) return kept;
  const factor = [...cxy.values()].reduce(gcd);
  if (factor < 2 || (cxy.size - 1) * Math.log(factor) < Math.log(1 / MULTIPLE_BY_CHANCE)) return kept;
  const taken = new Map<string, number>();
  const everyFactorth = rows.filter((i) => {
    const so = taken.get(joint[i]) ?? 0;
    taken.set(joint[i], so + 1);
    // every factor-th occurrence, so that copies stored next to each other give one row each
    return so % factor === 0;
  });
  return {
    x: pick(x, everyFactorth),
    y: pick(y, everyFactorth),
    note:
      `every one of the ${cxy.size} distinct rows (x, y) is present a multiple of ${factor} times: the data look stored ${factor} times, so 1/${factor} ` +
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
    const values = new Set<number>();
    for (let i = 0; i < m.rows; i++) {
      const v = m.values[i * m.cols + c];
      if (!Number.isInteger(v)) values.add(v);
    }
    if (values.size >= MANY_COPIED_ROWS) return true;
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
function manyCopiesNote(cxy: Map<string, number>, joint: readonly string[], ...sides: [readonly string[], Map<string, number>, Matrix64][]): string | undefined {
  for (const [keys, side, m] of sides) {
    for (const fewest of [ATOM_COPIES, 2]) {
      if (fewest < ATOM_COPIES && !hasMeasuredColumn(m)) continue;
      const copied = new Set<string>();
      let copies = 0;
      joint.forEach((row, i) => {
        const count = cxy.get(row) as number;
        if (count >= fewest && side.get(keys[i]) === count) {
          copied.add(row);
          copies += 1;
        }
      });
      const counts = [...copied].map((row) => cxy.get(row) as number);
      if (copied.size >= MANY_COPIED_ROWS && copies * 2 >= joint.length && Math.max(...counts) >= ATOM_COPIES) {
        return (
          `${copies} of the ${joint.length} rows are copies of ${copied.size} distinct rows (x, y), each present ${Math.min(...counts)} to ${Math.max(...counts)} ` +
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
