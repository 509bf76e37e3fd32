"""ListOffsets and OffsetForLeaderEpoch against a real skiffd: earliest/latest with
confluent-kafka, kafka-python and kcat; lookups by time (exact, between records, past
the end); MAX_TIMESTAMP (-3) and the v8/v9 special timestamps over the raw protocol;
leader epochs and unknown partitions."""
import subprocess

from confluent_kafka import Consumer, Producer, TopicPartition
from confluent_kafka.admin import AdminClient, NewTopic
from kafka import KafkaConsumer
from kafka import TopicPartition as KTopicPartition

import kafka_wire as kw

NONE, UNKNOWN_TOPIC_OR_PARTITION = 0, 3
UNKNOWN_LEADER_EPOCH = 75
LATEST, EARLIEST, MAX_TIMESTAMP, EARLIEST_LOCAL, LATEST_TIERED = -1, -2, -3, -4, -5
BASE = 1_650_000_000_000


def create_topic(broker, name, partitions=1):
    admin = AdminClient({"bootstrap.servers": broker.bootstrap})
    admin.create_topics([NewTopic(name, num_partitions=partitions,
                                  replication_factor=1)])[name].result(15)


def produce_timestamps(broker, topic, timestamps, partition=0):
    """One batch per record, uncompressed, with the given CreateTime timestamps."""
    producer = Producer({"bootstrap.servers": broker.bootstrap, "linger.ms": 0,
                         "batch.num.messages": 1})
    for i, ts in enumerate(timestamps):
        producer.produce(topic, value=b"v%d" % i, partition=partition, timestamp=ts)
        producer.flush(10)
    assert producer.flush(10) == 0


def test_earliest_and_latest_with_every_client(broker):
    create_topic(broker, "ends", partitions=2)
    produce_timestamps(broker, "ends", [BASE + i for i in range(7)], partition=1)

    consumer = Consumer({"bootstrap.servers": broker.bootstrap, "group.id": "lo"})
    try:
        assert consumer.get_watermark_offsets(TopicPartition("ends", 0), 10) == (0, 0)
        assert consumer.get_watermark_offsets(TopicPartition("ends", 1), 10) == (0, 7)
    finally:
        consumer.close()

    kconsumer = KafkaConsumer(bootstrap_servers=broker.bootstrap, group_id=None)
    tps = [KTopicPartition("ends", 0), KTopicPartition("ends", 1)]
    assert kconsumer.beginning_offsets(tps) == {tps[0]: 0, tps[1]: 0}
    assert kconsumer.end_offsets(tps) == {tps[0]: 0, tps[1]: 7}
    kconsumer.close()

    out = subprocess.run(["kcat", "-b", broker.bootstrap, "-Q", "-t", "ends:1:-1"],
                         capture_output=True, text=True, timeout=30)
    assert out.returncode == 0, out.stderr
    assert "offset 7" in out.stdout


def test_offsets_for_times(broker):
    create_topic(broker, "by-time")
    produce_timestamps(broker, "by-time", [BASE, BASE + 10, BASE + 20, BASE + 20, BASE + 30])

    consumer = Consumer({"bootstrap.servers": broker.bootstrap, "group.id": "lo"})
    try:
        def lookup(ts):
            return consumer.offsets_for_times([TopicPartition("by-time", 0, ts)], 10)[0].offset
        assert lookup(BASE) == 0
        assert lookup(BASE - 1000) == 0
        assert lookup(BASE + 5) == 1       # first record at or after the time
        assert lookup(BASE + 20) == 2      # the first of equal timestamps
        assert lookup(BASE + 30) == 4
        assert lookup(BASE + 31) == -1     # none: librdkafka reports the end as -1
    finally:
        consumer.close()

    kconsumer = KafkaConsumer(bootstrap_servers=broker.bootstrap, group_id=None)
    tp = KTopicPartition("by-time", 0)
    found = kconsumer.offsets_for_times({tp: BASE + 11})[tp]
    assert (found.offset, found.timestamp) == (2, BASE + 20)
    assert kconsumer.offsets_for_times({tp: BASE + 31})[tp] is None
    kconsumer.close()


