"""Observability: the metrics-prometheus plugin serves the broker's metrics with the
Prometheus JMX exporter's Kafka names. A real Prometheus server scrapes it while
confluent-kafka and kcat produce and consume and a consumer group lags; the counters
move by exactly what was sent, latency summaries fill, the lag is what was left
unconsumed, promtool accepts the output, and /health, /ready, OpenMetrics and basic
auth behave."""
import subprocess
import time

import pytest
from confluent_kafka import Consumer, Producer, TopicPartition
from confluent_kafka.admin import AdminClient, NewTopic

import metrics_scrape as ms
from broker_process import Broker, free_port
from prometheus_process import PROMTOOL, PrometheusServer

# The one name Kafka's dashboards use that promtool's linter dislikes (a gauge ending in
# _count); it is kept for compatibility, and is the only finding allowed.
PROMTOOL_ACCEPTED_LINT = {
    "kafka_server_socket_server_metrics_connection_count":
        'kafka_server_socket_server_metrics_connection_count non-histogram and non-summary '
        'metrics should not have "_count" suffix',
}
PRODUCED = 50
COMMITTED = 20
VALUE = b"v" * 100


def metrics_conf(port: int, extra: str = "") -> dict:
    # What an operator drops into conf.d/ to turn the exporter on.
    return {"50-metrics.conf": f"metrics.prometheus.enable=true\n"
                               f"metrics.prometheus.listen=127.0.0.1:{port}\n{extra}"}


@pytest.fixture(scope="module")
def env(tmp_path_factory):
    port = free_port()
    broker = Broker(tmp_path_factory.mktemp("metrics-broker"), conf_d=metrics_conf(port)).start()
    prometheus = PrometheusServer(tmp_path_factory.mktemp("prometheus"), [f"127.0.0.1:{port}"])
    try:
        prometheus.start()
        yield broker, port, prometheus
    finally:
        prometheus.stop()
        code = broker.stop()
        assert code == 0, f"skiffd exited with {code}:\n{broker.log()}"


def url(port: int, path: str) -> str:
    return f"http://127.0.0.1:{port}{path}"


def scrape(port: int) -> dict:
    status, _, body = ms.fetch(url(port, "/metrics"))
    assert status == 200, body
    return ms.parse(body)


def create_topic(broker, name, partitions=1):
    admin = AdminClient({"bootstrap.servers": broker.bootstrap})
    admin.create_topics([NewTopic(name, num_partitions=partitions,
                                  replication_factor=1)])[name].result(15)


def produce(broker, topic, count):
    producer = Producer({"bootstrap.servers": broker.bootstrap, "linger.ms": 5})
    for i in range(count):
        producer.produce(topic, value=VALUE, key=str(i).encode())
    assert producer.flush(20) == 0


def consume_and_commit(broker, topic, group, count):
    consumer = Consumer({"bootstrap.servers": broker.bootstrap, "group.id": group,
                         "enable.auto.commit": False, "auto.offset.reset": "earliest"})
    try:
        consumer.assign([TopicPartition(topic, 0, 0)])
        got = 0
        deadline = time.time() + 20
        while got < count and time.time() < deadline:
            msg = consumer.poll(0.5)
            if msg is not None and msg.error() is None:
                got += 1
        assert got == count
        consumer.commit(offsets=[TopicPartition(topic, 0, count)], asynchronous=False)
    finally:
        consumer.close()


def test_health_and_ready(env):
    _, port, _ = env
    status, _, body = ms.fetch(url(port, "/health"))
    assert (status, body) == (200, "ok\n")
    status, _, body = ms.fetch(url(port, "/ready"))
    assert status == 200, body
    assert "storage: ready" in body and "controller: ready" in body and "listeners: ready" in body
    status, _, _ = ms.fetch(url(port, "/nope"))
    assert status == 404


