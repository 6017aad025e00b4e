"""Runs fixtures under their precision regime and prints one JSON line per fixture.

Usage: /usr/bin/python3 test/oracle/harness.py [--all-regimes] FIXTURE.py [FIXTURE.py ...]
Each line: {"file", "status": "ok"} | {"file", "status": "mismatch", "line", "lines", "message"}
| {"file", "status": "error", "message"}, for the regime named on the fixture's first line.
"line" is the innermost traceback frame inside the fixture, "lines" every fixture frame from
outermost to innermost. With --all-regimes, a module fixture (half / mmcv-fp16 / autocast) is
also run under the other two module regimes and "regimes" maps each regime to its result: the
analysis reports a call when ANY regime breaks it, so a negative must be ok under all three.
All fixtures run in this one process (torch starts once). See cuda_model.py for how CPU torch
stands in for a CUDA half run and stubs/ for the custom ops.
"""
import contextlib
import importlib.util
import json
import os
import re
import sys
import traceback

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "stubs"))
sys.path.insert(0, HERE)

import torch  # noqa: E402

import cuda_model  # noqa: E402

cuda_model.install()

import regimes  # noqa: E402  (imports the mmcv stub, after the patches)

REGIMES = ("half", "mmcv-fp16", "autocast", "script")
MODULE_REGIMES = ("half", "mmcv-fp16", "autocast")
# The dtype-mismatch messages torch 1.13 (CPU and CUDA) and the op stand-ins raise.
MISMATCH = re.compile(
    r"Input type \(.*\) and (weight|bias) type \(.*\) should be the same"
    r"|expected scalar type \w+ but found \w+"
    r"|Expected object of scalar type"
    r"|should be the same"
    r"|expected both .* same dtype"
    r"|must have the same dtype"
    r"|expected .* to have the same dtype"
    r"|mixed dtype \(CPU\)")


def read_regime(path):
    with open(path, encoding="utf-8") as f:
        first = f.readline()
    m = re.match(r"#\s*regime:\s*([\w-]+)\s*$", first)
    if not m or m.group(1) not in REGIMES:
        raise ValueError(f"first line must be '# regime: <{'|'.join(REGIMES)}>', got {first!r}")
    return m.group(1)


def fixture_lines(tb, path):
    real = os.path.realpath(path)
    return [fr.lineno for fr in traceback.extract_tb(tb) if os.path.realpath(fr.filename) == real]


def _run_regime(module, regime, path):
    result = {}
    try:
        with contextlib.redirect_stdout(sys.stderr):
            torch.manual_seed(0)
            regimes.run(module, regime)
        result["status"] = "ok"
    except RuntimeError as e:
        lines = fixture_lines(e.__traceback__, path)
        message = str(e).splitlines()[0] if str(e) else type(e).__name__
        if MISMATCH.search(message) and lines:
            result.update(status="mismatch", line=lines[-1], lines=lines, message=message)
        else:
            result.update(status="error", message=f"RuntimeError: {message}", lines=lines)
    except Exception as e:  # noqa: BLE001 - every other failure is reported, not raised
        result.update(status="error", message=f"{type(e).__name__}: {e}",
                      lines=fixture_lines(e.__traceback__, path))
    return result


def run_one(path, index=0, all_regimes=False):
    result = {"file": path}
    try:
        regime = read_regime(path)
        spec = importlib.util.spec_from_file_location(f"fixture_{index}", path)
        module = importlib.util.module_from_spec(spec)
        # Fixture output goes to stderr: stdout carries only the JSON lines.
        with contextlib.redirect_stdout(sys.stderr):
            spec.loader.exec_module(module)
    except Exception as e:  # noqa: BLE001
        result.update(status="error", message=f"{type(e).__name__}: {e}",
                      lines=fixture_lines(e.__traceback__, path))
        return result
    result["regime"] = regime
    result.update(_run_regime(module, regime, path))
    if all_regimes and regime in MODULE_REGIMES:
        result["regimes"] = {r: (_run_regime(module, r, path) if r != regime else
                                 {k: v for k, v in result.items() if k not in ("file", "regime")})
                             for r in MODULE_REGIMES}
    return result


def main(argv):
    all_regimes = "--all-regimes" in argv
    paths = [a for a in argv if a != "--all-regimes"]
    if not paths:
        print(__doc__, file=sys.stderr)
        return 2
    for i, path in enumerate(paths):
        print(json.dumps(run_one(path, i, all_regimes)), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
