// @ts-check
import { readFileSync } from "node:fs";
import { stubsPath } from "../util/paths.mjs";

/** The stubs shared with nbgrader_config.py. @returns {import("./pipeline.mjs").Stubs} */
export function loadStubs() {
  return JSON.parse(readFileSync(stubsPath, "utf8"));
}
