// Reading the two descriptions of the Python environment into comparable form:
// { name -> version spec }, names normalised as pip does (case, "_" vs "-").
import fs from "node:fs";

export const normaliseName = (name) => name.toLowerCase().replace(/[-_.]+/g, "-");

// "jupyterlab>=4.2,<5" -> ["jupyterlab", ">=4.2,<5"]
export function splitRequirement(line) {
  const match = line.match(/^\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*(.*?)\s*$/);
  if (!match) throw new Error(`cannot read the requirement "${line}"`);
  return [normaliseName(match[1]), match[2].replace(/\s+/g, "")];
}

export function readRequirementsTxt(file) {
  const entries = fs
    .readFileSync(file, "utf8")
    .split("\n")
    .map((line) => line.replace(/#.*/, "").trim())
    .filter(Boolean)
    .map(splitRequirement);
  return new Map(entries);
}

/**
 * The subset of YAML environment.yml uses: top-level keys, "- item" lists, and one
 * nested "- pip:" list. Returns { name, channels, conda: Map, pip: Map }.
 */
export function readEnvironmentYml(file) {
  const result = { name: null, channels: [], conda: new Map(), pip: new Map() };
  let section = null;
  let inPip = false;
  for (const raw of fs.readFileSync(file, "utf8").split("\n")) {
    const line = raw.replace(/\s+#.*$/, "").replace(/^#.*$/, "");
    if (!line.trim()) continue;
    const top = line.match(/^([A-Za-z_]+):\s*(.*)$/);
    if (top) {
      section = top[1];
      inPip = false;
      if (section === "name") result.name = top[2].trim();
      continue;
    }
    const item = line.match(/^(\s*)-\s*(.+)$/);
    if (!item) throw new Error(`environment.yml: unexpected line "${raw}"`);
    const [, indent, value] = item;
    if (section === "channels") result.channels.push(value.trim());
    else if (section === "dependencies") {
      if (value.trim() === "pip:") inPip = true;
      else if (inPip && indent.length > 2) result.pip.set(...splitRequirement(value));
      else {
        inPip = false;
        result.conda.set(...splitRequirement(value));
      }
    }
  }
  return result;
}
