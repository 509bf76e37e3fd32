"""pytest fixtures: a fresh broker per test (or per module where state is shared)."""
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
