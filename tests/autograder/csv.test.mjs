// The gradebook's rows: quoting, and names that a spreadsheet would run as formulas.
import assert from "node:assert/strict";
import { test } from "node:test";
import { csvRow } from "../../autograder/src/report/csv.mjs";

test("fields with commas, quotes and line breaks are quoted; numbers, negative ones too, stay numbers", () => {
  assert.equal(csvRow(["a,b", 'say "hi"', "new\nline", -0.25, 3, null]), '"a,b","say ""hi""","new\nline",-0.25,3,\r\n');
  assert.equal(csvRow(["-0.25"]), "-0.25\r\n");
});

test("a student name that starts like a formula is written as text", () => {
  assert.equal(csvRow(['=HYPERLINK("http://x","y")']), '"\'=HYPERLINK(""http://x"",""y"")"\r\n');
  assert.equal(csvRow(["+1+2", "-dash", "@sum"]), "'+1+2,'-dash,'@sum\r\n");
  assert.equal(csvRow(["\uFF1DSUM(1)", "\uFF0B1", "\uFF0D1", "\uFF20x"]), "'\uFF1DSUM(1),'\uFF0B1,'\uFF0D1,'\uFF20x\r\n");
});

test("a name that would split into a formula cell where spreadsheets read ';' as the separator is quoted, and one starting with spaces is text", () => {
  assert.equal(csvRow(["eve;=1+1;", "tab\there"]), '"eve;=1+1;","tab\there"\r\n');
  assert.equal(csvRow([" =HYPERLINK(1)", " -2"]), "' =HYPERLINK(1), -2\r\n");
});
