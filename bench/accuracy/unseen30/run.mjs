// node bench/accuracy/unseen30/run.mjs [set pattern] [methods] [seeds] [out.jsonl]: the twenty-fifth probe's sets at
// n = 5000 through the chosen methods (../run-probe.mjs says what each line holds).
import { SETS } from "./sets.mjs";
import { runProbe } from "../run-probe.mjs";

await runProbe(SETS, process.argv.slice(2));
