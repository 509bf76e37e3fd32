"""Produce and consume through a real skiffd with kcat, kafka-python and confluent-kafka:
keys, headers, timestamps, null keys and values, acks 0/1/all, every compression codec
(byte-identical round trips), assign + seek, offsets_for_times, long-polling fetches,
incremental fetch sessions (KIP-227), topic ids (Fetch v13+), max_bytes and
read_committed (raw protocol where no Python client exposes it)."""
import os
import subprocess
import threading
import time

import pytest
from confluent_kafka import Consumer, Producer, TopicPartition
from confluent_kafka.admin import AdminClient, NewTopic
from kafka import KafkaConsumer, KafkaProducer
from kafka import TopicPartition as KTopicPartition

import kafka_wire as kw

NONE = 0
OFFSET_OUT_OF_RANGE, UNKNOWN_TOPIC_OR_PARTITION = 1, 3
FETCH_SESSION_ID_NOT_FOUND, INVALID_FETCH_SESSION_EPOCH = 70, 71
UNKNOWN_LEADER_EPOCH, UNKNOWN_TOPIC_ID = 75, 100


def create_topic(broker, name, partitions=1):
    admin = AdminClient({"bootstrap.servers": broker.bootstrap})
    futures = admin.create_topics([NewTopic(name, num_partitions=partitions, replication_factor=1)])
    futures[name].result(15)


def confluent_consumer(broker, **extra):
    config = {"bootstrap.servers": broker.bootstrap, "group.id": "datapath-tests",
              "enable.auto.commit": False, "auto.offset.reset": "earliest"}
    config.update(extra)
    return Consumer(config)


def consume_confluent(broker, topic, count, partition=0, offset=0, timeout=20.0, **extra):
    consumer = confluent_consumer(broker, **extra)
    try:
        consumer.assign([TopicPartition(topic, partition, offset)])
        out = []
        deadline = time.time() + timeout
        while len(out) < count and time.time() < deadline:
            msg = consumer.poll(0.5)
            if msg is None:
                continue
            assert msg.error() is None, msg.error()
            out.append(msg)
        return out
    finally:
        consumer.close()


def kafka_python_consumer(broker, **extra):
    config = {"consumer_timeout_ms": 5000, **extra}
    return KafkaConsumer(bootstrap_servers=broker.bootstrap, group_id=None,
                         enable_auto_commit=False, **config)


def produce_confluent(broker, topic, messages, **config):
    producer = Producer({"bootstrap.servers": broker.bootstrap, "linger.ms": 5, **config})
    reports = []

    def delivered(err, msg):
        reports.append((err, msg.offset() if err is None else None))

    for m in messages:
        producer.produce(topic, on_delivery=delivered, **m)
    assert producer.flush(20) == 0
    assert all(err is None for err, _ in reports), reports
    return [offset for _, offset in reports]


# --- clients ----------------------------------------------------------------------

def test_kcat_round_trip_with_keys(broker):
    create_topic(broker, "kcat-keys")
    lines = "".join(f"key{i}:value {i}\n" for i in range(50))
    out = subprocess.run(["kcat", "-b", broker.bootstrap, "-P", "-t", "kcat-keys", "-p", "0",
                          "-K:"], input=lines, capture_output=True, text=True, timeout=30)
    assert out.returncode == 0, out.stderr
    out = subprocess.run(["kcat", "-b", broker.bootstrap, "-C", "-t", "kcat-keys", "-p", "0",
                          "-o", "beginning", "-e", "-f", "%o %k=%s\n"],
                         capture_output=True, text=True, timeout=30)
    assert out.returncode == 0, out.stderr
    assert out.stdout.splitlines() == [f"{i} key{i}=value {i}" for i in range(50)]


