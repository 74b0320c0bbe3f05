// node bench/accuracy/unseen25/run.mjs [set pattern] [methods] [seeds] [out.jsonl]: the twenty-fifth probe's sets (bmi's own
// benchmark tasks) through every method (../run-probe.mjs says what each line holds).
import { SETS } from "./sets.mjs";
import { runProbe } from "../run-probe.mjs";

await runProbe(SETS, process.argv.slice(2));
