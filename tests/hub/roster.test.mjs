// The class list of `npm run hub -- --students-file` (scripts/hub/roster.mjs), the passwords
// file to hand out (scripts/hub/users.mjs) and the class in nbgrader's gradebook
// (scripts/hub/gradebook.mjs, with nbgrader's own database).
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, test } from "node:test";
import { addClassToGradebook } from "../../scripts/hub/gradebook.mjs";
import { listChanges, parseRoster, readRoster } from "../../scripts/hub/roster.mjs";
import { courseUsers, rememberedNames, writePasswordsFile } from "../../scripts/hub/users.mjs";

const folders = [];
const folder = () => {
  folders.push(fs.mkdtempSync(path.join(os.tmpdir(), "neural-mi-roster-")));
  return folders.at(-1);
};
after(() => folders.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

test("a plain list: one name a line, comments and blank lines skipped", () => {
  const text = "# Section A, autumn\nana\n\n  ben   # joined late\r\nchloe\n";
  assert.deepEqual(parseRoster(text), { students: ["ana", "ben", "chloe"], column: undefined });
});

test("a CSV export: the column named like a user name is taken, and said which", () => {
  assert.deepEqual(parseRoster("Name,Username\nAna Doe,ana\n"), { students: ["ana"], column: "username" }, "username before name, which may hold a full name");
  assert.deepEqual(parseRoster('Full name,Login,Email\n"Doe, Ana",ana,ana@uni.example\nBen Roe,ben,ben@uni.example\n'), { students: ["ana", "ben"], column: "login" });
  assert.deepEqual(parseRoster("\uFEFFid,username\n1,ana\n").students, ["ana"], "a spreadsheet's byte-order mark is no part of the header");
  assert.throws(() => parseRoster("email,section\nana@uni.example,A\n"), /line 1 looks like a CSV header \(email, section\) but no column is named username, user, login, name, student/);
  // one column: its header, in lower case a valid user name, was read as a student's
  assert.deepEqual(parseRoster("name\nana\nben\n"), { students: ["ana", "ben"], column: "name" });
  assert.deepEqual(parseRoster("student\r\nana\r\n"), { students: ["ana"], column: "student" });
  for (const heading of ["email", "Email", '"E-mail"', "id", "NetID"]) {
    assert.throws(
      () => parseRoster(`${heading}\nana\nben\n`),
      /line 1 is a column's header \("[^"]+"\), not a user name, and a column headed so holds no user names; give the students' user names instead, one a line, or in a column headed username/,
      heading,
    );
  }
});

// what learning-management systems and spreadsheets export besides a comma-separated file
test("an export separated by semicolons or tabs, a one-column export in quotes, and a UTF-16 file are read", () => {
  assert.deepEqual(parseRoster("Name;Username;Email\nAna Doe;ana;ana@uni.example\nBen Roe;ben;ben@uni.example\n"), { students: ["ana", "ben"], column: "username" });
  assert.deepEqual(parseRoster("Login\tEmail\r\nana\tana@uni.example\r\n"), { students: ["ana"], column: "login" });
  assert.deepEqual(parseRoster('"Username"\n"ana"\n"ben"\n'), { students: ["ana", "ben"], column: "username" });
  // a field of an export may hold "#", a plain list's comment may hold a separator
  assert.deepEqual(parseRoster("Room,Username\nRoom #2,ana\n").students, ["ana"]);
  assert.deepEqual(parseRoster("ana # joined late, from section B\nben\n"), { students: ["ana", "ben"], column: undefined });
  const dir = folder();
  const file = path.join(dir, "unicode-text.txt");
  fs.writeFileSync(file, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("Username\tFull name\r\nana\tAna Doe\r\n", "utf16le")]));
  assert.deepEqual(readRoster(file).students, ["ana"]);
  // saved without its byte-order mark, either way round (read as UTF-8, each name held NULs)
  fs.writeFileSync(file, Buffer.from("Username\tFull name\r\nana\tAna Mu\u00f1oz\r\n", "utf16le"));
  assert.deepEqual(readRoster(file).students, ["ana"]);
  fs.writeFileSync(file, Buffer.from("ben\nchloe\n", "utf16le").swap16());
  assert.deepEqual(readRoster(file).students, ["ben", "chloe"]);
  // Latin-1 (Windows-1252): read as UTF-8, a full name's accent does no harm; a user name's is said to be the file's encoding
  fs.writeFileSync(file, Buffer.from("Username,Full name\nana,Ana Mu\u00f1oz\n", "latin1"));
  assert.deepEqual(readRoster(file).students, ["ana"]);
  fs.writeFileSync(file, Buffer.from("ana\njos\u00e9\n", "latin1"));
  assert.throws(() => readRoster(file), /line 2: "jos\uFFFD" \(bytes that are not UTF-8 text: the file was saved in another encoding, such as Latin-1 or Windows-1252; save it as UTF-8\)/);
});