def test_special_timestamps_over_the_raw_protocol(broker):
    create_topic(broker, "special")
    # The largest timestamp is not the last record's.
    produce_timestamps(broker, "special", [BASE + 5, BASE + 50, BASE + 7])
    with kw.Connection(broker.bootstrap) as conn:
        latest = kw.list_offsets(conn, "special", 0, LATEST, version=9)
        assert (latest["error_code"], latest["offset"], latest["timestamp"]) == (NONE, 3, -1)
        assert latest["leader_epoch"] >= 0
        earliest = kw.list_offsets(conn, "special", 0, EARLIEST, version=9)
        assert (earliest["offset"], earliest["timestamp"]) == (0, -1)
        top = kw.list_offsets(conn, "special", 0, MAX_TIMESTAMP, version=7)
        assert (top["error_code"], top["offset"], top["timestamp"]) == (NONE, 1, BASE + 50)
        local = kw.list_offsets(conn, "special", 0, EARLIEST_LOCAL, version=8)
        assert local["offset"] == 0
        tiered = kw.list_offsets(conn, "special", 0, LATEST_TIERED, version=9)
        assert (tiered["error_code"], tiered["offset"]) == (NONE, -1)
        # read_committed without transactions: the last stable offset is the end.
        committed = kw.list_offsets(conn, "special", 0, LATEST, isolation=1)
        assert committed["offset"] == 3
        by_time = kw.list_offsets(conn, "special", 0, BASE + 6)
        assert (by_time["offset"], by_time["timestamp"]) == (1, BASE + 50)


def test_empty_partition_and_errors(broker):
    create_topic(broker, "empty")
    with kw.Connection(broker.bootstrap) as conn:
        assert kw.list_offsets(conn, "empty", 0, LATEST)["offset"] == 0
        assert kw.list_offsets(conn, "empty", 0, EARLIEST)["offset"] == 0
        top = kw.list_offsets(conn, "empty", 0, MAX_TIMESTAMP)
        assert (top["error_code"], top["offset"], top["timestamp"]) == (NONE, -1, -1)
        assert kw.list_offsets(conn, "empty", 0, BASE)["offset"] == -1
        assert kw.list_offsets(conn, "nope", 0, LATEST)["error_code"] == UNKNOWN_TOPIC_OR_PARTITION
        assert kw.list_offsets(conn, "empty", 3, LATEST)["error_code"] == UNKNOWN_TOPIC_OR_PARTITION
        newer = kw.list_offsets(conn, "empty", 0, LATEST, current_leader_epoch=999)
        assert newer["error_code"] == UNKNOWN_LEADER_EPOCH
        # Old versions have no leader epoch field: v1 answers without one.
        v1 = kw.list_offsets(conn, "empty", 0, LATEST, version=1)
        assert (v1["error_code"], v1["offset"]) == (NONE, 0)


def test_offset_for_leader_epoch(broker):
    create_topic(broker, "epoch")
    produce_timestamps(broker, "epoch", [BASE, BASE + 1, BASE + 2])
    with kw.Connection(broker.bootstrap) as conn:
        epoch = kw.list_offsets(conn, "epoch", 0, LATEST)["leader_epoch"]
        current = kw.offset_for_leader_epoch(conn, "epoch", 0, epoch)
        assert current == {"error_code": NONE, "partition": 0, "leader_epoch": epoch,
                           "end_offset": 3}
        v2 = kw.offset_for_leader_epoch(conn, "epoch", 0, epoch, version=2)
        assert (v2["leader_epoch"], v2["end_offset"]) == (epoch, 3)
        newer = kw.offset_for_leader_epoch(conn, "epoch", 0, epoch, current_leader_epoch=epoch + 5)
        assert newer["error_code"] == UNKNOWN_LEADER_EPOCH
        missing = kw.offset_for_leader_epoch(conn, "nope", 0, 0)
        assert missing["error_code"] == UNKNOWN_TOPIC_OR_PARTITION
