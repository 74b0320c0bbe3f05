// The class list for `npm run hub -- --students-file <file>`: one user name per line (`#`
// starts a comment; blank lines are skipped), or a CSV export with a header row, from which
// the column naming the user is taken (the first of username, user, login, name, student).
import fs from "node:fs";
import { NAME_RULE, isUserName } from "./users.mjs";

const NAME_COLUMNS = ["username", "user", "login", "name", "student"];

// A CSV field: quoted ("..", with "" for a quote) or bare.
function csvFields(line) {
  const fields = [];
  const field = /\s*(?:"((?:[^"]|"")*)"|([^,]*))\s*(,|$)/y;
  for (;;) {
    const match = field.exec(line);
    if (!match) break;
    fields.push(match[1] !== undefined ? match[1].replace(/""/g, '"') : match[2].trim());
    if (match[3] === "") break;
  }
  return fields;
}

/**
 * The students named in a roster's text. Returns { students, column } (column: the CSV header
 * used, or undefined for a plain list); throws one error listing every bad line, with its
 * number and the rule, and every name given twice.
 */
export function parseRoster(text, where = "the class list") {
  const lines = text
    .replace(/^\uFEFF/, "")
    .split(/\r?\n/)
    .map((raw, i) => ({ number: i + 1, text: raw.replace(/#.*$/, "").trim() }))
    .filter((line) => line.text !== "");
  let column;
  let rows = lines.map((line) => ({ ...line, name: line.text }));
  if (lines.length > 0 && lines[0].text.includes(",")) {
    const header = csvFields(lines[0].text).map((field) => field.toLowerCase());
    // The most specific name first: "username" before "name", which may hold a full name.
    const index = header.indexOf(NAME_COLUMNS.find((name) => header.includes(name)));
    if (index < 0) {
      throw new Error(`${where}: line ${lines[0].number} looks like a CSV header (${header.join(", ")}) but no column is named ${NAME_COLUMNS.join(", ")}; name the column of user names so, or give one name per line`);
    }
    column = header[index];
    rows = lines.slice(1).map((line) => ({ ...line, name: csvFields(line.text)[index] ?? "" }));
  }
  const problems = rows.filter((row) => !isUserName(row.name)).map((row) => `  line ${row.number}: "${row.name}"`);
  const seen = new Map();
  for (const row of rows) seen.set(row.name, [...(seen.get(row.name) ?? []), row.number]);
  const twice = [...seen].filter(([, numbers]) => numbers.length > 1).map(([name, numbers]) => `  "${name}" on lines ${numbers.join(", ")}`);
  const report = [];
  if (problems.length > 0) report.push(`${problems.length} line(s) name no usable user name (${NAME_RULE}):`, ...problems);
  if (twice.length > 0) report.push(`${twice.length} name(s) given twice; give each student once:`, ...twice);
  if (report.length > 0) throw new Error(`${where}:\n${report.join("\n")}`);
  if (rows.length === 0) throw new Error(`${where} names no student: give one user name per line (or a CSV with a "username" column)`);
  return { students: rows.map((row) => row.name), column };
}

export function readRoster(file) {
  let text;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (error) {
    throw new Error(`--students-file ${file} cannot be read (${error.code ?? error.message}); give the path of the class list, one user name per line`);
  }
  return parseRoster(text, `--students-file ${file}`);
}
