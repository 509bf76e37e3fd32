"""Configuration as an operator meets it: conf.d snippets in lexical order, errors
with file:line and the nearest key, --check-config sources, SIGHUP reloads."""
import subprocess
import time

import pytest
from kafka.errors import KafkaError
from broker_process import Broker, build_dir
from kafka import KafkaAdminClient, KafkaProducer


def skiffd(*args, timeout=30):
    return subprocess.run([str(build_dir() / "kernel" / "app" / "skiffd"), *map(str, args)],
                          capture_output=True, text=True, timeout=timeout)


def test_bad_snippet_stops_startup_naming_file_line_and_nearest_key(tmp_path):
    b = Broker(tmp_path, conf_d={"10-retention.conf": "# comment\nlog.retention.hour=5\n",
                                 "20-threads.conf": "num.io.threads=many\n"})
    out = skiffd(b.config_path)
    assert out.returncode == 1
    assert ("conf.d/10-retention.conf:2: unknown config key 'log.retention.hour'; "
            "did you mean 'log.retention.hours'?") in out.stderr
    assert "conf.d/20-threads.conf:1: invalid value 'many' for 'num.io.threads'" in out.stderr


def test_out_of_range_value_is_refused(tmp_path):
    b = Broker(tmp_path, extra={"num.network.threads": "0"})
    out = skiffd(b.config_path)
    assert out.returncode == 1
    assert "server.properties:5" in out.stderr and "num.network.threads" in out.stderr


def test_check_config_shows_merged_values_and_sources(tmp_path):
    b = Broker(tmp_path, conf_d={"10-a.conf": "log.retention.hours=24\nnum.partitions=2\n",
                                 "20-b.conf": "num.partitions=3\n"})
    out = skiffd(b.config_path, "--check-config", "--override", "num.io.threads=4")
    assert out.returncode == 0, out.stderr
    lines = {line.split("=", 1)[0]: line for line in out.stdout.splitlines() if "=" in line}
    assert lines["log.retention.hours"].split("#")[1].strip().endswith("/conf.d/10-a.conf:1")
    # Later snippets win.
    assert lines["num.partitions"].startswith("num.partitions=3")
    assert lines["num.partitions"].split("#")[1].strip().endswith("/conf.d/20-b.conf:1")
    assert lines["num.io.threads"].split("#")[1].strip() == "override"
    assert lines["node.id"].split("#")[1].strip().endswith("/server.properties:1")


def test_snippet_defaults_apply_to_auto_created_topics(tmp_path):
    b = Broker(tmp_path, conf_d={"10-partitions.conf": "num.partitions=3\n"}).start()
    try:
        producer = KafkaProducer(bootstrap_servers=b.bootstrap)
        producer.send("from-snippet", b"x").get(timeout=20)
        assert len(producer.partitions_for("from-snippet")) == 3
        producer.close()
    finally:
        assert b.stop() == 0


def test_sighup_applies_dynamic_keys_and_refuses_bad_snippets(tmp_path):
    b = Broker(tmp_path).start()
    try:
        admin = KafkaAdminClient(bootstrap_servers=b.bootstrap)
        # A broken snippet: refused with file:line, the broker keeps serving.
        (b.workdir / "conf.d").mkdir(exist_ok=True)
        bad = b.workdir / "conf.d" / "50-bad.conf"
        bad.write_text("num.partitions=notanumber\n")
        b.reload()
        deadline = time.time() + 10
        while "config reload refused" not in b.log() and time.time() < deadline:
            time.sleep(0.1)
        assert "conf.d/50-bad.conf:1" in b.log()
        assert admin.list_topics() is not None
        # A good snippet with a dynamic key is applied, down to existing partition logs.
        producer = KafkaProducer(bootstrap_servers=b.bootstrap, max_request_size=10_000_000)
        producer.send("after-reload", b"x" * 5000).get(timeout=20)
        bad.write_text("message.max.bytes=1000\n")
        b.reload()
        deadline = time.time() + 10
        while "config reload applied message.max.bytes" not in b.log() and time.time() < deadline:
            time.sleep(0.1)
        assert "config reload applied message.max.bytes" in b.log()
        with pytest.raises(KafkaError) as refused:
            producer.send("after-reload", b"y" * 5000).get(timeout=20)
        assert "MessageSizeTooLarge" in type(refused.value).__name__
        producer.close()
        admin.close()
    finally:
        assert b.stop() == 0
