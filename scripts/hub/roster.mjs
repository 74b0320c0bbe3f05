// The class list for `npm run hub -- --students-file <file>`: one user name per line (`#`
// starts a comment; blank lines are skipped), or an export with a header row, its fields
// separated by commas, semicolons or tabs, from which the column naming the user is taken
// (the first of username, user, login, name, student).
import fs from "node:fs";
import { NAME_RULE, isUserName, nameHint } from "./users.mjs";

const NAME_COLUMNS = ["username", "user", "login", "name", "student"];
// what an export's other columns are headed: a one-column export headed so holds no user names, and its header
// was read as a student's ("email", a user name as the rule goes)
const OTHER_COLUMNS = new Set(["email", "e-mail", "email address", "mail", "id", "student id", "student number", "sis user id", "sis login id", "netid", "full name", "first name", "last name", "surname", "section"]);

// An export's separators: a comma, a semicolon (spreadsheets where the comma is the decimal mark) or a tab.
const SEPARATORS = [",", ";", "\t"];

/** A CSV line's fields, quoted (`"..."`, with `""` for a quote) or bare, split at `separator`. */
function csvFields(line, separator) {
  const fields = [];
  let at = 0;
  for (;;) {
    while (line[at] === " ") at += 1;
    let value;
    if (line[at] === '"') {
      let end = at + 1;
      value = "";
      for (;;) {
        const quote = line.indexOf('"', end);
        if (quote < 0) {
          value += line.slice(end);
          end = line.length;
          fields.open = true; // the line ends inside this field's quotes
          break;
        }
        value += line.slice(end, quote);
        if (line[quote + 1] === '"') {
          value += '"';
          end = quote + 2;
        } else {
          end = quote + 1;
          break;
        }
      }
      const next = line.indexOf(separator, end);
      at = next < 0 ? line.length : next;
    } else {
      const next = line.indexOf(separator, at);
      value = (next < 0 ? line.slice(at) : line.slice(at, next)).trim();
      at = next < 0 ? line.length : next;
    }
    fields.push(value);
    if (at >= line.length) return fields;
    at += separator.length;
  }
}

/**
 * An export's records after its header: a field in quotes may hold line breaks (a notes column written
 * on two lines: its second line was taken for a student's, and the hub did not start), so a line ending
 * inside a field's quotes goes on to the next. Each record keeps the number of its first line; blank
 * ones and those starting with "#" are skipped, as in a plain list. A quote never closed is an error.
 */
function csvRecords(lines, separator, where) {
  const records = [];
  for (let at = 0; at < lines.length; at++) {
    const first = lines[at];
    let raw = first.raw;
    while (csvFields(raw, separator).open) {
      if (at + 1 >= lines.length) throw new Error(`${where}: line ${first.number} opens a quote (") that no later line closes; close it, or remove it`);
      at += 1;
      raw += `\n${lines[at].raw}`;
    }
    if (raw !== "" && !raw.startsWith("#")) records.push({ number: first.number, raw });
  }
  return records;
}

/** A one-field line's text, without the quotes a spreadsheet may put around it. */
const unquoted = (line) => line.replace(/^"(.*)"$/, "$1").trim();

/** The header's separator and the index of its column of user names, if `line` is an export's header. */
function csvHeader(line) {
  for (const separator of SEPARATORS) {
    const columns = csvFields(line, separator);
    const header = columns.map((field) => field.toLowerCase());
    const column = NAME_COLUMNS.find((name) => header.includes(name));
    // a one-column list headed "name" or "student" in lower case is a header too: read as a plain list's
    // first name, it made a student's account of that word
    if (column) return { separator, header, columns, index: header.indexOf(column) };
  }
  return undefined;
}

/**
 * The students named in a roster's text. Returns { students, column } (column: the CSV header
 * used, or undefined for a plain list); throws one error listing every bad line, with its
 * number and the rule, every name given twice, and every line naming the hub's `instructor`.
 */
