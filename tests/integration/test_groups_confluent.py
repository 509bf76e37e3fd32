"""Consumer groups with confluent-kafka (librdkafka) against a real skiffd: the
cooperative-sticky assignor's incremental rebalances, static membership (a restart
within the session timeout keeps the partitions and disturbs nobody; a duplicate
instance is fenced with FENCED_INSTANCE_ID), committed offsets with metadata and
leader epoch surviving a clean restart and kill -9 of the broker, auto.offset.reset
for a group without commits, and expiry of an empty group's offsets."""
import threading
import time

import pytest
from confluent_kafka import Consumer, KafkaError, Producer, TopicPartition
from confluent_kafka.admin import AdminClient, NewTopic

import kafka_wire as kw
from broker_process import Broker

PARTITIONS = 6
GROUP_CONFIG = {
    "group.initial.rebalance.delay.ms": "0",
    "group.min.session.timeout.ms": "1000",
    "offsets.topic.num.partitions": "10",
}
OFFSET_COMMIT, OFFSET_FETCH = 8, 9


@pytest.fixture
def group_broker(tmp_path):
    b = Broker(tmp_path / "broker", extra=GROUP_CONFIG).start()
    yield b
    if b.proc is not None:
        code = b.stop()
        assert code == 0, f"skiffd exited with {code} on SIGTERM:\n{b.log()}"


def create_topic(broker, name, partitions=PARTITIONS):
    admin = AdminClient({"bootstrap.servers": broker.bootstrap})
    for f in admin.create_topics([NewTopic(name, partitions, 1)]).values():
        f.result(30)


def produce(broker, topic, start, count, partitions=PARTITIONS):
    p = Producer({"bootstrap.servers": broker.bootstrap, "acks": "all"})
    for i in range(start, start + count):
        p.produce(topic, value=f"m-{i}".encode(), partition=i % partitions)
    assert p.flush(30) == 0
    return {f"m-{i}" for i in range(start, start + count)}


def wait_for(condition, timeout, what, broker):
    deadline = time.time() + timeout
    while time.time() < deadline:
        if condition():
            return
        time.sleep(0.1)
    pytest.fail(f"timed out after {timeout}s waiting for {what}\nbroker log:\n{broker.log()}")


class PolledConsumer:
    """A confluent-kafka consumer polled by its own thread, recording its
    (incremental) assignments, revocations, records and errors."""

    def __init__(self, broker, group, topic, **config):
        conf = {"bootstrap.servers": broker.bootstrap, "group.id": group,
                "auto.offset.reset": "earliest", "enable.auto.commit": True,
                "auto.commit.interval.ms": 200, "session.timeout.ms": 6000,
                "heartbeat.interval.ms": 500, "topic.metadata.refresh.interval.ms": 1000}
        conf.update(config)
        self.cooperative = conf.get("partition.assignment.strategy") == "cooperative-sticky"
        self.consumer = Consumer(conf)
        self.lock = threading.Lock()
        self.assigned = set()
        self.revocations = []  # each a set of partitions
        self.assignments = []
        self.values = []
        self.errors = []
        self.running = True
        self.consumer.subscribe([topic], on_assign=self._on_assign, on_revoke=self._on_revoke)
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _on_assign(self, consumer, partitions):
        with self.lock:
            got = {p.partition for p in partitions}
            self.assignments.append(got)
            self.assigned = self.assigned | got if self.cooperative else got

    def _on_revoke(self, consumer, partitions):
        with self.lock:
            lost = {p.partition for p in partitions}
            self.revocations.append(lost)
            self.assigned = self.assigned - lost if self.cooperative else set()

    def _run(self):
        while self.running:
            msg = self.consumer.poll(0.2)
            if msg is None:
                continue
            with self.lock:
                if msg.error():
                    self.errors.append(msg.error())
                else:
                    self.values.append(msg.value().decode())

    def partitions(self):
        with self.lock:
            return set(self.assigned)

    def seen(self):
        with self.lock:
            return list(self.values)

    def close(self):
        self.running = False
        self.thread.join(10)
        self.consumer.close()

    def abandon(self):
        """Stops polling without closing (a hung or killed process, as the group sees it)."""
        self.running = False
        self.thread.join(10)


# --- cooperative-sticky ----------------------------------------------------------------

