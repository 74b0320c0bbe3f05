// The thirtieth unseen probe's sets: the twenty-fifth probe's (bmi's own benchmark tasks, ../unseen25/sets.mjs, with
// their truths) drawn at bmi's own sample size, n = 5000, by the same generator and standardisation.
import { setsAt } from "../unseen25/sets.mjs";

export const SETS = setsAt(5000);
