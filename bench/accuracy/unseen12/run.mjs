// node bench/accuracy/unseen12/run.mjs [set pattern] [methods] [seeds] [out.jsonl]: the twelfth probe's sets
// through every method (../run-probe.mjs says what each line holds).
import { SETS, SETS2, SETS3, LARGE } from "./sets.mjs";
import { runProbe } from "../run-probe.mjs";

await runProbe([...SETS, ...SETS2, ...SETS3, ...LARGE], process.argv.slice(2));