def test_cooperative_sticky_rebalances_incrementally(group_broker):
    broker = group_broker
    create_topic(broker, "coop")
    a = PolledConsumer(broker, "coop-group", "coop", **{"partition.assignment.strategy": "cooperative-sticky"})
    b = c = None
    try:
        wait_for(lambda: a.partitions() == set(range(PARTITIONS)), 60, "the first consumer", broker)
        b = PolledConsumer(broker, "coop-group", "coop", **{"partition.assignment.strategy": "cooperative-sticky"})
        wait_for(lambda: len(a.partitions()) == 3 and len(b.partitions()) == 3, 60, "a 3/3 split", broker)
        # Incremental: the first consumer gave up only what moved, never everything.
        assert all(len(r) < PARTITIONS for r in a.revocations), a.revocations
        assert a.partitions() | b.partitions() == set(range(PARTITIONS))
        c = PolledConsumer(broker, "coop-group", "coop", **{"partition.assignment.strategy": "cooperative-sticky"})
        wait_for(lambda: all(len(x.partitions()) == 2 for x in (a, b, c)), 60, "a 2/2/2 split", broker)
        produced = produce(broker, "coop", 0, 120)
        wait_for(lambda: produced <= set(a.seen() + b.seen() + c.seen()), 60, "every record", broker)
        c.close()
        c = None
        wait_for(lambda: len(a.partitions()) == 3 and len(b.partitions()) == 3, 60,
                 "the leaver's partitions to move", broker)
        assert not a.errors and not b.errors, (a.errors, b.errors)
    finally:
        for x in (a, b, c):
            if x is not None:
                x.close()


# --- static membership ---------------------------------------------------------------------

def test_static_member_restart_keeps_partitions_without_a_rebalance(group_broker):
    broker = group_broker
    create_topic(broker, "static")
    conf = {"session.timeout.ms": 10000}
    one = PolledConsumer(broker, "static-group", "static", **{"group.instance.id": "inst-1"}, **conf)
    two = PolledConsumer(broker, "static-group", "static", **{"group.instance.id": "inst-2"}, **conf)
    again = None
    try:
        wait_for(lambda: len(one.partitions()) == 3 and len(two.partitions()) == 3, 60, "a 3/3 split", broker)
        kept = one.partitions()
        rebalances_of_two = len(two.assignments)
        # A static member leaves no LeaveGroup behind: its place is kept for the session.
        one.close()
        time.sleep(1)
        again = PolledConsumer(broker, "static-group", "static", **{"group.instance.id": "inst-1"}, **conf)
        wait_for(lambda: again.partitions() == kept, 30, "the restarted member's old partitions", broker)
        time.sleep(2)
        assert len(two.assignments) == rebalances_of_two, "the other member was rebalanced"
        assert not two.revocations
        produced = produce(broker, "static", 0, 60)
        wait_for(lambda: produced <= set(again.seen() + two.seen() + one.seen()), 60, "every record", broker)
    finally:
        for x in (again, two):
            if x is not None:
                x.close()


def test_duplicate_static_instance_is_fenced(group_broker):
    broker = group_broker
    create_topic(broker, "fenced")
    first = PolledConsumer(broker, "fence-group", "fenced", **{"group.instance.id": "same"})
    second = None
    try:
        wait_for(lambda: first.partitions() == set(range(PARTITIONS)), 60, "the first instance", broker)
        second = PolledConsumer(broker, "fence-group", "fenced", **{"group.instance.id": "same"})
        wait_for(lambda: second.partitions() == set(range(PARTITIONS)), 60, "the second instance", broker)

        def fenced():
            with first.lock:
                return any(e.code() == KafkaError._FATAL or e.code() == KafkaError.FENCED_INSTANCE_ID
                           for e in first.errors)
        wait_for(fenced, 30, "the first instance to be fenced", broker)
        assert "fenced" in str(first.errors).lower() or any(
            e.code() == KafkaError.FENCED_INSTANCE_ID for e in first.errors), first.errors
    finally:
        first.abandon()
        if second is not None:
            second.close()


# --- committed offsets across broker restarts -------------------------------------------------

def commit_v7(conn, group, topic, partitions):
    """OffsetCommit v7 from outside group management: [(partition, offset, epoch, metadata)]."""
    w = kw.Writer().string(group).int32(-1).string("").string(None)
    w.array([topic], lambda w, t: w.string(t).array(
        partitions, lambda w, p: w.int32(p[0]).int64(p[1]).int32(p[2]).string(p[3])))
    r = kw.Reader(conn.request(OFFSET_COMMIT, 7, bytes(w.buf)))
    r.int32()
    return {p: err for t in r.array(lambda r: (r.string(), r.array(lambda r: (r.int32(), r.int16()))))
            for p, err in t[1]}


