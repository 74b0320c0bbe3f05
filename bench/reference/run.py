"""Run the PyTorch reference trainers for the benchmark; prints one JSON object.

usage: python3 run.py --method mine|minee|dv --mode speed|accuracy --threads N
                      --epochs E [--warmup W] --data FILE.json

FILE.json holds {"sets": [{"seed", "x", "y", "zRef", "holdout": {"x", "y", "zRef"},
"groundTruth"}]}, written by bench/run.mjs so that both sides see the same samples.
"""

import argparse
import json
import resource
import sys
import time

import torch

sys.path.insert(0, __file__.rsplit("/", 1)[0])
from nets import Net  # noqa: E402
from trainers import MINEE, DVTrainer, MINETrainer  # noqa: E402

ITERS_PER_EPOCH = 10
LEARNING_RATE = 1e-3


def tensor(rows):
    return torch.tensor(rows, dtype=torch.float32)


def make_trainer(method, data, seed):
    torch.manual_seed(seed)
    x, y = tensor(data["x"]), tensor(data["y"])
    if method == "mine":
        return MINETrainer(x, y, Net(), ITERS_PER_EPOCH, m=1, beta=0.1, lr=LEARNING_RATE)
    if method == "dv":
        z = torch.cat([x, y], dim=-1)
        return DVTrainer(z, tensor(data["zRef"]), Net(), ITERS_PER_EPOCH, lr=LEARNING_RATE)
    if method == "minee":
        return MINEE(x, y, ITERS_PER_EPOCH, lr=LEARNING_RATE)
    raise SystemExit(f"run.py: unknown --method {method!r}; use mine, minee or dv")


def held_out_estimate(method, trainer, holdout):
    x, y = tensor(holdout["x"]), tensor(holdout["y"])
    if method == "dv":
        return trainer.estimate(torch.cat([x, y], dim=-1), tensor(holdout["zRef"]))
    return trainer.estimate(x, y)


def speed(method, data, epochs, warmup):
    trainer = make_trainer(method, data, data["seed"])
    trainer.step(warmup)
    start = time.perf_counter()
    for _ in range(epochs):
        trainer.step(1)
    seconds = time.perf_counter() - start
    return {"stepsPerSecond": epochs * ITERS_PER_EPOCH / seconds, "seconds": seconds}


def accuracy(method, sets, epochs):
    results = []
    for data in sets:
        trainer = make_trainer(method, data, data["seed"])
        trainer.step(epochs)
        estimate = held_out_estimate(method, trainer, data["holdout"])
        results.append(
            {"seed": data["seed"], "estimate": estimate, "groundTruth": data["groundTruth"]}
        )
    return {"runs": results}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--method", required=True)
    parser.add_argument("--mode", choices=["speed", "accuracy"], required=True)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--epochs", type=int, required=True)
    parser.add_argument("--warmup", type=int, default=5)
    parser.add_argument("--data", required=True)
    args = parser.parse_args()

    torch.set_num_threads(args.threads)
    with open(args.data) as f:
        sets = json.load(f)["sets"]
    if args.mode == "speed":
        result = speed(args.method, sets[0], args.epochs, args.warmup)
    else:
        result = accuracy(args.method, sets, args.epochs)
    result.update(
        {
            "implementation": "pytorch",
            "version": torch.__version__,
            "threads": torch.get_num_threads(),
            "method": args.method,
            "peakRssMiB": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        }
    )
    print(json.dumps(result))


if __name__ == "__main__":
    main()