test("a name that is not usable as written says what would be: its lower case, or that it is an e-mail address", () => {
  let message;
  assert.throws(() => parseRoster("Username\nAna\nben@uni.example\n"), (error) => ((message = error.message), true));
  assert.match(message, /line 2: "Ana" \(lower-case: ana\)/);
  assert.match(message, /line 3: "ben@uni\.example" \(an e-mail address: give the user names/);
});

test("an export whose matched column holds people's names (Canvas's \"Student\") names that column, the header's others and the fix", () => {
  // Canvas's gradebook export, saved by Excel: a byte-order mark, CRLF, the user names in "SIS Login ID"
  const canvas = '\uFEFFStudent,ID,SIS User ID,SIS Login ID,Section\r\n"Doe, Jane",101,s1,jdoe,A\r\nBen Li,102,s2,bli,A\r\n';
  let message;
  assert.throws(() => parseRoster(canvas), (error) => ((message = error.message), true));
  assert.match(message, /line 2: "Doe, Jane" \(a person's name, with a space or comma: give the user name, one word, such as doe_jane\)/);
  assert.match(message, /line 3: "Ben Li" \(a person's name, .* such as ben_li\)/);
  assert.ok(message.includes('read from the column "Student" of the header on line 1, of: Student, ID, SIS User ID, SIS Login ID, Section; if the user names are in another column, rename that column\'s header to username'), message);
  assert.deepEqual(parseRoster(canvas.replace("SIS Login ID", "username")).students, ["jdoe", "bli"], "the fix the message gives works");
});

test("every bad line is reported at once, with its number and the rule, and every name given twice", () => {
  const text = ["ana", "Ben", "", "al ice", "ana", "chloe", "chloe", "2nd"].join("\n");
  let message;
  assert.throws(() => parseRoster(text, "class.txt"), (error) => ((message = error.message), true));
  assert.match(message, /^class\.txt:\n3 line\(s\) name no usable user name \(use 1 to 28 lower-case letters, digits, "-" or "_", starting with a letter\):/);
  for (const line of ['line 2: "Ben"', 'line 4: "al ice"', 'line 8: "2nd"', '"ana" on lines 1, 5', '"chloe" on lines 6, 7']) assert.ok(message.includes(line), `the report names ${line}:\n${message}`);
});

test("an empty list, or one that cannot be read, is refused with what to give", () => {
  assert.throws(() => parseRoster("# nobody yet\n\n", "class.txt"), /class\.txt names no student: give one user name per line/);
  assert.throws(() => parseRoster("username,email\n"), /names no student/);
  assert.throws(() => readRoster(path.join(folder(), "missing.txt")), /--students-file .*missing\.txt cannot be read \(ENOENT\)/);
});

test("passwords.csv holds the users on the list, readable by its owner only; users.json remembers those left off", () => {
  const dir = folder();
  const usersFile = path.join(dir, "users.json");
  const passwordsFile = path.join(dir, "passwords.csv");
  const first = courseUsers({ file: usersFile, instructor: "prof", students: ["ana", "ben"] });
  const users = courseUsers({ file: usersFile, instructor: "prof", students: ["ana"] });
  writePasswordsFile(passwordsFile, users);
  assert.equal(fs.readFileSync(passwordsFile, "utf8"), `user,role,password\nprof,instructor,${first[0].password}\nana,student,${first[1].password}\n`);
  assert.equal(fs.statSync(passwordsFile).mode & 0o777, 0o600);
  assert.deepEqual(rememberedNames(usersFile), ["prof", "ana", "ben"], "ben's password is kept for when he is back on the list");
});

// Each call starts Python and imports nbgrader (about 4 s of CPU): two calls, no more.
test("the class goes into nbgrader's gradebook: those missing are added, none is removed", () => {
  const courseDir = folder();
  assert.equal(addClassToGradebook(courseDir, ["ana", "ben"]), 2);
  // A later list without ben and with chloe: chloe is added; ben, who may have submitted, stays.
  assert.equal(addClassToGradebook(courseDir, ["ana", "chloe"]), 1);
});

test("lines ending in a lone CR, and an export's quoted field holding a line break, are read as the spreadsheet wrote them", () => {
  // a classic Mac spreadsheet's "CSV (Macintosh)": the whole list was one bad line
  assert.deepEqual(parseRoster("ana\rben\rchloe\r"), { students: ["ana", "ben", "chloe"], column: undefined });
  assert.deepEqual(parseRoster("Username,Email\rana,ana@uni.example\rben,ben@uni.example\r").students, ["ana", "ben"]);
  // a notes column written on two lines: its second line was taken for a student ("second, line") and the hub did not start
  assert.deepEqual(parseRoster('Username,Notes\r\nana,"first line\r\nsecond, line"\r\nben,"x\n\n# not a comment"\nchloe,5" screen\n'), { students: ["ana", "ben", "chloe"], column: "username" });
  // a quote never closed takes no one's line silently
  assert.throws(() => parseRoster('Username,Notes\nana,"open\nben,x\n', "class.csv"), /^Error: class\.csv: line 2 opens a quote \("\) that no later line closes/);
});

test("a users.json that cannot be read (edited by hand) is named, with what to do, and left as it is", () => {
  const dir = folder();
  const usersFile = path.join(dir, "users.json");
  for (const text of ['{"users": [{"name": "ana", "password": "x"},]}\n', "", '{"users": [{"name": "ana"}]}\n', "[]\n"]) {
    fs.writeFileSync(usersFile, text);
    const problem = new RegExp(`${usersFile.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}, where the hub keeps everyone's password, cannot be read as .*: undo what changed in it .*rebuild it from passwords\\.csv`);
    // before: "Unexpected token ']' ..." or "Cannot read properties of undefined", naming no file
    assert.throws(() => rememberedNames(usersFile), problem);
    assert.throws(() => courseUsers({ file: usersFile, instructor: "prof", students: ["ana"] }), problem);
    assert.equal(fs.readFileSync(usersFile, "utf8"), text);
  }
});

test("a name holding a character the console shows as nothing (copied from a web page, an export's direction mark, a combining accent) is reported with its code point", () => {
  let message;
  assert.throws(() => parseRoster("ana\u200b\nben\u200f\nc\u0301hloe\n"), (error) => ((message = error.message), true));
  // before: line 1: "ana", with nothing to say what was wrong
  assert.match(message, /line 1: "ana\u200b" \(holds U\+200B, which shows as nothing or as an accent on the letter before; without it: ana\)/);
  assert.match(message, /line 2: "ben\u200f" \(holds U\+200F, .*; without it: ben\)/);
  assert.match(message, /line 3: "c\u0301hloe" \(holds U\+0301, .*; without it: chloe\)/);
});

test("a list edited mid-semester: a name taken off and a new one a typo away are paired, for the start to name", () => {
  const before = ["prof", "alice", "ben", "chloe", "dimitri", "eve"];
  // alice mistyped, chloe's letters swapped, dimitri missing one, eve taken off, fatima new, no one like her gone
  const changes = listChanges(before, ["prof", "alcie", "ben", "chole", "dimitr", "fatima"]);
  assert.deepEqual(changes.gone, ["alice", "chloe", "dimitri", "eve"]);
  assert.deepEqual(changes.added, ["alcie", "chole", "dimitr", "fatima"]);
  assert.deepEqual(changes.alike, [["alice", "alcie"], ["chloe", "chole"], ["dimitri", "dimitr"]]);
  // names apart by more than a typo are not paired; a first start changes nothing
  assert.deepEqual(listChanges(["prof", "ana"], ["prof", "ben"]).alike, []);
  assert.deepEqual(listChanges([], ["prof", "ana"]), { gone: [], added: [], alike: [] });
});