def fetch_v5(conn, group, topic, partitions):
    """OffsetFetch v5: {partition: (offset, epoch, metadata, error)} and the group error."""
    w = kw.Writer().string(group).array([topic], lambda w, t: w.string(t).array(
        partitions, lambda w, p: w.int32(p)))
    r = kw.Reader(conn.request(OFFSET_FETCH, 5, bytes(w.buf)))
    r.int32()
    topics = r.array(lambda r: (r.string(), r.array(
        lambda r: (r.int32(), r.int64(), r.int32(), r.string(), r.int16()))))
    error = r.int16()
    return {p[0]: p[1:] for t in topics for p in t[1]}, error


def test_committed_offsets_survive_restart_and_kill9(group_broker):
    broker = group_broker
    create_topic(broker, "kept", 3)
    with kw.Connection(broker.bootstrap) as conn:
        assert commit_v7(conn, "durable", "kept", [(0, 41, 5, "alpha"), (1, 7, -1, None)]) == {0: 0, 1: 0}
        # Unknown partitions are refused without a commit.
        assert commit_v7(conn, "durable", "kept", [(9, 1, -1, "")]) == {9: 3}
    assert broker.stop() == 0
    broker.start()
    with kw.Connection(broker.bootstrap) as conn:
        offsets, error = fetch_v5(conn, "durable", "kept", [0, 1, 2])
        assert error == 0
        assert offsets == {0: (41, 5, "alpha", 0), 1: (7, -1, "", 0), 2: (-1, -1, "", 0)}
        assert commit_v7(conn, "durable", "kept", [(2, 99, 8, "beta")]) == {2: 0}
    broker.kill9()  # acknowledged means durable: nothing may be lost
    broker.start()
    with kw.Connection(broker.bootstrap) as conn:
        offsets, _ = fetch_v5(conn, "durable", "kept", [0, 2])
        assert offsets == {0: (41, 5, "alpha", 0), 2: (99, 8, "beta", 0)}


def test_group_membership_survives_a_broker_restart(group_broker):
    broker = group_broker
    create_topic(broker, "resilient")
    c = PolledConsumer(broker, "resilient-group", "resilient")
    try:
        wait_for(lambda: c.partitions() == set(range(PARTITIONS)), 60, "the consumer to join", broker)
        produced = produce(broker, "resilient", 0, 30)
        wait_for(lambda: produced <= set(c.seen()), 60, "records before the restart", broker)
        time.sleep(1)  # auto-commit catches up
        broker.kill9()
        broker.start()
        produced |= produce(broker, "resilient", 30, 30)
        wait_for(lambda: produced <= set(c.seen()), 60, "records after the restart", broker)
        # Committed offsets carried the consumer across: nothing was read twice.
        assert len(c.seen()) == len(set(c.seen())), "records read twice across the restart"
    finally:
        c.close()


# --- auto.offset.reset and expiry --------------------------------------------------------------

def test_auto_offset_reset_for_a_group_without_commits(group_broker):
    broker = group_broker
    create_topic(broker, "reset", 1)
    old = produce(broker, "reset", 0, 10, partitions=1)
    latest = PolledConsumer(broker, "g-latest", "reset", **{"auto.offset.reset": "latest"})
    earliest = PolledConsumer(broker, "g-earliest", "reset", **{"auto.offset.reset": "earliest"})
    try:
        wait_for(lambda: latest.partitions() == {0} and earliest.partitions() == {0}, 60, "both to join",
                 broker)
        wait_for(lambda: old <= set(earliest.seen()), 60, "the earliest consumer to read history", broker)
        time.sleep(1)  # the latest consumer has fetched its start position
        new = produce(broker, "reset", 10, 5, partitions=1)
        wait_for(lambda: new <= set(latest.seen()), 60, "the latest consumer to read new records", broker)
        assert set(latest.seen()) == new
    finally:
        latest.close()
        earliest.close()


def test_offsets_of_an_empty_group_expire(tmp_path):
    broker = Broker(tmp_path / "broker", extra={**GROUP_CONFIG, "offsets.retention.minutes": "1",
                                                "offsets.retention.check.interval.ms": "500"}).start()
    try:
        create_topic(broker, "expiring", 1)
        with kw.Connection(broker.bootstrap) as conn:
            assert commit_v7(conn, "short-lived", "expiring", [(0, 5, -1, "")]) == {0: 0}
            assert fetch_v5(conn, "short-lived", "expiring", [0])[0][0][0] == 5
            time.sleep(30)
            assert fetch_v5(conn, "short-lived", "expiring", [0])[0][0][0] == 5
            deadline = time.time() + 60
            while fetch_v5(conn, "short-lived", "expiring", [0])[0][0][0] != -1:
                assert time.time() < deadline, "the offset did not expire"
                time.sleep(0.5)
    finally:
        assert broker.stop() == 0
