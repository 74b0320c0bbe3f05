import { fail } from "../data/checks";

/**
 * The library's reference implementations that a course exercise asks the student to
 * write: a test compares the student's code with them, so while the test runs the
 * student's code they refuse to be called ("write it yourself"). Which ones refuse is
 * module state no export can change: only `withoutReference` adds to it, for the call
 * it wraps, and takes its own names off when that call ends.
 */
export const REFERENCE_IMPLEMENTATIONS = ["Net.forward", "MINETrainer.loss", "gaussianMI"] as const;
export type ReferenceImplementation = (typeof REFERENCE_IMPLEMENTATIONS)[number];

const refusing = new Map<ReferenceImplementation, number>();

/**
 * Runs `run` (a test's call into the student's code) with the named reference
 * implementations refusing to be called: a call from the student's code then fails
 * with a message saying to write it instead. Synchronous code only: what `run` returns
 * is the answer.
 */
export function withoutReference<T>(references: readonly ReferenceImplementation[], run: () => T): T {
  for (const name of references) {
    if (!(REFERENCE_IMPLEMENTATIONS as readonly string[]).includes(name)) {
      fail(`withoutReference: ${String(name)} is not one of the library's reference implementations (${REFERENCE_IMPLEMENTATIONS.join(", ")}).`);
    }
  }
  if (typeof run !== "function") fail("withoutReference(references, run): run must be a function that calls the code under test.");
  for (const name of references) refusing.set(name, (refusing.get(name) ?? 0) + 1);
  try {
    return run();
  } finally {
    for (const name of references) {
      const count = (refusing.get(name) ?? 1) - 1;
      if (count > 0) refusing.set(name, count);
      else refusing.delete(name);
    }
  }
}

/** Called first by each reference implementation. */
export function refuseWhileTested(name: ReferenceImplementation): void {
  if (refusing.has(name)) {
    fail(
      `${name} is the library's implementation that this test compares your code with; ` +
        "your code called it, so the test cannot tell your work from the library's: write it yourself.",
    );
  }
}
