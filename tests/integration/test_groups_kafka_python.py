"""Consumer groups with kafka-python against a real skiffd: three consumer processes
share a 6-partition topic (two partitions each); one is killed with SIGKILL and the
others take its partitions after the session timeout; one stops cleanly and the
rebalance starts at once; every produced record is consumed at least once; a
consumer resuming from committed offsets reads nothing it had committed.

Run as a script (`python3 test_groups_kafka_python.py consume ...`) this file is
the consumer process the tests start and kill."""
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from broker_process import Broker

TOPIC = "orders"
PARTITIONS = 6
SESSION_MS = 6000
GROUP_CONFIG = {
    "group.initial.rebalance.delay.ms": "0",
    "group.min.session.timeout.ms": "1000",
    "offsets.topic.num.partitions": "10",
}


# --- the consumer process -----------------------------------------------------------

def consume_forever(bootstrap, group, out_path):
    """Polls, writes each record and each change of assignment as a JSON line, and
    commits after every batch. SIGTERM closes the consumer cleanly (LeaveGroup)."""
    from kafka import KafkaConsumer

    stopping = []
    signal.signal(signal.SIGTERM, lambda *_: stopping.append(True))
    consumer = KafkaConsumer(
        TOPIC, bootstrap_servers=bootstrap, group_id=group, client_id=f"pid-{os.getpid()}",
        auto_offset_reset="earliest", enable_auto_commit=False,
        session_timeout_ms=SESSION_MS, heartbeat_interval_ms=500, max_poll_interval_ms=60000,
        request_timeout_ms=70000)
    last = None
    with open(out_path, "a", buffering=1) as out:
        while not stopping:
            batch = consumer.poll(timeout_ms=200)
            for tp, records in batch.items():
                for r in records:
                    out.write(json.dumps({"p": tp.partition, "o": r.offset,
                                          "v": r.value.decode()}) + "\n")
            if batch:
                consumer.commit()
            assigned = sorted(tp.partition for tp in consumer.assignment())
            if assigned != last:
                out.write(json.dumps({"assigned": assigned}) + "\n")
                last = assigned
        consumer.close()
        out.write(json.dumps({"closed": True}) + "\n")


# --- helpers ------------------------------------------------------------------------

class ConsumerProcess:
    def __init__(self, broker, group, workdir, name):
        self.out = Path(workdir) / f"{name}.jsonl"
        self.proc = subprocess.Popen(
            [sys.executable, __file__, "consume", broker.bootstrap, group, str(self.out)],
            stderr=open(Path(workdir) / f"{name}.err", "wb"))

    def lines(self):
        if not self.out.exists():
            return []
        return [json.loads(ln) for ln in self.out.read_text().splitlines() if ln.strip()]

    def assignment(self):
        assigned = [ln["assigned"] for ln in self.lines() if "assigned" in ln]
        return assigned[-1] if assigned else None

    def values(self):
        return [ln["v"] for ln in self.lines() if "v" in ln]

    def kill9(self):
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait()

    def stop(self):
        self.proc.send_signal(signal.SIGTERM)
        self.proc.wait(timeout=30)

    def ensure_stopped(self):
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()


def wait_for(condition, timeout, what, broker=None):
    deadline = time.time() + timeout
    while time.time() < deadline:
        if condition():
            return time.time()
        time.sleep(0.1)
    pytest.fail(f"timed out after {timeout}s waiting for {what}" +
                (f"\nbroker log:\n{broker.log()}" if broker else ""))


def create_topic(broker, name=TOPIC, partitions=PARTITIONS):
    from kafka.admin import KafkaAdminClient, NewTopic
    admin = KafkaAdminClient(bootstrap_servers=broker.bootstrap)
    try:
        admin.create_topics([NewTopic(name, partitions, 1)])
    finally:
        admin.close()


def produce(broker, start, count, topic=TOPIC, partitions=PARTITIONS):
    from kafka import KafkaProducer
    producer = KafkaProducer(bootstrap_servers=broker.bootstrap, acks="all")
    for i in range(start, start + count):
        producer.send(topic, value=f"m-{i}".encode(), partition=i % partitions)
    producer.flush()
    producer.close()
    return {f"m-{i}" for i in range(start, start + count)}


def committed_offsets(broker, group):
    from kafka.admin import KafkaAdminClient
    admin = KafkaAdminClient(bootstrap_servers=broker.bootstrap)
    try:
        return {tp.partition: om.offset for tp, om in admin.list_consumer_group_offsets(group).items()}
    finally:
        admin.close()


@pytest.fixture
def group_broker(tmp_path):
    b = Broker(tmp_path / "broker", extra=GROUP_CONFIG).start()
    yield b
    code = b.stop()
    assert code == 0, f"skiffd exited with {code} on SIGTERM:\n{b.log()}"


# --- tests ----------------------------------------------------------------------------

