"""pytest fixtures: a fresh broker per test (or per module where state is shared).
Under ctest (SKIFF_FORBID_SKIPS=1) a skipped test fails: a check that did not run
must not pass as done; the skip reason says what is missing."""
import os

import pytest

from broker_process import Broker


@pytest.fixture
def broker(tmp_path):
    b = Broker(tmp_path / "broker").start()
    yield b
    code = b.stop()
    assert code == 0, f"skiffd exited with {code} on SIGTERM:\n{b.log()}"


@pytest.fixture(scope="module")
def shared_broker(tmp_path_factory):
    b = Broker(tmp_path_factory.mktemp("shared-broker")).start()
    yield b
    code = b.stop()
    assert code == 0, f"skiffd exited with {code} on SIGTERM:\n{b.log()}"


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if report.skipped and os.environ.get("SKIFF_FORBID_SKIPS") == "1":
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
        report.outcome = "failed"
        report.longrepr = f"skipped, and skips are not allowed under ctest: {reason}"
