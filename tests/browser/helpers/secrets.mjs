// The lines of the course's answers and hidden tests that no student may see: shared with
// the student edition's check (scripts/student-edition/secret-lines.mjs).
export { leakedLines, secretLines } from "../../../scripts/student-edition/secret-lines.mjs";