def test_three_consumers_kill_and_clean_stop(group_broker, tmp_path):
    broker = group_broker
    create_topic(broker)
    group = "three"
    consumers = [ConsumerProcess(broker, group, tmp_path, f"c{i}") for i in range(3)]
    try:
        def split_evenly(live):
            got = [c.assignment() for c in live]
            return (all(a is not None and len(a) == PARTITIONS // len(live) for a in got)
                    and sorted(p for a in got for p in a) == list(range(PARTITIONS)))

        wait_for(lambda: split_evenly(consumers), 60, "three consumers with two partitions each", broker)
        produced = produce(broker, 0, 300)
        wait_for(lambda: produced <= {v for c in consumers for v in c.values()}, 60,
                 "the first 300 records", broker)

        # SIGKILL: no LeaveGroup, so the others take over only after the session timeout.
        victim, a, b = consumers
        victim.kill9()
        killed_at = time.time()
        produced |= produce(broker, 300, 300)
        moved_at = wait_for(lambda: split_evenly([a, b]), 60, "the killed consumer's partitions to move",
                            broker)
        assert moved_at - killed_at >= SESSION_MS / 1000 * 0.8, "rebalanced before the session expired"
        wait_for(lambda: produced <= {v for c in consumers for v in c.values()}, 60,
                 "records of the killed consumer's partitions", broker)

        # A clean stop sends LeaveGroup: the rebalance starts at once.
        stopped_at = time.time()
        b.stop()
        moved_at = wait_for(lambda: a.assignment() == list(range(PARTITIONS)), 30,
                            "the stopped consumer's partitions to move", broker)
        assert moved_at - stopped_at < SESSION_MS / 1000 * 0.6, "waited for the session timeout"
        last = produce(broker, 600, 300)
        wait_for(lambda: last <= set(a.values()), 60, "the last records, read by the last consumer", broker)
        produced |= last

        # Every produced record was consumed at least once.
        assert produced <= {v for c in consumers for v in c.values()}
    finally:
        for c in consumers:
            c.ensure_stopped()


def test_resumed_consumer_reads_nothing_it_had_committed(group_broker, tmp_path):
    broker = group_broker
    create_topic(broker)
    group = "resume"
    first = ConsumerProcess(broker, group, tmp_path, "first")
    try:
        produced = produce(broker, 0, 120)
        wait_for(lambda: produced <= set(first.values()), 60, "the first consumer to read everything", broker)
        first.stop()
    finally:
        first.ensure_stopped()
    committed = committed_offsets(broker, group)
    assert committed == {p: 20 for p in range(PARTITIONS)}

    produced_later = produce(broker, 120, 60)
    second = ConsumerProcess(broker, group, tmp_path, "second")
    try:
        wait_for(lambda: produced_later <= set(second.values()), 60, "the resumed consumer", broker)
        second.stop()
    finally:
        second.ensure_stopped()
    records = [ln for ln in second.lines() if "v" in ln]
    assert all(r["o"] >= committed[r["p"]] for r in records), "a committed record was read again"
    assert {r["v"] for r in records} == produced_later
    assert committed_offsets(broker, group) == {p: 30 for p in range(PARTITIONS)}


def test_admin_lists_describes_and_deletes_groups(group_broker, tmp_path):
    from kafka.admin import KafkaAdminClient

    broker = group_broker
    create_topic(broker)
    active = ConsumerProcess(broker, "active", tmp_path, "active")
    admin = KafkaAdminClient(bootstrap_servers=broker.bootstrap)
    try:
        wait_for(lambda: active.assignment() == list(range(PARTITIONS)), 60, "the consumer to join", broker)
        produce(broker, 0, 12)
        wait_for(lambda: len(active.values()) == 12, 60, "records", broker)
        listed = dict(admin.list_consumer_groups())
        assert listed == {"active": "consumer"}
        [described] = admin.describe_consumer_groups(["active"])
        assert described.state == "Stable"
        assert described.protocol_type == "consumer"
        assert described.protocol == "range"
        assert len(described.members) == 1
        member = described.members[0]
        assert member.client_host == "/127.0.0.1"
        assert member.member_assignment  # the leader's assignment, shown while Stable

        # A group with members cannot be deleted; an empty one can, with its offsets.
        results = admin.delete_consumer_groups(["active"])
        assert results[0][1].errno == 68  # NON_EMPTY_GROUP
        active.stop()
        wait_for(lambda: admin.describe_consumer_groups(["active"])[0].state == "Empty", 30,
                 "the group to become Empty", broker)
        assert committed_offsets(broker, "active") == {p: 2 for p in range(PARTITIONS)}
        results = admin.delete_consumer_groups(["active"])
        assert results[0][1].errno == 0
        assert committed_offsets(broker, "active") == {}
        assert dict(admin.list_consumer_groups()) == {}
    finally:
        active.ensure_stopped()
        admin.close()


if __name__ == "__main__" and len(sys.argv) > 1 and sys.argv[1] == "consume":
    consume_forever(*sys.argv[2:5])