def test_keys_headers_timestamps_and_nulls_survive_every_client(broker):
    create_topic(broker, "fields")
    base = 1_700_000_000_000
    messages = [
        {"key": b"k0", "value": b"v0", "headers": [("h1", b"a"), ("h2", b"")], "timestamp": base},
        {"key": None, "value": b"no key", "timestamp": base + 1},
        {"key": b"tombstone", "value": None, "timestamp": base + 2},
        {"key": b"", "value": b"", "headers": [("dup", b"1"), ("dup", b"2")], "timestamp": base + 3},
    ]
    assert produce_confluent(broker, "fields", messages) == [0, 1, 2, 3]

    got = consume_confluent(broker, "fields", 4)
    assert [m.offset() for m in got] == [0, 1, 2, 3]
    assert [m.key() for m in got] == [b"k0", None, b"tombstone", b""]
    assert [m.value() for m in got] == [b"v0", b"no key", None, b""]
    assert got[0].headers() == [("h1", b"a"), ("h2", b"")]
    assert got[3].headers() == [("dup", b"1"), ("dup", b"2")]
    assert [m.timestamp()[1] for m in got] == [base, base + 1, base + 2, base + 3]

    consumer = kafka_python_consumer(broker)
    tp = KTopicPartition("fields", 0)
    consumer.assign([tp])
    consumer.seek_to_beginning(tp)
    records = [next(consumer) for _ in range(4)]
    consumer.close()
    assert [(r.offset, r.key, r.value, r.timestamp) for r in records] == [
        (0, b"k0", b"v0", base), (1, None, b"no key", base + 1),
        (2, b"tombstone", None, base + 2), (3, b"", b"", base + 3)]
    assert records[0].headers == [("h1", b"a"), ("h2", b"")]

    out = subprocess.run(["kcat", "-b", broker.bootstrap, "-C", "-t", "fields", "-e",
                          "-f", "%o|%k|%s|%T\n", "-Z"], capture_output=True, text=True, timeout=30)
    assert out.returncode == 0, out.stderr
    assert out.stdout.splitlines()[:3] == [f"0|k0|v0|{base}", f"1|NULL|no key|{base + 1}",
                                           f"2|tombstone|NULL|{base + 2}"]


@pytest.mark.parametrize("acks", [0, 1, "all"])
def test_kafka_python_producer_acks(broker, acks):
    topic = f"acks-{acks}"
    create_topic(broker, topic)
    producer = KafkaProducer(bootstrap_servers=broker.bootstrap, acks=acks, linger_ms=2)
    futures = [producer.send(topic, key=b"k%d" % i, value=b"value-%d" % i, partition=0)
               for i in range(100)]
    producer.flush(20)
    metadata = [f.get(10) for f in futures]
    producer.close()
    if acks != 0:
        assert [m.offset for m in metadata] == list(range(100))
    got = consume_confluent(broker, topic, 100)
    assert [m.offset() for m in got] == list(range(100))
    assert [m.value() for m in got] == [b"value-%d" % i for i in range(100)]


@pytest.mark.parametrize("codec", ["none", "gzip", "snappy", "lz4", "zstd"])
def test_compressed_batches_round_trip_byte_identical(broker, codec):
    topic = f"codec-{codec}"
    create_topic(broker, topic)
    values = [os.urandom(n) for n in (0, 1, 100, 5000, 70000)]
    values += [b"compressible " * 2000, bytes(range(256)) * 10]
    messages = [{"key": b"k%d" % i, "value": v} for i, v in enumerate(values)]
    offsets = produce_confluent(broker, topic, messages, **{"compression.type": codec,
                                                          "linger.ms": 50})
    assert offsets == list(range(len(values)))

    got = consume_confluent(broker, topic, len(values))
    assert [m.value() for m in got] == values
    assert [m.key() for m in got] == [b"k%d" % i for i in range(len(values))]

    out = subprocess.run(["kcat", "-b", broker.bootstrap, "-C", "-t", topic, "-e",
                          "-f", "%o:%S\n"], capture_output=True, text=True, timeout=30)
    assert out.returncode == 0, out.stderr
    assert out.stdout.splitlines() == [f"{i}:{len(v)}" for i, v in enumerate(values)]

    if codec in ("none", "gzip"):  # the codecs kafka-python can decode here
        consumer = kafka_python_consumer(broker)
        tp = KTopicPartition(topic, 0)
        consumer.assign([tp])
        consumer.seek(tp, 0)
        assert [next(consumer).value for _ in values] == values
        consumer.close()


def test_kcat_compressed_producer(broker):
    create_topic(broker, "kcat-zstd")
    lines = "".join(f"line {i}\n" for i in range(1000))
    out = subprocess.run(["kcat", "-b", broker.bootstrap, "-P", "-t", "kcat-zstd", "-z", "zstd"],
                         input=lines, capture_output=True, text=True, timeout=30)
    assert out.returncode == 0, out.stderr
    got = consume_confluent(broker, "kcat-zstd", 1000)
    assert [m.value().decode() for m in got] == [f"line {i}" for i in range(1000)]


