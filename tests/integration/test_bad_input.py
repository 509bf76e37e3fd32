"""Hostile and broken input against a real skiffd: oversized, garbage, unknown,
unsupported and truncated frames close only the offending connection; broken produce
data (bad CRC, truncated or several batches, wrong magic, control batches, invalid
acks, unknown partitions, oversized batches) gets Kafka's error per partition; and
after all of it the broker still serves real clients."""
import os
import socket
import struct
import subprocess

import pytest
from confluent_kafka import Consumer, Producer, TopicPartition
from confluent_kafka.admin import AdminClient, NewTopic

import kafka_wire as kw

NONE, CORRUPT_MESSAGE, UNKNOWN_TOPIC_OR_PARTITION = 0, 2, 3
MESSAGE_TOO_LARGE, INVALID_REQUIRED_ACKS, INVALID_RECORD = 10, 21, 87


def create_topic(broker, name, partitions=1, config=None):
    admin = AdminClient({"bootstrap.servers": broker.bootstrap})
    admin.create_topics([NewTopic(name, num_partitions=partitions, replication_factor=1,
                                  config=config or {})])[name].result(15)


def assert_broker_serves_clients(broker, topic="still-alive"):
    producer = Producer({"bootstrap.servers": broker.bootstrap})
    producer.produce(topic, value=b"alive")
    assert producer.flush(15) == 0
    consumer = Consumer({"bootstrap.servers": broker.bootstrap, "group.id": "bad-input",
                         "enable.auto.commit": False})
    consumer.assign([TopicPartition(topic, 0, 0)])
    msg = None
    for _ in range(30):
        msg = consumer.poll(0.5)
        if msg is not None and msg.error() is None:
            break
    consumer.close()
    assert msg is not None and msg.value() == b"alive"
    out = subprocess.run(["kcat", "-b", broker.bootstrap, "-L", "-m", "5"],
                         capture_output=True, text=True, timeout=30)
    assert out.returncode == 0 and "1 brokers:" in out.stdout


def header(api_key, version, correlation=1, client_id="bad-input"):
    return struct.pack(">hhih", api_key, version, correlation, len(client_id)) + client_id.encode()


def frame(payload: bytes) -> bytes:
    return struct.pack(">i", len(payload)) + payload


# --- frames ---------------------------------------------------------------------------

@pytest.mark.parametrize("data", [
    pytest.param(struct.pack(">i", 0x7FFFFFFF) + b"\x00" * 64, id="huge-size"),
    pytest.param(struct.pack(">i", -5) + b"\x00" * 8, id="negative-size"),
    pytest.param(frame(os.urandom(300)), id="garbage"),
    pytest.param(frame(b"\x00\x12"), id="header-cut-short"),
    pytest.param(frame(header(999, 0)), id="unknown-api-key"),
    pytest.param(frame(header(0, 2) + b"\x00" * 16), id="unsupported-produce-version"),
    pytest.param(frame(header(1, 11)[:-3]), id="truncated-client-id"),
])
def test_broken_frames_close_only_their_connection(broker, data):
    with kw.Connection(broker.bootstrap) as bystander:
        with kw.Connection(broker.bootstrap) as bad:
            bad.send_raw(data)
            assert bad.is_closed_by_peer(timeout=10)
        # Another connection opened before is unaffected.
        assert kw.list_offsets(bystander, "bystander", 0, -1)["error_code"] in (0, 3)
    assert_broker_serves_clients(broker)


def test_truncated_produce_body_closes_the_connection(broker):
    create_topic(broker, "truncated")
    batch = kw.record_batch([(None, b"x" * 50)])
    body = (struct.pack(">hhi", -1, -1, 5000) + struct.pack(">i", 1) +
            struct.pack(">h", 9) + b"truncated" + struct.pack(">i", 1) + struct.pack(">i", 0) +
            struct.pack(">i", len(batch) + 100) + batch)  # records claim 100 more bytes
    with kw.Connection(broker.bootstrap) as conn:
        conn.send_raw(frame(header(0, 8) + body))
        assert conn.is_closed_by_peer(timeout=10)
    # A frame announced but never completed, then the client goes away.
    sock = socket.create_connection(("127.0.0.1", broker.port))
    sock.sendall(struct.pack(">i", 1000) + header(0, 8))
    sock.close()
    assert_broker_serves_clients(broker)


# --- produce data -------------------------------------------------------------------------

def test_corrupted_crc_gets_corrupt_message(broker):
    create_topic(broker, "crc")
    batch = bytearray(kw.record_batch([(b"key", b"value to corrupt")]))
    batch[-3] ^= 0xFF  # inside the value: the CRC no longer matches
    with kw.Connection(broker.bootstrap) as conn:
        [r] = kw.produce(conn, "crc", 0, bytes(batch))
        assert r["error_code"] == CORRUPT_MESSAGE
        assert r["base_offset"] == -1
        assert r["error_message"]
        # The connection stays usable and nothing was stored.
        [ok] = kw.produce(conn, "crc", 0, kw.record_batch([(None, b"fine")]))
        assert (ok["error_code"], ok["base_offset"]) == (NONE, 0)
        assert kw.list_offsets(conn, "crc", 0, -1)["offset"] == 1


