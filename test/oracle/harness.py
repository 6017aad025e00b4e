"""Runs fixtures under their precision regime and prints one JSON line per fixture.

Usage: /usr/bin/python3 test/oracle/harness.py [--all-regimes] FIXTURE.py [FIXTURE.py ...]
Each line: {"file", "status": "ok"} | {"file", "status": "mismatch", "line", "lines", "message"}
| {"file", "status": "error", "message"}, for the regime named on the fixture's first line.
"line" is the innermost traceback frame inside the fixture, "lines" every fixture frame from
outermost to innermost. With --all-regimes, a module fixture (half / mmcv-fp16 / autocast) is
also run under the other two module regimes and "regimes" maps each regime to its result: the
analysis reports a call when ANY regime breaks it, so a negative must be ok under all three.
The one exception is a negative whose line 2 reads `# runs-under: autocast` (see RUNS_UNDER):
it is run only under the regimes named there, and "runs_under" lists them.
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
    r"|expected input and grid to have same dtype"
    r"|mixed dtype \(CPU\)")


def read_regime(path):
    with open(path, encoding="utf-8") as f:
        first = f.readline()
    m = re.match(r"#\s*regime:\s*([\w-]+)\s*$", first)
    if not m or m.group(1) not in REGIMES:
        raise ValueError(f"first line must be '# regime: <{'|'.join(REGIMES)}>', got {first!r}")
    return m.group(1)


# `# runs-under: <regimes>` on line 2 narrows the regimes a NEGATIVE is run under. It exists for
# one idiom only: AMP code that casts to float32 at the entry of an autocast-disabled region
# (`x.float()` inside `with torch.autocast(..., enabled=False):`). Such code is written for
# autocast and is correct there, but under model.half() the float32 input meets half weights;
# the analysis treats a disabled region as running under autocast only, so the fixture is
# checked only there. The header is refused on a positive and on a file without such a region.
RUNS_UNDER = re.compile(r"#\s*runs-under:\s*([\w-]+(?:\s*,\s*[\w-]+)*)\s*$")
EXPECT = re.compile(r"#\s*expect:\s*DG\d{3}")
AUTOCAST_DISABLED = re.compile(r"autocast\([^)]*enabled\s*=\s*False|autocast\(\s*False")


def read_runs_under(path, regime):
    """The module regimes a fixture is checked under: all three unless line 2 narrows them."""
    with open(path, encoding="utf-8") as f:
        text = f.read()
    lines = text.splitlines()
    m = RUNS_UNDER.match(lines[1]) if len(lines) > 1 else None
    if not m:
        if any(RUNS_UNDER.match(line) for line in lines[2:]):
            raise ValueError("'# runs-under:' must be on line 2")
        return MODULE_REGIMES
    names = tuple(r.strip() for r in m.group(1).split(","))
    if any(r not in MODULE_REGIMES for r in names) or regime not in names:
        raise ValueError(f"'# runs-under:' names module regimes ({', '.join(MODULE_REGIMES)}) "
                         f"including the line-1 regime {regime!r}, got {', '.join(names)}")
    if EXPECT.search(text):
        raise ValueError("'# runs-under:' is for negatives only: a positive is checked everywhere")
    if not AUTOCAST_DISABLED.search(text):
        raise ValueError("'# runs-under:' is only for code in an autocast-disabled region "
                         "(autocast(enabled=False) / autocast(False))")
    return tuple(r for r in MODULE_REGIMES if r in names)


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
        runs_under = read_runs_under(path, regime)
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
                             for r in runs_under}
        if runs_under != MODULE_REGIMES:
            result["runs_under"] = list(runs_under)
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
