import * as tf from "@tensorflow/tfjs-core";
import { types } from "util";
import { fail } from "../data/checks";

/**
 * The library's reference implementations that a course exercise asks the student to
 * write: a test compares the student's code with them, so while the test runs the
 * student's code they refuse to be called ("write it yourself"), and so do the library's
 * other computations of the same thing (the fused kernel's forward pass, the held-weights
 * forward, `referenceMINELoss` and `referenceOutputGradients` for "Net.forward", `mineLossGradient` for "MINETrainer.loss", `gaussianCovarianceMI`
 * and a Gaussian channel's information for "gaussianMI"). Which ones refuse is module state no export can change: only
 * `withoutReference` adds to it, for the call it wraps, and takes its own names off when that
 * call ends.
 */
export const REFERENCE_IMPLEMENTATIONS = ["Net.forward", "MINETrainer.loss", "gaussianMI"] as const;
export type ReferenceImplementation = (typeof REFERENCE_IMPLEMENTATIONS)[number];

const refusing = new Map<ReferenceImplementation, number>();
// calls since the library finished loading (its task lists compute their truths as they load)
const calls = new Map<ReferenceImplementation, number>();
let counting = false;

/**
 * Runs `run` (a test's call into the student's code) with the named reference
 * implementations refusing to be called: a call from the student's code then fails
 * with a message saying to write it instead. Synchronous code only: what `run` returns
 * is the answer.
 */
export function withoutReference<T>(references: readonly ReferenceImplementation[], run: () => T): T {
  // a call from the code under test could only loosen the test's own refusal
  if (refusing.size > 0) fail("withoutReference is the tests' guard around your code; your code cannot call it while a test runs it.");
  if (!Array.isArray(references)) fail("withoutReference(references, run): references must be an array of the library's reference implementations.");
  // the names as given now: the caller's array can change while `run` runs (an answer that pushed
  // the test's own names into an empty list it passed took the test's refusal off when it ended)
  const names: readonly ReferenceImplementation[] = Object.freeze(Array.from(references));
  for (const name of names) {
    if (!(REFERENCE_IMPLEMENTATIONS as readonly string[]).includes(name)) {
      fail(`withoutReference: ${String(name)} is not one of the library's reference implementations (${REFERENCE_IMPLEMENTATIONS.join(", ")}).`);
    }
  }
  if (typeof run !== "function") fail("withoutReference(references, run): run must be a function that calls the code under test.");
  for (const name of names) refusing.set(name, (refusing.get(name) ?? 0) + 1);
  try {
    const result = run();
    checkComputed(result);
    return result;
  } finally {
    for (const name of names) {
      const count = (refusing.get(name) ?? 1) - 1;
      if (count > 0) refusing.set(name, count);
      else refusing.delete(name);
    }
  }
}

/**
 * Called first by each reference implementation. `counted: false` for a computation that gives
 * the value at no argument of the caller's choosing (the course data's truth, at a correlation
 * drawn from its seed), so that it makes no table.
 */
export function refuseWhileTested(name: ReferenceImplementation, counted = true): void {
  if (refusing.has(name)) {
    fail(
      `${name} is the library's implementation that this test compares your code with; ` +
        "your code called it, so the test cannot tell your work from the library's: write it yourself.",
    );
  }
  if (counted && counting) calls.set(name, (calls.get(name) ?? 0) + 1);
}

/**
 * Called first by every declared bound (bounds.ts): they refuse while a test refuses
 * "MINETrainer.loss" (stepWithLoss computes its estimate after the refusal it was given ends). The bounds compute the parts of MINE's
 * loss (mean t, the log-mean of e^{t'}), and every object that holds one, a trainer's `bound`, its
 * `evaluation`, `estimateOn` or fused loss gradient, would otherwise hand them to a loss under
 * test: a SmoothedMINETrainer whose loss took them from a MINEfTrainer it made got every point.
 */
export function refuseBoundsWhileTested(): void {
  refuseWhileTested("MINETrainer.loss", false);
}

/** Called once, by the library's entry point when it has loaded; nothing turns counting off. */
export function startCountingReferenceCalls(): void {
  counting = true;
}

/**
 * How many times the named reference implementation, or another of the library's computations
 * of the same thing, has run in this process since the library loaded. A test whose exercise no course cell computes
 * with the library (the Gaussian pair's information in chapter 3) reads it before it calls
 * anything: a notebook that ran it first may hold a table of its values, which the test's
 * answers cannot tell from the student's formula.
 */
export function referenceCalls(name: ReferenceImplementation): number {
  if (!(REFERENCE_IMPLEMENTATIONS as readonly string[]).includes(name)) {
    fail(`referenceCalls: ${String(name)} is not one of the library's reference implementations (${REFERENCE_IMPLEMENTATIONS.join(", ")}).`);
  }
  return calls.get(name) ?? 0;
}

/**
 * Called first by every information or entropy function of the library's tasks (their ground
 * truths): the Gaussian pair's information is a special case of many of them (a channel whose
 * input and noise are one-component mixtures, an observation repeated once, the entropies of
 * Y and of Y given X), so while a test refuses "gaussianMI" they refuse too.
 */
export function refuseTruthWhileTested(): void {
  refuseWhileTested("gaussianMI");
}

const LATE_CODE =
  "what your code returned is a tensor whose reading runs code of its own (a getter, a Proxy, a method or a prototype of its own), " +
  "which would run after this test stopped refusing the library's implementation: return the tensor your code computed.";

/** A property of a tensor that holds data, not code that runs when it is read. */
function isData(descriptor: PropertyDescriptor): boolean {
  if (!("value" in descriptor) || typeof descriptor.value === "function") return false;
  const value: unknown = descriptor.value;
  if (!Array.isArray(value)) return true;
  return !types.isProxy(value) && Object.values(Object.getOwnPropertyDescriptors(value)).every((element) => "value" in element);
}

/**
 * A tensor a test's call returned must be computed already: TensorFlow.js's own object, whose
 * reads run TensorFlow.js's code only. Otherwise the test's later reads (dataSync, an op on
 * it), outside the refusal, could call the library's implementation for the student.
 * Checked while the refusal still holds, since reading a Proxy or a getter runs its code.
 */
function checkComputed(value: unknown): void {
  if (value === null || typeof value !== "object") return;
  if (types.isProxy(value)) {
    if ("dataSync" in value) fail(LATE_CODE);
    return;
  }
  if (!(Object.prototype.isPrototypeOf.call(tf.Tensor.prototype, value) || "dataSync" in value)) return;
  const prototype = Object.getPrototypeOf(value);
  if (prototype !== tf.Tensor.prototype && prototype !== tf.Variable.prototype) fail(LATE_CODE);
  for (const key of Reflect.ownKeys(value)) {
    const descriptor = Object.getOwnPropertyDescriptor(value, key);
    if (descriptor && !isData(descriptor)) fail(LATE_CODE);
  }
}
