// node bench/accuracy/unseen8/run.mjs [set pattern] [methods] [seeds] [out.jsonl]: the eighth probe's
// sets through every method (../run-probe.mjs says what each line holds).
import { SETS, SETS2, SETS3, SETS4, SETS5, SETS6 } from "./sets.mjs";
import { runProbe } from "../run-probe.mjs";

await runProbe([...SETS, ...SETS2, ...SETS3, ...SETS4, ...SETS5, ...SETS6], process.argv.slice(2));
