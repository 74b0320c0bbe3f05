// node bench/accuracy/unseen10/run.mjs [set pattern] [methods] [seeds] [out.jsonl]: the tenth probe's
// sets through every method (../run-probe.mjs says what each line holds).
import { SETS, SETS2, LARGE } from "./sets.mjs";
import { runProbe } from "../run-probe.mjs";

await runProbe([...SETS, ...SETS2, ...LARGE], process.argv.slice(2));
