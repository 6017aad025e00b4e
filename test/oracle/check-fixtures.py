"""Runs every fixture of a directory in one Python process (torch starts once).

Usage: /usr/bin/python3 test/oracle/check-fixtures.py [DIR]   (default test/fixtures/code)
Prints the harness's JSON line per fixture (all module regimes for each); exit 1 if any label
is not confirmed: a positive must raise a dtype mismatch at a labelled line under the regime on
its first line, a negative must run under every module regime (or its script), or under the
regimes its `# runs-under:` line names (only for code in an autocast-disabled region; see
harness.py).
"""
import glob
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import harness  # noqa: E402

EXPECT = re.compile(r"#\s*expect:\s*(DG\d{3}(?:\s*,\s*DG\d{3})*)")


def expected_lines(path):
    found = {}
    with open(path, encoding="utf-8") as f:
        for n, text in enumerate(f, 1):
            m = EXPECT.search(text)
            if m:
                found[n] = [c.strip() for c in m.group(1).split(",")]
    return found


def labelled(run, expect):
    if run["status"] != "mismatch":
        return False
    if run["line"] in expect:
        return True
    # DG107 is labelled at the call that feeds the model, an outer frame.
    return any(n in expect and expect[n] == ["DG107"] for n in run["lines"])


def confirmed(result, expect):
    runs = list(result.get("regimes", {"_": result}).values())
    if not expect:
        # The analysis reports a call when any regime breaks it: negatives hold in every one
        # (every one the harness ran: all module regimes unless `# runs-under:` narrows them).
        return all(r["status"] == "ok" for r in runs)
    # A positive breaks at a label under its own regime; any other regime that breaks it must
    # break it at a label too, or the file holds an unlabelled finding.
    return labelled(result, expect) and all(r["status"] == "ok" or labelled(r, expect) for r in runs)


def main(argv):
    root = argv[0] if argv else os.path.normpath(os.path.join(HERE, "..", "fixtures", "code"))
    paths = sorted(glob.glob(os.path.join(root, "*.py")))
    bad = 0
    for i, path in enumerate(paths):
        result = harness.run_one(path, i, all_regimes=True)
        result["confirmed"] = confirmed(result, expected_lines(path))
        bad += not result["confirmed"]
        print(json.dumps(result), flush=True)
    print(f"{len(paths) - bad}/{len(paths)} labels confirmed", file=sys.stderr)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
