"""Durability across restarts with real clients: topics, their configs, dynamic broker
configs and records survive a clean stop (SIGTERM) and start; with
log.flush.on.append=true or direct writes, every record the broker acknowledged
survives kill -9 in the middle of a produce storm."""
import threading
import time

import pytest

from confluent_kafka import Consumer, KafkaError, KafkaException, Producer, TopicPartition
from confluent_kafka.admin import AdminClient, ConfigResource, NewTopic

from broker_process import Broker


def admin(broker):
    return AdminClient({"bootstrap.servers": broker.bootstrap})


def wait_all(futures):
    for f in futures.values():
        f.result(timeout=15)


def describe(broker, rtype, name):
    a = admin(broker)
    res = ConfigResource(rtype, name)
    return a.describe_configs([res])[res].result(timeout=15)


def consume_all(broker, topic, partitions):
    """{(partition, offset): value} of everything from the start to the high watermark."""
    c = Consumer({"bootstrap.servers": broker.bootstrap, "group.id": "restart-check",
                  "enable.auto.commit": False, "enable.partition.eof": True})
    try:
        ends = {}
        for p in range(partitions):
            low, high = c.get_watermark_offsets(TopicPartition(topic, p), timeout=10)
            if high > low:
                ends[p] = high
        c.assign([TopicPartition(topic, p, 0) for p in ends])
        out = {}
        deadline = time.time() + 60
        done = set()
        while len(done) < len(ends) and time.time() < deadline:
            msg = c.poll(1.0)
            if msg is None:
                continue
            if msg.error():
                if msg.error().code() == KafkaError._PARTITION_EOF:
                    done.add(msg.partition())
                    continue
                raise KafkaException(msg.error())
            out[(msg.partition(), msg.offset())] = msg.value()
        assert done == set(ends), f"did not reach the end of {set(ends) - done}"
        return out
    finally:
        c.close()


def test_topics_configs_and_records_survive_restart(tmp_path):
    b = Broker(tmp_path / "b").start()
    try:
        a = admin(b)
        wait_all(a.create_topics([
            NewTopic("durable", num_partitions=3, replication_factor=1,
                     config={"retention.ms": "86400000", "cleanup.policy": "delete,compact"}),
            NewTopic("plain", num_partitions=1, replication_factor=1),
        ]))
        p = Producer({"bootstrap.servers": b.bootstrap, "acks": "all"})
        sent = {}
        for i in range(300):
            p.produce("durable", key=f"k{i}".encode(), value=f"v{i}".encode(), partition=i % 3)
        p.produce("plain", value=b"only")
        assert p.flush(15) == 0
        for i in range(300):
            sent.setdefault(i % 3, []).append(f"v{i}".encode())
        res = ConfigResource(ConfigResource.Type.TOPIC, "plain", set_config={"segment.ms": "600000"})
        wait_all(a.alter_configs([res]))
        before = a.list_topics(timeout=10)
        ids = {name: t.topic for name, t in before.topics.items()}
        del a, p

        assert b.stop() == 0
        b.start()

        a = admin(b)
        md = a.list_topics(timeout=10)
        assert {"durable", "plain"} <= set(md.topics)
        assert md.cluster_id == before.cluster_id
        assert sorted(md.topics["durable"].partitions) == [0, 1, 2]
        assert set(ids) <= set(md.topics)
        durable = describe(b, ConfigResource.Type.TOPIC, "durable")
        assert durable["retention.ms"].value == "86400000"
        assert durable["cleanup.policy"].value == "delete,compact"
        assert describe(b, ConfigResource.Type.TOPIC, "plain")["segment.ms"].value == "600000"

        records = consume_all(b, "durable", 3)
        for partition, values in sent.items():
            assert [records[(partition, o)] for o in range(len(values))] == values
        assert consume_all(b, "plain", 1) == {(0, 0): b"only"}

        # The log continues where it stopped.
        p = Producer({"bootstrap.servers": b.bootstrap, "acks": "all"})
        offsets = []
        p.produce("plain", value=b"next", on_delivery=lambda err, msg: offsets.append(msg.offset()))
        assert p.flush(15) == 0
        assert offsets == [1]
    finally:
        assert b.stop() == 0


@pytest.mark.parametrize("settings", [
    {"log.flush.on.append": "true"},
    # O_DIRECT appends: out of the process when acknowledged, so kill -9 loses none
    # even without an fsync; and with one.
    {"log.direct.write.min.bytes": "0"},
    {"log.direct.write.min.bytes": "0", "log.flush.on.append": "true"},
], ids=["flush-on-append", "direct-writes", "direct-writes-flush-on-append"])
def test_acknowledged_records_survive_kill9(tmp_path, settings):
    b = Broker(tmp_path / "b", extra=settings).start()
    partitions = 4
    try:
        a = admin(b)
        wait_all(a.create_topics([NewTopic("storm", num_partitions=partitions,
                                           replication_factor=1)]))
        acked = {}
        lock = threading.Lock()
        stop = threading.Event()

        def on_delivery(err, msg):
            if err is None:
                with lock:
                    acked[(msg.partition(), msg.offset())] = msg.value()

        def storm():
            p = Producer({"bootstrap.servers": b.bootstrap, "acks": "all", "linger.ms": 2,
                          "message.timeout.ms": 5000, "retries": 0})
            i = 0
            while not stop.is_set():
                try:
                    p.produce("storm", value=f"r{i}".encode(), partition=i % partitions,
                              on_delivery=on_delivery)
                    i += 1
                except BufferError:
                    pass
                p.poll(0)
            p.purge()
            p.flush(1)

        producer = threading.Thread(target=storm)
        producer.start()
        deadline = time.time() + 30
        while time.time() < deadline:
            with lock:
                if len(acked) >= 3000:
                    break
            time.sleep(0.01)
        b.kill9()
        stop.set()
        producer.join(30)
        with lock:
            acknowledged = dict(acked)
        assert len(acknowledged) >= 3000

        b.start()
        stored = consume_all(b, "storm", partitions)
        missing = [k for k in acknowledged if stored.get(k) != acknowledged[k]]
        assert not missing, f"{len(missing)} acknowledged records lost or changed, e.g. {missing[:5]}"
    finally:
        if b.proc is not None:
            assert b.stop() == 0


def test_dynamic_broker_configs_survive_restart(tmp_path):
    b = Broker(tmp_path / "b").start()
    try:
        a = admin(b)
        res = ConfigResource(ConfigResource.Type.BROKER, "1",
                             set_config={"message.max.bytes": "4000000"})
        wait_all(a.alter_configs([res]))
        del a
        assert b.stop() == 0
        b.start()
        entry = describe(b, ConfigResource.Type.BROKER, "1")["message.max.bytes"]
        assert (entry.value, entry.source) == ("4000000", 2)  # DYNAMIC_BROKER_CONFIG
    finally:
        assert b.stop() == 0
