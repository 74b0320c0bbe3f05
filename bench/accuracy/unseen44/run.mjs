// node bench/accuracy/unseen44/run.mjs [set pattern] [methods] [seeds] [out.jsonl]: the forty-fourth probe's sets through the
// chosen methods (../run-probe.mjs says what each line holds).
import { SETS } from "./sets.mjs";
import { runProbe } from "../run-probe.mjs";

await runProbe(SETS, process.argv.slice(2));