def test_assign_seek_and_offsets_for_times(broker):
    create_topic(broker, "times")
    base = 1_600_000_000_000
    messages = [{"value": b"m%d" % i, "timestamp": base + 1000 * i} for i in range(10)]
    produce_confluent(broker, "times", messages, **{"linger.ms": 0, "batch.num.messages": 1})

    consumer = confluent_consumer(broker)
    try:
        found = consumer.offsets_for_times([TopicPartition("times", 0, base + 3500)], 10)
        assert found[0].offset == 4
        found = consumer.offsets_for_times([TopicPartition("times", 0, base + 1000 * 99)], 10)
        assert found[0].offset == -1  # nothing that late: the end
        consumer.assign([TopicPartition("times", 0, 7)])
        msg = consumer.poll(10)
        assert msg is not None and msg.error() is None
        assert (msg.offset(), msg.value()) == (7, b"m7")
        consumer.seek(TopicPartition("times", 0, 2))
        deadline = time.time() + 10
        msg = None
        while time.time() < deadline:
            msg = consumer.poll(0.5)
            if msg is not None and msg.offset() == 2:
                break
        assert msg is not None and msg.value() == b"m2"
    finally:
        consumer.close()

    kconsumer = kafka_python_consumer(broker)
    tp = KTopicPartition("times", 0)
    found = kconsumer.offsets_for_times({tp: base + 5000})
    assert (found[tp].offset, found[tp].timestamp) == (5, base + 5000)
    assert kconsumer.offsets_for_times({tp: base + 10_000_000})[tp] is None
    kconsumer.assign([tp])
    kconsumer.seek(tp, 8)
    assert [r.value for r in (next(kconsumer), next(kconsumer))] == [b"m8", b"m9"]
    kconsumer.close()


# --- long poll ----------------------------------------------------------------------

def test_waiting_consumer_gets_a_record_produced_later(broker):
    create_topic(broker, "later")
    consumer = kafka_python_consumer(broker, fetch_max_wait_ms=10_000, consumer_timeout_ms=15_000)
    tp = KTopicPartition("later", 0)
    consumer.assign([tp])
    consumer.seek(tp, 0)
    received = {}

    def consume():
        record = next(consumer)
        received["value"] = record.value
        received["at"] = time.time()

    thread = threading.Thread(target=consume)
    thread.start()
    time.sleep(1.5)
    sent_at = time.time()
    produce_confluent(broker, "later", [{"value": b"hello later"}])
    thread.join(20)
    consumer.close()
    assert received.get("value") == b"hello later"
    assert received["at"] - sent_at < 3.0  # woken by the produce, not by max_wait_ms


def test_fetch_waits_max_wait_ms_when_there_is_nothing(broker):
    create_topic(broker, "idle")
    with kw.Connection(broker.bootstrap) as conn:
        start = time.time()
        error, _, parts = kw.fetch(conn, [("idle", 0, 0)], max_wait_ms=1500, min_bytes=1)
        waited = time.time() - start
    assert error == NONE
    assert parts[("idle", 0)]["records"] == b""
    assert 1.3 <= waited < 5.0


def test_parked_fetch_wakes_on_produce_with_the_data(broker):
    create_topic(broker, "wake")
    result = {}

    def long_fetch():
        with kw.Connection(broker.bootstrap, timeout=30) as conn:
            result["response"] = kw.fetch(conn, [("wake", 0, 0)], max_wait_ms=20_000, min_bytes=1)
            result["at"] = time.time()

    thread = threading.Thread(target=long_fetch)
    thread.start()
    time.sleep(1.0)
    produced_at = time.time()
    with kw.Connection(broker.bootstrap) as conn:
        [r] = kw.produce(conn, "wake", 0, kw.record_batch([(b"k", b"woken")]))
        assert r["error_code"] == NONE
    thread.join(30)
    assert result["at"] - produced_at < 3.0
    error, _, parts = result["response"]
    assert error == NONE
    batches = list(kw.parse_batches(parts[("wake", 0)]["records"]))
    assert batches[0][3] == [(b"k", b"woken")]
    assert parts[("wake", 0)]["high_watermark"] == 1


