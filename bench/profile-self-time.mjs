// Self time per function, summed over the .cpuprofile files of a folder (node --cpu-prof):
//   node --cpu-prof --cpu-prof-dir=/tmp/prof --test tests/lib/honesty.test.mjs
//   node bench/profile-self-time.mjs /tmp/prof [how many rows, default 30]
import { readdirSync, readFileSync } from "node:fs";
import { join, basename } from "node:path";

const [folder, rows = "30"] = process.argv.slice(2);
if (!folder) throw new Error("usage: node bench/profile-self-time.mjs <folder of .cpuprofile files> [rows]");
const selfMs = new Map();
let totalMs = 0;
for (const file of readdirSync(folder).filter((name) => name.endsWith(".cpuprofile"))) {
  const { nodes, samples, timeDeltas } = JSON.parse(readFileSync(join(folder, file), "utf8"));
  const nameOf = new Map(nodes.map(({ id, callFrame: f }) => [id, `${f.functionName || "(anonymous)"} ${basename(f.url || "")}:${f.lineNumber + 1}`]));
  samples.forEach((id, i) => {
    const ms = timeDeltas[i] / 1000;
    totalMs += ms;
    selfMs.set(nameOf.get(id), (selfMs.get(nameOf.get(id)) ?? 0) + ms);
  });
}
console.log(`total ${(totalMs / 1000).toFixed(1)} s`);
for (const [name, ms] of [...selfMs].sort((a, b) => b[1] - a[1]).slice(0, Number(rows))) {
  console.log(`${(ms / 1000).toFixed(2).padStart(8)} s  ${name}`);
}
