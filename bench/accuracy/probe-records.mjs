// The unseen probes' data sets and the records of their calls, for the scripts that walk every probe
// (false-alarms.mjs, ksg-moving-rule/run.mjs).
import { existsSync, readdirSync, readFileSync } from "fs";

const here = new URL(".", import.meta.url).pathname;

/**
 * Each probe ../unseen<first> … ../unseen<last> that has a sets.mjs, in order: { probe: "unseen<p>", sets (its CURVES
 * and SETS), records (every line of its *.jsonl that reads as JSON) }.
 */
export async function* probesWithRecords(first, last) {
  for (let p = first; p <= last; p++) {
    const dir = `${here}unseen${p}/`;
    if (!existsSync(`${dir}sets.mjs`)) continue;
    const mod = await import(`${dir}sets.mjs`);
    const records = [];
    for (const file of readdirSync(dir).filter((f) => f.endsWith(".jsonl"))) {
      for (const text of readFileSync(`${dir}${file}`, "utf8").split("\n")) {
        let record;
        try { record = JSON.parse(text); } catch { continue; }
        if (record) records.push(record);
      }
    }
    yield { probe: `unseen${p}`, sets: [...(mod.CURVES ?? []), ...(mod.SETS ?? [])], records };
  }
}

/**
 * Every data set of the probes `probes` yields, drawn as the probes drew them (seeds 0 and 1), with the probe's
 * trusted-and-right calls: { probe, set, seed, data: { x, y }, ok }. A set that cannot be drawn is left out.
 */
export async function* probeDraws(probes) {
  for await (const { probe, sets, records } of probes) {
    const ok = records.filter((r) => r.verdict === "ok" && Number.isFinite(r.estimate) && Number.isFinite(r.lo));
    for (const set of sets) {
      for (const seed of [0, 1]) {
        let data;
        try {
          data = set.sample(seed);
        } catch {
          continue;
        }
        if (data?.x) yield { probe, set, seed, data, ok };
      }
    }
  }
}