def test_min_bytes_holds_the_response_until_enough_data(broker):
    create_topic(broker, "min-bytes")
    result = {}

    def fetch():
        with kw.Connection(broker.bootstrap, timeout=30) as conn:
            result["response"] = kw.fetch(conn, [("min-bytes", 0, 0)], max_wait_ms=20_000,
                                          min_bytes=2000)
            result["at"] = time.time()

    thread = threading.Thread(target=fetch)
    thread.start()
    with kw.Connection(broker.bootstrap) as conn:
        time.sleep(0.5)
        kw.produce(conn, "min-bytes", 0, kw.record_batch([(None, b"x" * 100)]))
        time.sleep(1.0)
        assert "at" not in result  # 100 bytes are not 2000
        big_at = time.time()
        kw.produce(conn, "min-bytes", 0, kw.record_batch([(None, b"y" * 3000)]))
    thread.join(30)
    assert result["at"] - big_at < 3.0
    _, _, parts = result["response"]
    assert len(list(kw.parse_batches(parts[("min-bytes", 0)]["records"]))) == 2


# --- raw protocol: sessions, topic ids, limits, isolation ---------------------------------

def test_incremental_fetch_session(broker):
    create_topic(broker, "sess", partitions=2)
    with kw.Connection(broker.bootstrap) as conn:
        for p in (0, 1):
            kw.produce(conn, "sess", p, kw.record_batch([(None, b"p%d" % p)]))
        # Epoch 0: a full fetch that creates a session.
        error, sid, parts = kw.fetch(conn, [("sess", 0, 0), ("sess", 1, 0)], session_epoch=0)
        assert error == NONE and sid > 0
        assert set(parts) == {("sess", 0), ("sess", 1)}

        # Epoch 1 moves both fetch offsets to the end: no records and unchanged
        # watermarks, so an incremental response lists nothing.
        error, sid1, parts = kw.fetch(conn, [("sess", 0, 1), ("sess", 1, 1)],
                                      session_id=sid, session_epoch=1)
        assert (error, sid1) == (NONE, sid)
        assert parts == {}  # offsets moved to the end, nothing new, same watermarks

        # New data on partition 1 only: only partition 1 is in the response.
        kw.produce(conn, "sess", 1, kw.record_batch([(None, b"more")]))
        error, _, parts = kw.fetch(conn, [], session_id=sid, session_epoch=2)
        assert error == NONE
        assert list(parts) == [("sess", 1)]
        assert [b[3] for b in kw.parse_batches(parts[("sess", 1)]["records"])] == [[(None, b"more")]]
        assert parts[("sess", 1)]["high_watermark"] == 2

        # Forget partition 1: more data there is not reported.
        error, _, parts = kw.fetch(conn, [], session_id=sid, session_epoch=3,
                                   forgotten=[("sess", [1])])
        assert error == NONE and parts == {}
        kw.produce(conn, "sess", 1, kw.record_batch([(None, b"unseen")]))
        error, _, parts = kw.fetch(conn, [], session_id=sid, session_epoch=4)
        assert error == NONE and parts == {}

        # Wrong epoch, unknown session.
        error, sid_err, parts = kw.fetch(conn, [], session_id=sid, session_epoch=4)
        assert (error, sid_err, parts) == (INVALID_FETCH_SESSION_EPOCH, 0, {})
        error, _, _ = kw.fetch(conn, [], session_id=sid + 1, session_epoch=1)
        assert error == FETCH_SESSION_ID_NOT_FOUND

        # Epoch -1 closes the session (and is a full, sessionless fetch).
        error, sid_closed, parts = kw.fetch(conn, [("sess", 0, 0)], session_id=sid,
                                            session_epoch=-1)
        assert (error, sid_closed) == (NONE, 0)
        assert list(parts) == [("sess", 0)]
        error, _, _ = kw.fetch(conn, [], session_id=sid, session_epoch=5)
        assert error == FETCH_SESSION_ID_NOT_FOUND


def test_fetch_by_topic_id(broker):
    create_topic(broker, "by-id")
    with kw.Connection(broker.bootstrap) as conn:
        topic_id = kw.metadata_topic_id(conn, "by-id")
        kw.produce(conn, "by-id", 0, kw.record_batch([(b"k", b"by id")]))
        error, _, parts = kw.fetch(conn, [(topic_id, 0, 0)], version=16)
        assert error == NONE
        p = parts[(topic_id, 0)]
        assert p["error_code"] == NONE
        assert [b[3] for b in kw.parse_batches(p["records"])] == [[(b"k", b"by id")]]
        unknown = bytes(range(16))
        error, _, parts = kw.fetch(conn, [(unknown, 0, 0)], version=13)
        assert error == NONE
        assert parts[(unknown, 0)]["error_code"] == UNKNOWN_TOPIC_ID


