"""docs/METRICS.md, the Grafana dashboard and the Prometheus alert rules against a live
scrape: every documented metric is exported with its documented type and every
exported one is documented; every metric the dashboard or the alerts use is
exported; promtool accepts the alert rules."""
import json
import re
import subprocess
import time
from pathlib import Path

import pytest
import yaml
from confluent_kafka import Consumer, Producer, TopicPartition
from confluent_kafka.admin import AdminClient, NewTopic

import metrics_scrape as ms
from broker_process import Broker, free_port
from prometheus_process import PROMTOOL

ROOT = Path(__file__).resolve().parents[2]
DOC = ROOT / "docs" / "METRICS.md"
DASHBOARD = ROOT / "packaging" / "grafana" / "skiff-broker-dashboard.json"
ALERTS = ROOT / "packaging" / "prometheus" / "skiff-alerts.yml"
# Series Prometheus itself adds to every target.
PROMETHEUS_OWN = {"up"}


@pytest.fixture(scope="module")
def scrape(tmp_path_factory):
    """A scrape of a broker that has seen produce, fetch and a group commit, so every
    family has a series."""
    port = free_port()
    broker = Broker(tmp_path_factory.mktemp("catalog"), conf_d={
        "50-metrics.conf": f"metrics.prometheus.enable=true\n"
                           f"metrics.prometheus.listen=127.0.0.1:{port}\n"}).start()
    try:
        admin = AdminClient({"bootstrap.servers": broker.bootstrap})
        admin.create_topics(
            [NewTopic("catalog", num_partitions=1, replication_factor=1)])["catalog"].result(15)
        producer = Producer({"bootstrap.servers": broker.bootstrap})
        for i in range(5):
            producer.produce("catalog", value=b"x" * 10)
        assert producer.flush(20) == 0
        consumer = Consumer({"bootstrap.servers": broker.bootstrap, "group.id": "catalog-group",
                             "enable.auto.commit": False, "auto.offset.reset": "earliest"})
        consumer.assign([TopicPartition("catalog", 0, 0)])
        deadline = time.time() + 20
        while consumer.poll(0.5) is None and time.time() < deadline:
            pass
        consumer.commit(offsets=[TopicPartition("catalog", 0, 2)], asynchronous=False)
        consumer.close()
        status, _, body = ms.fetch(f"http://127.0.0.1:{port}/metrics")
        assert status == 200
        yield body
    finally:
        assert broker.stop() == 0, broker.log()


def documented() -> dict:
    """{name: type} from the table rows of docs/METRICS.md."""
    rows = re.findall(r"^\| `([a-z_:][a-z0-9_:]*)` \| (counter|gauge|summary) \|", DOC.read_text(),
                      re.MULTILINE)
    assert len(rows) > 40
    return dict(rows)


def sample_names(body: str) -> set:
    return {name for name, _ in ms.parse(body)}


def test_every_documented_metric_is_exported_with_its_type(scrape):
    exported = ms.families(scrape)
    missing = {n: t for n, t in documented().items() if exported.get(n) != t}
    assert not missing, f"documented but not exported (or another type): {missing}"


def test_every_exported_metric_is_documented(scrape):
    undocumented = set(ms.families(scrape)) - set(documented())
    assert not undocumented, f"exported but not in docs/METRICS.md: {sorted(undocumented)}"


def metric_names(expr: str) -> set:
    """Metric names a PromQL expression selects (label matchers and strings removed)."""
    expr = re.sub(r'"(?:[^"\\]|\\.)*"', "", expr)
    expr = re.sub(r"\{[^}]*\}", " ", expr)
    expr = re.sub(r"\[[^\]]*\]", " ", expr)
    expr = re.sub(r"\b(by|without|on|ignoring)\s*\([^)]*\)", " ", expr)
    names = set()
    for m in re.finditer(r"[a-zA-Z_:][a-zA-Z0-9_:]*", expr):
        rest = expr[m.end():].lstrip()
        if rest.startswith("("):
            continue  # a function or aggregation
        names.add(m.group(0))
    return names


def test_dashboard_uses_only_exported_metrics(scrape):
    dashboard = json.loads(DASHBOARD.read_text())
    exprs = [t["expr"] for p in dashboard["panels"] for t in p.get("targets", [])]
    assert len(exprs) >= 15
    used = set().union(*(metric_names(e) for e in exprs))
    assert "kafka_consumergroup_lag" in used and "kafka_log_logflushstats_logflushrateandtimems" in used
    missing = used - sample_names(scrape) - PROMETHEUS_OWN
    assert not missing, f"the dashboard uses metrics the broker does not export: {missing}"


def test_alert_rules_pass_promtool_and_use_only_exported_metrics(scrape):
    check = subprocess.run([PROMTOOL, "check", "rules", str(ALERTS)], capture_output=True,
                           text=True, timeout=30)
    assert check.returncode == 0, check.stdout + check.stderr
    rules = [r for g in yaml.safe_load(ALERTS.read_text())["groups"] for r in g["rules"]]
    alerts = {r["alert"] for r in rules}
    assert {"SkiffBrokerDown", "SkiffUnderReplicatedPartitions", "SkiffConsumerLagHigh",
            "SkiffDiskUsageHigh"} <= alerts
    used = set().union(*(metric_names(r["expr"]) for r in rules))
    missing = used - sample_names(scrape) - PROMETHEUS_OWN
    assert not missing, f"the alert rules use metrics the broker does not export: {missing}"