export function parseRoster(text, where = "the class list", { instructor } = {}) {
  // lines end in LF, CRLF or a lone CR (a classic Mac spreadsheet's "CSV (Macintosh)": the whole list was one bad line)
  const all = text
    .replace(/^\uFEFF/, "")
    .split(/\r\n|\r|\n/)
    .map((raw, i) => ({ number: i + 1, raw: raw.trim() }));
  const lines = all.filter((line) => line.raw !== "" && !line.raw.startsWith("#"));
  // a plain list's "#" starts a comment; an export's fields may hold one ("Room #2")
  const withoutComment = (line) => line.raw.replace(/#.*$/, "").trim();
  let rows = lines.map((line) => ({ number: line.number, name: withoutComment(line) })).filter((row) => row.name !== "");
  const first = rows[0]?.name ?? "";
  const found = lines.length > 0 ? (csvHeader(lines[0].raw) ?? csvHeader(first)) : undefined;
  let column;
  if (found) {
    column = found.header[found.index];
    rows = csvRecords(all.slice(lines[0].number), found.separator, where).map((line) => ({ number: line.number, name: csvFields(line.raw, found.separator)[found.index] ?? "" }));
  } else if (OTHER_COLUMNS.has(unquoted(first).toLowerCase())) {
    const heading = unquoted(first);
    throw new Error(`${where}: line ${rows[0].number} is a column's header ("${heading}"), not a user name, and a column headed so holds no user names; give the students' user names instead, one a line, or in a column headed username (or ${NAME_COLUMNS.slice(1).join(", ")})`);
  } else if (SEPARATORS.some((separator) => first.includes(separator))) {
    const header = csvFields(first, SEPARATORS.find((separator) => first.includes(separator))).map((field) => field.toLowerCase());
    throw new Error(`${where}: line ${rows[0].number} looks like a CSV header (${header.join(", ")}) but no column is named ${NAME_COLUMNS.join(", ")}; name the column of user names so, or give one name per line`);
  }
  const problems = rows.filter((row) => !isUserName(row.name)).map((row) => `  line ${row.number}: "${row.name}"${nameHint(row.name)}`);
  const seen = new Map();
  for (const row of rows) seen.set(row.name, [...(seen.get(row.name) ?? []), row.number]);
  const twice = [...seen].filter(([, numbers]) => numbers.length > 1).map(([name, numbers]) => `  "${name}" on lines ${numbers.join(", ")}`);
  // a learning platform's export lists the teacher too: the row read as "named twice among the hub's users", no line named
  const teacher = rows.filter((row) => instructor !== undefined && row.name === instructor).map((row) => `  line ${row.number}: "${row.name}"`);
  const report = [];
  if (teacher.length > 0) {
    report.push(`${teacher.length} line(s) name the instructor (--instructor ${instructor}), who has no student's account: take the line out of the class list, or start with another --instructor:`, ...teacher);
  }
  if (problems.length > 0) {
    report.push(`${problems.length} line(s) name no usable user name (${NAME_RULE}):`, ...problems);
    // an export's header may name people in a column the list matched ("Student" in Canvas's, beside "SIS Login ID")
    if (found) report.push(`  (read from the column "${found.columns[found.index]}" of the header on line ${lines[0].number}, of: ${found.columns.join(", ")}; if the user names are in another column, rename that column's header to username)`);
  }
  if (twice.length > 0) report.push(`${twice.length} name(s) given twice; give each student once:`, ...twice);
  if (report.length > 0) throw new Error(`${where}:\n${report.join("\n")}`);
  if (rows.length === 0) throw new Error(`${where} names no student: give one user name per line (or a CSV with a "username" column)`);
  return { students: rows.map((row) => row.name), column };
}

/** A file's text: UTF-8, or UTF-16 with its byte-order mark (a spreadsheet's "Unicode text" export). */
function rosterText(bytes) {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder("utf-16le").decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder("utf-16be").decode(bytes.subarray(2));
  // UTF-16 saved without its byte-order mark: each character of its first line (ASCII) has a zero byte, after it
  // or before it (read as UTF-8, each name held NULs, reported as a control character)
  const head = bytes.subarray(0, Math.min(bytes.length, 64) & ~1);
  const zerosAt = (parity) => head.length >= 4 && head.every((byte, i) => (i % 2 === parity) === (byte === 0));
  if (zerosAt(1)) return new TextDecoder("utf-16le").decode(bytes);
  if (zerosAt(0)) return new TextDecoder("utf-16be").decode(bytes);
  return new TextDecoder("utf-8").decode(bytes);
}

export function readRoster(file, { instructor } = {}) {
  let text;
  try {
    text = rosterText(fs.readFileSync(file));
  } catch (error) {
    throw new Error(`--students-file ${file} cannot be read (${error.code ?? error.message}); give the path of the class list, one user name per line`);
  }
  return parseRoster(text, `--students-file ${file}`, { instructor });
}

/** Edits (a letter added, removed, changed, or two side by side swapped) from `a` to `b`. */
function edits(a, b) {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

/**
 * What a start's list changes against the users of earlier starts (`before`, users.json's names): { gone, added,
 * alike: [[gone, added], ...] }, alike pairing a name taken off with a new one a typo away (alice and alcie). A list
 * edited mid-semester with a typo took the student off it (logged out) and made a stranger with an empty home, with
 * nothing said but the two names on lines of their own.
 */
export function listChanges(before, listed) {
  const gone = before.filter((name) => !listed.includes(name));
  const added = before.length === 0 ? [] : listed.filter((name) => !before.includes(name));
  const alike = gone.flatMap((old) => added.filter((name) => edits(old, name) <= (Math.min(old.length, name.length) >= 6 ? 2 : 1)).map((name) => [old, name]));
  return { gone, added, alike };
}