def test_fetch_max_bytes_returns_at_least_one_batch_and_stops(broker):
    create_topic(broker, "max-bytes")
    with kw.Connection(broker.bootstrap) as conn:
        for i in range(5):
            kw.produce(conn, "max-bytes", 0, kw.record_batch([(None, bytes([i]) * 1000)]))
        _, _, parts = kw.fetch(conn, [("max-bytes", 0, 0)], max_bytes=10)
        assert [b[0] for b in kw.parse_batches(parts[("max-bytes", 0)]["records"])] == [0]
        _, _, parts = kw.fetch(conn, [("max-bytes", 0, 1)], max_bytes=2500)
        assert [b[0] for b in kw.parse_batches(parts[("max-bytes", 0)]["records"])] == [1, 2]
        _, _, parts = kw.fetch(conn, [("max-bytes", 0, 0)])
        assert len(list(kw.parse_batches(parts[("max-bytes", 0)]["records"]))) == 5


def test_fetch_bounds_isolation_and_errors(broker):
    create_topic(broker, "bounds")
    with kw.Connection(broker.bootstrap) as conn:
        kw.produce(conn, "bounds", 0, kw.record_batch([(None, b"a"), (None, b"b")]))
        _, _, parts = kw.fetch(conn, [("bounds", 0, 0)], isolation=0)
        p = parts[("bounds", 0)]
        assert (p["high_watermark"], p["last_stable_offset"], p["log_start_offset"]) == (2, 2, 0)
        assert p["aborted"] is None  # read_uncommitted: no aborted transaction list
        assert p["preferred_read_replica"] == -1
        _, _, parts = kw.fetch(conn, [("bounds", 0, 0)], isolation=1)
        assert parts[("bounds", 0)]["aborted"] == []
        assert len(list(kw.parse_batches(parts[("bounds", 0)]["records"]))) == 1

        # At the end: empty, no error. Past it: OFFSET_OUT_OF_RANGE.
        _, _, parts = kw.fetch(conn, [("bounds", 0, 2)])
        assert (parts[("bounds", 0)]["error_code"], parts[("bounds", 0)]["records"]) == (NONE, b"")
        _, _, parts = kw.fetch(conn, [("bounds", 0, 3), ("bounds", 7, 0), ("nope", 0, 0)],
                               max_wait_ms=5000)
        assert parts[("bounds", 0)]["error_code"] == OFFSET_OUT_OF_RANGE
        assert parts[("bounds", 0)]["high_watermark"] == -1
        assert parts[("bounds", 7)]["error_code"] == UNKNOWN_TOPIC_OR_PARTITION
        assert parts[("nope", 0)]["error_code"] == UNKNOWN_TOPIC_OR_PARTITION


def test_fetch_with_a_newer_leader_epoch_than_the_broker_knows(broker):
    create_topic(broker, "epochs")
    with kw.Connection(broker.bootstrap) as conn:
        _, _, parts = kw.fetch(conn, [("epochs", 0, 0)], current_leader_epoch=1000)
        assert parts[("epochs", 0)]["error_code"] == UNKNOWN_LEADER_EPOCH


@pytest.mark.parametrize("produce_version,fetch_version", [(3, 4), (5, 6), (7, 7), (8, 11),
                                                          (8, 12), (8, 16)])
def test_every_served_version_produces_and_fetches(broker, produce_version, fetch_version):
    topic = f"versions-{produce_version}-{fetch_version}"
    create_topic(broker, topic)
    with kw.Connection(broker.bootstrap) as conn:
        for i in range(3):
            [r] = kw.produce(conn, topic, 0, kw.record_batch([(b"k%d" % i, b"v%d" % i)]),
                             version=produce_version)
            assert (r["error_code"], r["base_offset"]) == (NONE, i)
            if produce_version >= 5:
                assert r["log_start_offset"] == 0
        name = kw.metadata_topic_id(conn, topic) if fetch_version >= 13 else topic
        error, _, parts = kw.fetch(conn, [(name, 0, 1)], version=fetch_version)
        assert error == NONE
        p = parts[(name, 0)]
        assert (p["error_code"], p["high_watermark"], p["last_stable_offset"]) == (NONE, 3, 3)
        assert [b[3] for b in kw.parse_batches(p["records"])] == [[(b"k1", b"v1")],
                                                                 [(b"k2", b"v2")]]
