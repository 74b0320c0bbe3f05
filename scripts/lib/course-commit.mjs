// Which of two checkouts of the course is the newer, told by git: a chapter's text alone cannot
// tell a course that set a chapter back to an earlier text from an older checkout of the course.
import { spawnSync } from "node:child_process";

const git = (dir, args) => spawnSync("git", ["-C", dir, ...args], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] });

/** The commit checked out in the git checkout holding `dir`; undefined outside one (a copy from an archive) or without git. */
export function courseCommit(dir) {
  const result = git(dir, ["rev-parse", "--verify", "--quiet", "HEAD"]);
  return result.status === 0 ? result.stdout.trim() : undefined;
}

/** True when `commit` is a later commit than `earlier` in the history of the checkout holding `dir`. */
export function descendsFrom(dir, commit, earlier) {
  if (!commit || !earlier || commit === earlier) return false;
  return git(dir, ["merge-base", "--is-ancestor", earlier, commit]).status === 0;
}
