"""Runs bmi's estimators on samples written by bench/accuracy/run.mjs.

Usage: python bmi_estimate.py INPUT.json OUTPUT.json
INPUT holds {"estimators": [names], "seeds": [{"seed": s, "x": [[...]], "y": [[...]]}]};
OUTPUT gets one record per (estimator, seed): estimate in nats, seconds, or the error.
Each estimator runs with bmi's defaults; the neural ones get the seed, and their batch size
is capped at the training half of the samples (bmi splits 50/50): with fewer than 512
samples its default batch of 256 does not fit, and it returns NaN without training.
"""
import json
import math
import sys
import time

import numpy as np
from bmi.estimators import InfoNCEEstimator, KSGEnsembleFirstEstimator, MINEEstimator, NWJEstimator

DEFAULT_BATCH_SIZE = 256
NEURAL = {"bmi-mine": MINEEstimator, "bmi-infonce": InfoNCEEstimator, "bmi-nwj": NWJEstimator}


def make_estimator(name, seed, n_samples):
    if name == "bmi-ksg":
        return KSGEnsembleFirstEstimator()
    batch_size = min(DEFAULT_BATCH_SIZE, n_samples // 2)
    return NEURAL[name](verbose=False, seed=seed, batch_size=batch_size)


def main(input_path, output_path):
    with open(input_path) as f:
        job = json.load(f)
    records = []
    for name in job["estimators"]:
        for drawn in job["seeds"]:
            x = np.asarray(drawn["x"], dtype=np.float64)
            y = np.asarray(drawn["y"], dtype=np.float64)
            started = time.perf_counter()
            record = {"method": name, "seed": drawn["seed"]}
            try:
                value = float(make_estimator(name, drawn["seed"], len(x)).estimate(x, y))
                record["estimate"] = value if math.isfinite(value) else str(value)
            except Exception as error:  # reported per call, the others still run
                record["error"] = f"{type(error).__name__}: {error}"
            record["seconds"] = time.perf_counter() - started
            records.append(record)
            print(json.dumps(record), file=sys.stderr, flush=True)
    with open(output_path, "w") as f:
        json.dump(records, f)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
