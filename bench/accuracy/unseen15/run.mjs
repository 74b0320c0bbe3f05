// node bench/accuracy/unseen15/run.mjs [set pattern] [methods] [seeds] [out.jsonl]: the fifteenth probe's sets
// through every method (../run-probe.mjs says what each line holds).
import { CURVES, SETS } from "./sets.mjs";
import { runProbe } from "../run-probe.mjs";

await runProbe([...CURVES, ...SETS], process.argv.slice(2));
