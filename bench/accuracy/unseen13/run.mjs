// node bench/accuracy/unseen13/run.mjs [set pattern] [methods] [seeds] [out.jsonl]: the thirteenth probe's sets
// through every method (../run-probe.mjs says what each line holds).
import { EXACT, SETS, BAD, SETS2, SETS3 } from "./sets.mjs";
import { runProbe } from "../run-probe.mjs";

await runProbe([...EXACT, ...SETS, ...BAD, ...SETS2, ...SETS3], process.argv.slice(2));
