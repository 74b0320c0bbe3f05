// node bench/accuracy/unseen11/run.mjs [set pattern] [methods] [seeds] [out.jsonl]: the eleventh probe's sets
// through every method (../run-probe.mjs says what each line holds).
import { SETS, SETS2, LARGE, SETS3, LARGE3, SETS4, SETS5 } from "./sets.mjs";
import { runProbe } from "../run-probe.mjs";

await runProbe([...SETS, ...SETS2, ...LARGE, ...SETS3, ...LARGE3, ...SETS4, ...SETS5], process.argv.slice(2));
