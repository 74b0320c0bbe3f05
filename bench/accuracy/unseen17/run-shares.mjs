// node bench/accuracy/unseen17/run-shares.mjs [set pattern] [methods] [seeds] [out.jsonl]: the second round's sets
// (shares-sets.mjs) through every method (../run-probe.mjs says what each line holds).
import { SETS } from "./shares-sets.mjs";
import { runProbe } from "../run-probe.mjs";

await runProbe(SETS, process.argv.slice(2));