def test_prometheus_sees_produce_consume_and_lag(env):
    broker, port, prometheus = env
    topic = "metrics-orders"
    create_topic(broker, topic)
    produce(broker, topic, PRODUCED)
    consume_and_commit(broker, topic, "lagging-group", COMMITTED)

    # Counters moved by exactly what was sent, as Prometheus scraped them.
    q = prometheus.wait_value
    assert q(f'kafka_server_brokertopicmetrics_messagesin_total{{topic="{topic}"}}',
             lambda v: v >= PRODUCED) == PRODUCED
    bytes_in = q(f'kafka_server_brokertopicmetrics_bytesin_total{{topic="{topic}"}}',
                 lambda v: v >= PRODUCED * len(VALUE))
    # Record batch bytes: the values plus per-record and per-batch framing.
    assert PRODUCED * len(VALUE) <= bytes_in <= PRODUCED * (len(VALUE) + 80)
    assert q(f'kafka_server_brokertopicmetrics_bytesout_total{{topic="{topic}"}}',
             lambda v: v > 0) >= COMMITTED * len(VALUE)
    assert q(f'kafka_server_brokertopicmetrics_totalproducerequests_total{{topic="{topic}"}}',
             lambda v: v >= 1) >= 1
    assert q(f'kafka_server_brokertopicmetrics_totalfetchrequests_total{{topic="{topic}"}}',
             lambda v: v >= 1) >= 1
    assert q(f'kafka_server_brokertopicmetrics_failedproducerequests_total{{topic="{topic}"}}',
             lambda v: True) == 0
    # The series without a topic label is the broker total.
    assert q('kafka_server_brokertopicmetrics_messagesin_total{topic=""}',
             lambda v: v >= PRODUCED) >= PRODUCED

    # The lag is what the group left unconsumed (kafka_exporter's names).
    lag_labels = f'consumergroup="lagging-group",topic="{topic}",partition="0"'
    assert q(f"kafka_consumergroup_lag{{{lag_labels}}}", lambda v: True) == PRODUCED - COMMITTED
    assert q(f"kafka_consumergroup_current_offset{{{lag_labels}}}", lambda v: True) == COMMITTED
    assert q(f'kafka_topic_partition_current_offset{{topic="{topic}",partition="0"}}',
             lambda v: True) == PRODUCED
    assert q(f'kafka_topic_partition_oldest_offset{{topic="{topic}",partition="0"}}',
             lambda v: True) == 0
    assert q(f'kafka_log_log_logendoffset{{topic="{topic}",partition="0"}}',
             lambda v: True) == PRODUCED
    assert q(f'kafka_log_log_size{{topic="{topic}",partition="0"}}', lambda v: v > 0) >= bytes_in

    # Latency summaries are populated, and count what requests_total counts.
    produce_count = q('kafka_network_requestmetrics_totaltimems_count{request="Produce"}',
                      lambda v: v >= 1)
    assert q('sum(kafka_network_requestmetrics_requests_total{request="Produce"})',
             lambda v: v >= produce_count) == produce_count
    for name in ("totaltimems", "localtimems", "responsesendtimems", "requestqueuetimems"):
        assert q(f'kafka_network_requestmetrics_{name}{{request="Produce",quantile="0.99"}}',
                 lambda v: v > 0) > 0
    assert q('kafka_network_requestmetrics_totaltimems_count{request="FetchConsumer"}',
             lambda v: v >= 1) >= 1
    # Single node: nothing under-replicated or offline, this broker is the controller.
    assert q("kafka_server_replicamanager_underreplicatedpartitions", lambda v: True) == 0
    assert q("kafka_controller_kafkacontroller_activecontrollercount", lambda v: True) == 1
    assert q("kafka_controller_kafkacontroller_offlinepartitionscount", lambda v: True) == 0
    assert q("kafka_server_replicamanager_leadercount", lambda v: v >= 1) >= 1
    assert q('up{job="skiff"}', lambda v: v == 1) == 1
    assert q('kafka_server_socket_server_metrics_connection_count{listener="PLAINTEXT"}',
             lambda v: True) >= 0