def test_malformed_batches_get_per_partition_errors(broker):
    create_topic(broker, "malformed", partitions=2)
    good = kw.record_batch([(None, b"ok")])
    wrong_magic = bytearray(good)
    wrong_magic[16] = 1
    control = bytearray(kw.record_batch([(b"\x00\x00\x00\x01", b"\x00\x00\x00\x00\x00\x00")]))
    control[22] |= 0x20  # control bit (the CRC is checked after the framing rules)
    cases = {
        "two batches": (good + good, INVALID_RECORD),
        "empty": (b"", INVALID_RECORD),
        "magic 1": (bytes(wrong_magic), INVALID_RECORD),
        "control batch": (bytes(control), INVALID_RECORD),
        "truncated batch": (good[:-5], CORRUPT_MESSAGE),
        "shorter than a header": (good[:30], CORRUPT_MESSAGE),
    }
    with kw.Connection(broker.bootstrap) as conn:
        for name, (records, expected) in cases.items():
            # Partition 1 gets a good batch in the same request: it must succeed.
            responses = kw.produce(conn, "malformed", 0, records, extra_partitions=[(1, good)])
            by_partition = {r["index"]: r for r in responses}
            assert by_partition[0]["error_code"] == expected, name
            assert by_partition[0]["base_offset"] == -1, name
            assert by_partition[1]["error_code"] == NONE, name
        assert kw.list_offsets(conn, "malformed", 0, -1)["offset"] == 0
        assert kw.list_offsets(conn, "malformed", 1, -1)["offset"] == len(cases)


def test_compressed_batch_whose_records_count_lies_is_invalid_record(broker):
    create_topic(broker, "gzip-lies")
    records = [(None, b"first"), (None, b"second"), (None, b"third")]
    liar = kw.record_batch(records, gzipped=True, records_count=5)
    with kw.Connection(broker.bootstrap) as conn:
        [r] = kw.produce(conn, "gzip-lies", 0, liar)
        assert r["error_code"] == INVALID_RECORD
        assert r["base_offset"] == -1
        assert "recordsCount is 5" in r["error_message"]
        assert kw.list_offsets(conn, "gzip-lies", 0, -1)["offset"] == 0
        # The same records with an honest count are stored.
        [ok] = kw.produce(conn, "gzip-lies", 0, kw.record_batch(records, gzipped=True))
        assert (ok["error_code"], ok["base_offset"]) == (NONE, 0)
        assert kw.list_offsets(conn, "gzip-lies", 0, -1)["offset"] == 3


def test_invalid_acks_fail_every_partition(broker):
    create_topic(broker, "acks", partitions=2)
    with kw.Connection(broker.bootstrap) as conn:
        responses = kw.produce(conn, "acks", 0, kw.record_batch([(None, b"x")]), acks=2,
                               extra_partitions=[(1, kw.record_batch([(None, b"y")]))])
        assert [r["error_code"] for r in responses] == [INVALID_REQUIRED_ACKS] * 2
        assert kw.list_offsets(conn, "acks", 0, -1)["offset"] == 0


def test_unknown_topic_and_partition(broker):
    create_topic(broker, "known")
    with kw.Connection(broker.bootstrap) as conn:
        [r] = kw.produce(conn, "unknown-topic", 0, kw.record_batch([(None, b"x")]))
        assert r["error_code"] == UNKNOWN_TOPIC_OR_PARTITION
        [r] = kw.produce(conn, "known", 5, kw.record_batch([(None, b"x")]))
        assert r["error_code"] == UNKNOWN_TOPIC_OR_PARTITION


def test_acks_zero_gets_no_response_and_an_error_closes_the_connection(broker):
    create_topic(broker, "fire-and-forget")
    with kw.Connection(broker.bootstrap) as conn:
        assert kw.produce(conn, "fire-and-forget", 0, kw.record_batch([(None, b"a")]), acks=0) is None
        # No response came for it: the next response on the wire is for this request.
        [r] = kw.produce(conn, "fire-and-forget", 0, kw.record_batch([(None, b"b")]), acks=1)
        assert (r["error_code"], r["base_offset"]) == (NONE, 1)
        kw.produce(conn, "no-such-topic", 0, kw.record_batch([(None, b"c")]), acks=0)
        assert conn.is_closed_by_peer(timeout=10)
    assert_broker_serves_clients(broker)


def test_batch_over_max_message_bytes_is_too_large(broker):
    create_topic(broker, "small", config={"max.message.bytes": "2000"})
    with kw.Connection(broker.bootstrap) as conn:
        [r] = kw.produce(conn, "small", 0, kw.record_batch([(None, os.urandom(5000))]))
        assert r["error_code"] == MESSAGE_TOO_LARGE
        [r] = kw.produce(conn, "small", 0, kw.record_batch([(None, os.urandom(500))]))
        assert r["error_code"] == NONE
