// How often one of partialCopyWarning's checks (lib/src/estimators/partial-copies.ts) fires where it should
// not: on the data of the coverage tasks (20 seeds each) and of every unseen probe's sets (seeds 0 and 1,
// as the probes ran them), which data it flags, and how many trusted-and-right calls of the probes'
// records (their *.jsonl) fall on flagged data and would turn untrusted. Used by each probe's
// *-false-alarms.mjs, which names the check by the words of its warning.
import { readFileSync } from "fs";
import * as mi from "neural-mi";
import { partialCopyWarning } from "neural-mi/dist/estimators/partial-copies.js";
import { coverageTasks } from "./coverage/tasks.mjs";
import { probesWithRecords } from "./probe-records.mjs";

const here = new URL(".", import.meta.url).pathname;
const toMatrix = (rows) => {
  const r = Array.from(rows, (row) => (typeof row === "number" ? [row] : Array.from(row)));
  return { values: Float64Array.from(r.flat()), rows: r.length, cols: r[0].length };
};

/**
 * Prints the check's false alarms: `warning` is a phrase of its warning, `lastProbe` the last unseen probe read, `check`
 * the function giving the warning (partialCopyWarning unless given) from x and y as matrices.
 */
export async function reportFalseAlarms({ warning, lastProbe, check = partialCopyWarning }) {
  // data the library refuses (no rows, ragged rows) are not counted: it never reaches the check
  const flags = (x, y) => { try { return (check(toMatrix(x), toMatrix(y)) ?? "").includes(warning); } catch { return false; } };

  const TASKS = coverageTasks();
  // the coverage runs' records: data seed 1000·k + seed, as coverage/run.mjs draws them
  const coverageCalls = readFileSync(`${here}coverage/calls.jsonl`, "utf8").trim().split("\n").map((l) => JSON.parse(l));
  let draws = 0;
  let flagged = 0;
  let coverageOk = 0;
  let coverageTurned = 0;
  for (const [k, t] of TASKS.entries()) {
    for (let s = 0; s < 20; s++) {
      const { x, y } = t.task.sample(t.n, 1000 * k + s);
      draws += 1;
      const ok = coverageCalls.filter((r) => r.task === t.name && r.seed === s && r.trusted && r.held).length;
      coverageOk += ok;
      if (flags(x, y)) { flagged += 1; coverageTurned += ok; console.log(`coverage ${t.name} seed ${s}: flagged`); }
    }
  }
  console.log(`coverage tasks: ${flagged} of ${draws} data sets flagged; ${coverageTurned} of ${coverageOk} trusted-and-right calls (calls.jsonl) on flagged data`);

  let sets = 0;
  let setsFlagged = 0;
  let okCalls = 0;
  let okTurned = 0;
  for await (const { probe, sets: all, records: lines } of probesWithRecords(4, lastProbe)) {
    // every record of the probe (before and after its fixes), one per set, method and seed that was ever trusted and right
    const okKeys = new Set(lines.filter((r) => r.verdict === "ok").map((r) => `${r.set}|${r.method}|${r.seed}`));
    const records = [...okKeys].map((key) => { const [set, method, seed] = key.split("|"); return { set, method, seed: Number(seed), verdict: "ok" }; });
    for (const s of all) {
      for (const seed of [0, 1]) {
        let data;
        try { data = s.sample(seed); } catch { continue; }
        if (!data || !data.x) continue;
        sets += 1;
        const ok = records.filter((r) => r.set === s.name && r.seed === seed && r.verdict === "ok").length;
        okCalls += ok;
        if (!flags(data.x, data.y)) continue;
        setsFlagged += 1;
        okTurned += ok;
        console.log(`${probe} ${s.name} seed ${seed}: flagged (truth ${s.truth === Infinity ? "∞" : "finite"}; ${ok} trusted-and-right calls on it)`);
      }
    }
  }
  console.log(`probe sets: ${setsFlagged} of ${sets} data sets flagged; ${okTurned} of ${okCalls} trusted-and-right calls on flagged data`);
}
