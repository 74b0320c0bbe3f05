// node bench/accuracy/unseen3/run.mjs [set pattern] [methods] [seeds] [out.jsonl]: the probe's sets
// through every method (../run-probe.mjs says what each line holds).
import { SETS } from "../../../tests/lib/unseen3-sets.mjs";
import { runProbe } from "../run-probe.mjs";

await runProbe(SETS, process.argv.slice(2));