def test_kcat_traffic_moves_counters_by_what_was_sent(env):
    broker, port, _ = env
    topic = "metrics-kcat"
    create_topic(broker, topic)
    before = scrape(port)
    lines = [f"line-{i}" for i in range(10)]
    subprocess.run(["kcat", "-b", broker.bootstrap, "-t", topic, "-P"],
                   input="\n".join(lines) + "\n", text=True, check=True, timeout=30)
    out = subprocess.run(["kcat", "-b", broker.bootstrap, "-t", topic, "-C", "-o", "beginning",
                          "-e", "-q"], capture_output=True, text=True, check=True, timeout=30)
    assert out.stdout.split() == lines
    after = scrape(port)
    name = "kafka_server_brokertopicmetrics_messagesin_total"
    assert ms.value(after, name, topic=topic) == 10
    assert ms.value(after, name) - ms.value(before, name) == 10
    assert ms.value(after, "kafka_server_brokertopicmetrics_bytesout_total", topic=topic) >= \
        sum(len(line) for line in lines)


def test_promtool_accepts_the_scrape(env):
    broker, port, _ = env
    produce(broker, "metrics-promtool", 3)
    status, headers, body = ms.fetch(url(port, "/metrics"))
    assert status == 200 and headers["Content-Type"].startswith("text/plain; version=0.0.4")
    check = subprocess.run([PROMTOOL, "check", "metrics"], input=body, text=True,
                           capture_output=True, timeout=30)
    findings = set((check.stdout + check.stderr).splitlines())
    assert findings <= set(PROMTOOL_ACCEPTED_LINT.values()), findings
    # Without the accepted names, promtool finds nothing at all.
    rest = "".join(line for line in body.splitlines(keepends=True)
                   if not any(name in line for name in PROMTOOL_ACCEPTED_LINT))
    check = subprocess.run([PROMTOOL, "check", "metrics"], input=rest, text=True,
                           capture_output=True, timeout=30)
    assert check.returncode == 0, check.stdout + check.stderr
    kinds = ms.families(body)
    assert kinds["kafka_network_requestmetrics_totaltimems"] == "summary"
    assert kinds["kafka_server_brokertopicmetrics_messagesin_total"] == "counter"
    assert kinds["kafka_server_replicamanager_underreplicatedpartitions"] == "gauge"
    for name in ("process_cpu_seconds_total", "process_resident_memory_bytes", "process_open_fds"):
        assert ms.total(ms.parse(body), name) > 0


def test_openmetrics_when_asked(env):
    _, port, _ = env
    status, headers, body = ms.fetch(url(port, "/metrics"),
                                     accept="application/openmetrics-text; version=1.0.0")
    assert status == 200
    assert headers["Content-Type"].startswith("application/openmetrics-text; version=1.0.0")
    assert body.endswith("# EOF\n")
    assert "# TYPE kafka_server_brokertopicmetrics_messagesin counter\n" in body
    assert "\nkafka_server_brokertopicmetrics_messagesin_total " in body


def test_basic_auth(tmp_path):
    port = free_port()
    broker = Broker(tmp_path / "b", conf_d=metrics_conf(
        port, "metrics.prometheus.basic.auth.user=scraper\n"
              "metrics.prometheus.basic.auth.password=s3cret\n")).start()
    try:
        status, headers, _ = ms.fetch(url(port, "/metrics"))
        assert status == 401 and "Basic" in headers["WWW-Authenticate"]
        assert ms.fetch(url(port, "/metrics"), auth=("scraper", "wrong"))[0] == 401
        status, _, body = ms.fetch(url(port, "/metrics"), auth=("scraper", "s3cret"))
        assert status == 200 and "kafka_controller_kafkacontroller_activecontrollercount 1" in body
        # Probes stay open: orchestrators call them without credentials.
        assert ms.fetch(url(port, "/health"))[0] == 200
    finally:
        assert broker.stop() == 0, broker.log()


def test_taken_port_stops_startup_with_the_address(tmp_path):
    import socket
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        broker = Broker(tmp_path / "b", conf_d=metrics_conf(port))
        with pytest.raises(RuntimeError) as failure:
            broker.start()
        assert f"metrics.prometheus.listen=127.0.0.1:{port}" in str(failure.value)


