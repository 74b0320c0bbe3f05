// The packages' module resolutions, made once by the snapshot's build (build.cjs) and given to a
// kernel's first TypeScript program instead of being made again: resolving the imports of some
// 650 declaration files (TensorFlow.js's, neural-mi's, @types/node's) probes thousands of paths,
// about 0.2 s of CPU in every kernel's first program.
//
// A resolution depends only on which files exist where it looked (its failed lookups, the file it
// found) and on the package.json files it read. Each kept resolution carries witnesses: for every
// place it looked, the nearest folder that existed, with its modification time (adding, removing
// or renaming an entry changes it), and for every package.json read, the file's identity. It is
// given out only while every witness is unchanged, and once: a re-resolution (TypeScript's watch
// invalidating it) resolves afresh. Only the packages' own imports are kept, never a cell's
// (resolved from the notebook's folder, which differs between kernels).
//
// build.cjs evaluates this file's text in node's snapshot builder: it requires nothing and uses
// only its arguments.
"use strict";

/**
 * @param {{ fs: typeof import("fs"), path: typeof import("path"), isPackageFile: (fileName: string) => boolean }} deps
 */
function createResolvedModules({ fs, path, isPackageFile }) {
  const identity = (place) => {
    try {
      const stats = fs.statSync(place, { bigint: true, throwIfNoEntry: false });
      return stats === undefined ? null : `${stats.dev}:${stats.ino}:${stats.size}:${stats.mtimeNs}`;
    } catch {
      return null;
    }
  };

  const state = {
    recording: true,
    /** key → { result, witnesses: number[] } once recording is over; key → result while recording */
    entries: new Map(),
    /** [place, identity] of every witness */
    witnesses: [],
    taken: 0,
    stale: 0,
    /** witness index → whether it still holds, for one synchronous stretch (a program's creation) */
    checked: new Map(),
    clearScheduled: false,
  };
  const optionsKeys = new WeakMap();
  const keyOf = (moduleName, containingFile, compilerOptions, optionsKeyOf) => {
    let optionsKey = optionsKeys.get(compilerOptions);
    if (optionsKey === undefined) optionsKeys.set(compilerOptions, (optionsKey = optionsKeyOf(compilerOptions)));
    return `${path.dirname(containingFile)}\0${moduleName}\0${optionsKey}`;
  };
  // the resolver's own conditions for giving the same answer: the same options, no project
  // reference's redirect, no tracing (which writes as it resolves)
  const cacheable = (compilerOptions, redirectedReference) => redirectedReference === undefined && !compilerOptions.traceResolution;

  /** While recording: keeps a package file's resolution (a copy: the resolver may add to a result it returned). */
  function record(moduleName, containingFile, compilerOptions, redirectedReference, optionsKeyOf, result) {
    if (!state.recording || !cacheable(compilerOptions, redirectedReference) || !isPackageFile(containingFile)) return result;
    if (result.resolutionDiagnostics !== undefined || result.node10Result !== undefined) return result;
    state.entries.set(keyOf(moduleName, containingFile, compilerOptions, optionsKeyOf), copyOf(result));
    return result;
  }

  /** Ends the recording: each kept resolution gets its witnesses, taken from the files as they are now. */
  function finish() {
    const indexOf = new Map();
    const witness = (place, placeIdentity) => {
      const key = `${place}\0${placeIdentity}`;
      if (!indexOf.has(key)) {
        indexOf.set(key, state.witnesses.length);
        state.witnesses.push([place, placeIdentity]);
      }
      return indexOf.get(key);
    };
    // A place that was not there: inside the packages, its nearest folder that exists, unchanged;
    // elsewhere (above them: /tmp, a home, whose times change all day), still not there.
    const absenceWitness = (file) => {
      let missing = file;
      for (let at = path.dirname(file); ; missing = at, at = path.dirname(at)) {
        const found = identity(at);
        if (found !== null) return isPackageFile(path.join(at, "_")) ? witness(at, found) : witness(missing, null);
        if (path.dirname(at) === at) return witness(at, null);
      }
    };
    const folderWitness = (file) => witness(path.dirname(file), identity(path.dirname(file)));
    for (const [key, result] of state.entries) {
      const indexes = new Set();
      for (const place of result.failedLookupLocations ?? []) indexes.add(absenceWitness(place));
      for (const place of result.affectingLocations ?? []) {
        indexes.add(folderWitness(place));
        indexes.add(witness(place, identity(place)));
      }
      const resolved = result.resolvedModule;
      if (resolved !== undefined) {
        indexes.add(folderWitness(resolved.resolvedFileName));
        if (resolved.originalPath !== undefined) indexes.add(folderWitness(resolved.originalPath));
      }
      state.entries.set(key, { result, witnesses: [...indexes] });
    }
    state.recording = false;
  }

  function holds(index) {
    if (!state.clearScheduled) {
      state.clearScheduled = true;
      // a file may change between two cells: nothing checked is trusted past this stretch of work
      setImmediate(() => {
        state.checked.clear();
        state.clearScheduled = false;
      });
    }
    let still = state.checked.get(index);
    if (still === undefined) {
      const [place, placeIdentity] = state.witnesses[index];
      still = identity(place) === placeIdentity;
      state.checked.set(index, still);
    }
    return still;
  }

  /** A kept resolution, when every place it depends on is as it was; undefined otherwise (resolve afresh). */
  function take(moduleName, containingFile, compilerOptions, redirectedReference, optionsKeyOf) {
    if (state.recording || state.entries.size === 0 || !cacheable(compilerOptions, redirectedReference)) return undefined;
    const key = keyOf(moduleName, containingFile, compilerOptions, optionsKeyOf);
    const entry = state.entries.get(key);
    if (entry === undefined) return undefined;
    state.entries.delete(key);
    if (!entry.witnesses.every(holds)) {
      state.stale++;
      return undefined;
    }
    state.taken++;
    return entry.result;
  }

  const report = () => ({ resolvedModulesTaken: state.taken, resolvedModulesStale: state.stale, resolvedModulesKept: state.entries.size });
  return { record, finish, take, report };
}

/** A resolution as plain data of its own (arrays and objects not shared with the resolver's). */
function copyOf(result) {
  const copy = { ...result };
  const resolved = result.resolvedModule;
  if (resolved) copy.resolvedModule = resolved.packageId ? { ...resolved, packageId: { ...resolved.packageId } } : { ...resolved };
  if (result.failedLookupLocations) copy.failedLookupLocations = [...result.failedLookupLocations];
  if (result.affectingLocations) copy.affectingLocations = [...result.affectingLocations];
  return copy;
}

module.exports = { createResolvedModules };
