"""The broker starts, answers ApiVersions and Metadata to real clients, and stops
cleanly on SIGTERM."""
import subprocess

from kafka import KafkaAdminClient
from kafka.protocol.admin import ApiVersionRequest


def test_kcat_lists_the_broker(broker):
    out = subprocess.run(["kcat", "-b", broker.bootstrap, "-L", "-m", "5"],
                         capture_output=True, text=True, timeout=30)
    assert out.returncode == 0, out.stderr
    assert "1 brokers:" in out.stdout
    assert f"broker 1 at 127.0.0.1:{broker.port}" in out.stdout


def test_api_versions_lists_only_implemented_apis(broker):
    admin = KafkaAdminClient(bootstrap_servers=broker.bootstrap, client_id="smoke")
    try:
        client = admin._client
        node = client.least_loaded_node()
        future = client.send(node, ApiVersionRequest[0]())
        client.poll(future=future, timeout_ms=5000)
        assert future.succeeded(), future.exception
        keys = {api_key: (lo, hi) for api_key, lo, hi in future.value.api_versions}
        assert keys[18] == (0, 4)          # ApiVersions
        assert keys[3][1] == 12            # Metadata up to v12
        assert 1000 not in keys
        # Nothing unimplemented is advertised: no group or transaction APIs yet.
        assert 24 not in keys              # AddPartitionsToTxn
    finally:
        admin.close()


def test_metadata_auto_creates_a_topic(broker):
    out = subprocess.run(["kcat", "-b", broker.bootstrap, "-L", "-t", "auto-made", "-m", "5"],
                         capture_output=True, text=True, timeout=30)
    assert out.returncode == 0, out.stderr
    assert 'topic "auto-made" with 1 partitions' in out.stdout
