// @ts-check
// node autograder/src/nbgrader/source-problems.mjs < notebook.json
// The problems `npm run release` refuses a source notebook for (src/release/check-metadata.mjs), for
// nbgrader's generate_assignment (source_checks.py): prints them as a JSON list of sentences.
import { readFileSync } from "node:fs";
import { parseNotebook } from "../notebook/format.mjs";
import { courseMetadataProblems } from "../release/check-metadata.mjs";

process.stdout.write(JSON.stringify(courseMetadataProblems(parseNotebook(readFileSync(0, "utf8")))));
