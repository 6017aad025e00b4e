"""conftest for the generated dtype tests of the fixtures: the oracle's CPU stand-in, and a record of each result.

Copied as conftest.py next to the generated test files by dtype-test.test.mjs. It installs the same
patches as harness.py (cuda_model.py: bfloat16 stands in for float16, CUDA's conv dtype checks and
autocast float32 ops; stubs/ for the CUDA-only custom ops), so a generated test meets the fixture
the way the oracle does, and writes one JSON line per test case to $DTYPE_TEST_RESULTS.
"""
import json
import os
import sys

ORACLE = os.environ["DTYPE_GUARD_ORACLE"]
sys.path.insert(0, os.path.join(ORACLE, "stubs"))
sys.path.insert(0, ORACLE)

import cuda_model  # noqa: E402

cuda_model.install()

import mmcv.runner.fp16_utils  # noqa: E402,F401  (the stub, imported after the patches as harness.py does)

_RESULTS = os.environ["DTYPE_TEST_RESULTS"]


def pytest_runtest_logreport(report):
    # One line per case: the call phase, or the setup phase when it was skipped or failed there.
    if report.when == "call" or (report.when == "setup" and report.outcome != "passed"):
        with open(_RESULTS, "a", encoding="utf-8") as f:
            f.write(json.dumps({"id": report.nodeid, "outcome": report.outcome, "message": report.longreprtext}) + "\n")
