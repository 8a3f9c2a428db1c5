#!/usr/bin/env python3
"""SuperLU (scipy.sparse.linalg.splu) factor + solve timings on Matrix Market files.

    python3 bench/superlu.py --runs 7 A1.mtx b1.mtx [A2.mtx b2.mtx ...]

Used by bench/superlu.ts, which writes the plant matrices and compares them with core/sparse. For
each (A, b) pair: one untimed warm-up, then `runs` timed factorisations (splu with its defaults:
COLAMD column ordering, partial pivoting with diag_pivot_thresh 1.0, supernodes) and solves.
Prints one JSON object per pair on its own line: wall (perf_counter) and CPU (process_time)
milliseconds of every run, nnz(L) + nnz(U), and the relative residual
||b - Ax||inf / (||A||inf ||x||inf + ||b||inf) of the last solve.
"""
import argparse
import json
import time

import numpy as np
import scipy
import scipy.io
import scipy.sparse.linalg as sla


def measure(a_file: str, b_file: str, runs: int) -> dict:
    A = scipy.io.mmread(a_file).tocsc()
    b = np.asarray(scipy.io.mmread(b_file)).ravel()
    sla.splu(A).solve(b)  # warm-up: first-call costs are not what we compare
    out = {"file": a_file, "n": A.shape[0], "nnz": int(A.nnz), "scipy": scipy.__version__,
           "factorMs": [], "solveMs": [], "factorCpuMs": [], "solveCpuMs": []}
    x = None
    lu = None
    for _ in range(runs):
        w0, c0 = time.perf_counter(), time.process_time()
        lu = sla.splu(A)
        w1, c1 = time.perf_counter(), time.process_time()
        x = lu.solve(b)
        w2, c2 = time.perf_counter(), time.process_time()
        out["factorMs"].append((w1 - w0) * 1e3)
        out["solveMs"].append((w2 - w1) * 1e3)
        out["factorCpuMs"].append((c1 - c0) * 1e3)
        out["solveCpuMs"].append((c2 - c1) * 1e3)
    out["luNnz"] = int(lu.L.nnz + lu.U.nnz)
    norm_a = abs(A).sum(axis=1).max()
    denom = norm_a * np.abs(x).max() + np.abs(b).max()
    out["relativeResidual"] = float(np.abs(A @ x - b).max() / denom) if denom > 0 else 0.0
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("files", nargs="+", help="pairs: A.mtx b.mtx")
    args = parser.parse_args()
    if len(args.files) % 2:
        parser.error("files come in pairs: A.mtx b.mtx")
    for a_file, b_file in zip(args.files[0::2], args.files[1::2]):
        print(json.dumps(measure(a_file, b_file, args.runs)), flush=True)


if __name__ == "__main__":
    main()