def test_request_log_per_api_changeable_at_runtime(tmp_path):
    broker = Broker(tmp_path / "b", conf_d={"60-requests.conf": "log.request.apis=Produce\n"}).start()
    try:
        subprocess.run(["kcat", "-b", broker.bootstrap, "-t", "logged", "-P", "-X",
                        "client.id=request-log-test"], input="a\nb\n", text=True, check=True,
                       timeout=30)
        deadline = time.time() + 10
        while "Produce v" not in broker.log() and time.time() < deadline:
            time.sleep(0.2)
        lines = [l for l in broker.log().splitlines() if "Produce v" in l]
        assert lines, broker.log()
        assert "client 'request-log-test'" in lines[0] and "responded" in lines[0]
        assert "principal User:ANONYMOUS on PLAINTEXT" in lines[0]
        assert "Metadata v" not in broker.log()
        # SIGHUP switches the logged APIs without a restart.
        (broker.workdir / "conf.d" / "60-requests.conf").write_text("log.request.apis=Metadata\n")
        broker.reload()
        deadline = time.time() + 10
        while "config reload applied log.request.apis" not in broker.log() and time.time() < deadline:
            time.sleep(0.2)
        subprocess.run(["kcat", "-b", broker.bootstrap, "-L"], capture_output=True, check=True,
                       timeout=30)
        deadline = time.time() + 10
        while "Metadata v" not in broker.log() and time.time() < deadline:
            time.sleep(0.2)
        assert "Metadata v" in broker.log(), broker.log()
    finally:
        assert broker.stop() == 0, broker.log()


def test_https_endpoint(tmp_path):
    import ssl
    cert, key = tmp_path / "metrics.crt", tmp_path / "metrics.key"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
                    "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
                    "-keyout", str(key), "-out", str(cert)], check=True, capture_output=True,
                   timeout=60)
    port = free_port()
    broker = Broker(tmp_path / "b", conf_d=metrics_conf(
        port, f"metrics.prometheus.tls.certificate.file={cert}\n"
              f"metrics.prometheus.tls.key.file={key}\n")).start()
    try:
        context = ssl.create_default_context(cafile=str(cert))
        status, _, body = ms.fetch(f"https://127.0.0.1:{port}/metrics", context=context)
        assert status == 200 and "process_open_fds" in body
        # Plain HTTP to the HTTPS port gets nothing useful.
        with pytest.raises(Exception):
            ms.fetch(url(port, "/metrics"))
    finally:
        assert broker.stop() == 0, broker.log()


def test_deleted_topic_series_go(env):
    broker, port, _ = env
    create_topic(broker, "metrics-doomed")
    produce(broker, "metrics-doomed", 4)
    name = "kafka_server_brokertopicmetrics_messagesin_total"
    assert ms.value(scrape(port), name, topic="metrics-doomed") == 4
    admin = AdminClient({"bootstrap.servers": broker.bootstrap})
    admin.delete_topics(["metrics-doomed"])["metrics-doomed"].result(15)
    deadline = time.time() + 10
    while ms.value(scrape(port), name, topic="metrics-doomed") is not None and time.time() < deadline:
        time.sleep(0.2)
    samples = scrape(port)
    assert ms.value(samples, name, topic="metrics-doomed") is None
    assert not [k for k in samples if ("topic", "metrics-doomed") in k[1]]


def test_storage_engine_reports_fsync_times(tmp_path):
    """The storage plugin observes each flush into Kafka's LogFlushRateAndTimeMs."""
    port = free_port()
    broker = Broker(tmp_path, extra={"log.flush.on.append": "true"}, conf_d=metrics_conf(port)).start()
    try:
        name = "kafka_log_logflushstats_logflushrateandtimems"
        create_topic(broker, "flushed")
        before = ms.value(scrape(port), f"{name}_count") or 0
        producer = Producer({"bootstrap.servers": broker.bootstrap, "linger.ms": 0})
        for i in range(5):
            producer.produce("flushed", f"r{i}".encode())
            producer.flush(10)  # one request, so one append and one fsync, each
        after = scrape(port)
        assert ms.value(after, f"{name}_count") - before >= 5
        assert ms.value(after, f"{name}_sum") > 0
        assert ms.value(after, name, quantile="0.99") > 0
    finally:
        assert broker.stop() == 0, broker.log()
