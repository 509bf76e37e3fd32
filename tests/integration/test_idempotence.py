"""Idempotent producers against a real skiffd: confluent-kafka with
enable.idempotence, and raw Produce requests that replay a batch (the duplicate gets
the original offset and is stored once), skip sequences (OUT_OF_ORDER_SEQUENCE_NUMBER),
use a stale epoch, and survive a broker restart. Also InitProducerId: fresh ids,
epoch bumps (KIP-360) and the answer to transactional ids (not supported yet)."""
import time

from confluent_kafka import Consumer, Producer, TopicPartition
from confluent_kafka.admin import AdminClient, NewTopic

import kafka_wire as kw

NONE = 0
COORDINATOR_NOT_AVAILABLE = 15
INVALID_REQUEST = 42
OUT_OF_ORDER_SEQUENCE_NUMBER = 45
INVALID_PRODUCER_EPOCH = 47
INVALID_TXN_STATE = 48


def create_topic(broker, name, partitions=1):
    admin = AdminClient({"bootstrap.servers": broker.bootstrap})
    admin.create_topics([NewTopic(name, num_partitions=partitions,
                                  replication_factor=1)])[name].result(15)


def end_offset(conn, topic, partition=0):
    return kw.list_offsets(conn, topic, partition, -1)["offset"]


def all_values(conn, topic, partition=0):
    _, _, parts = kw.fetch(conn, [(topic, partition, 0)])
    return [v for batch in kw.parse_batches(parts[(topic, partition)]["records"])
            for _, v in batch[3]]


def test_confluent_idempotent_producer_writes_each_message_once(broker):
    create_topic(broker, "idem", partitions=3)
    producer = Producer({"bootstrap.servers": broker.bootstrap, "enable.idempotence": True,
                         "acks": "all", "linger.ms": 5, "max.in.flight.requests.per.connection": 5})
    errors = []
    for i in range(3000):
        producer.produce("idem", key=b"%d" % (i % 7), value=b"%d" % i,
                         on_delivery=lambda err, msg: err and errors.append(err))
        if i % 500 == 0:
            producer.poll(0)
    assert producer.flush(30) == 0
    assert errors == []

    consumer = Consumer({"bootstrap.servers": broker.bootstrap, "group.id": "idem-check",
                         "enable.auto.commit": False})
    consumer.assign([TopicPartition("idem", p, 0) for p in range(3)])
    seen = []
    deadline = time.time() + 30
    while len(seen) < 3000 and time.time() < deadline:
        msg = consumer.poll(0.5)
        if msg is not None and msg.error() is None:
            seen.append((msg.partition(), msg.offset(), int(msg.value())))
    consumer.close()
    assert sorted(v for _, _, v in seen) == list(range(3000))  # no loss, no duplicate
    for p in range(3):
        offsets = [o for part, o, _ in seen if part == p]
        assert offsets == list(range(len(offsets)))
        values = [v for part, _, v in seen if part == p]
        assert values == sorted(values)  # per-partition order kept


def test_init_producer_id_hands_out_fresh_ids_and_bumps_epochs(broker):
    with kw.Connection(broker.bootstrap) as conn:
        a = kw.init_producer_id(conn, version=1)
        b = kw.init_producer_id(conn, version=4)
        assert a["error_code"] == NONE and b["error_code"] == NONE
        assert a["producer_id"] >= 0 and b["producer_id"] != a["producer_id"]
        assert a["producer_epoch"] == 0 and b["producer_epoch"] == 0

        bumped = kw.init_producer_id(conn, producer_id=b["producer_id"], producer_epoch=0)
        assert bumped == {"error_code": NONE, "producer_id": b["producer_id"], "producer_epoch": 1}
        # An epoch about to run out gets a new producer id instead.
        fresh = kw.init_producer_id(conn, producer_id=b["producer_id"], producer_epoch=32766)
        assert fresh["error_code"] == NONE
        assert fresh["producer_id"] not in (a["producer_id"], b["producer_id"])
        assert fresh["producer_epoch"] == 0
        # Half a producer identity is a malformed request.
        half = kw.init_producer_id(conn, producer_id=b["producer_id"], producer_epoch=-1)
        assert half["error_code"] == INVALID_REQUEST


def test_transactional_ids_are_not_served_yet(broker):
    with kw.Connection(broker.bootstrap) as conn:
        r = kw.init_producer_id(conn, transactional_id="txn-1")
        assert r == {"error_code": COORDINATOR_NOT_AVAILABLE, "producer_id": -1,
                     "producer_epoch": -1}
        assert kw.init_producer_id(conn, transactional_id="")["error_code"] == INVALID_REQUEST

    create_topic(broker, "txn")
    with kw.Connection(broker.bootstrap) as conn:
        batch = kw.record_batch([(None, b"t")], producer_id=1, producer_epoch=0,
                                base_sequence=0, transactional=True)
        [r] = kw.produce(conn, "txn", 0, batch, transactional_id="txn-1")
        assert r["error_code"] == INVALID_TXN_STATE
        assert end_offset(conn, "txn") == 0


def test_replayed_batch_gets_the_original_offset_and_gaps_are_rejected(broker):
    create_topic(broker, "replay")
    with kw.Connection(broker.bootstrap) as conn:
        ident = kw.init_producer_id(conn)
        pid, epoch = ident["producer_id"], ident["producer_epoch"]
        # Another producer's data first, so offsets and sequences differ.
        kw.produce(conn, "replay", 0, kw.record_batch([(None, b"other")]))

        first = kw.record_batch([(None, b"a"), (None, b"b"), (None, b"c")], producer_id=pid,
                                producer_epoch=epoch, base_sequence=0)
        [r] = kw.produce(conn, "replay", 0, first)
        assert (r["error_code"], r["base_offset"]) == (NONE, 1)

        [dup] = kw.produce(conn, "replay", 0, first)
        assert (dup["error_code"], dup["base_offset"]) == (NONE, 1)
        assert end_offset(conn, "replay") == 4  # stored once

        second = kw.record_batch([(None, b"d")], producer_id=pid, producer_epoch=epoch,
                                 base_sequence=3)
        [r] = kw.produce(conn, "replay", 0, second)
        assert (r["error_code"], r["base_offset"]) == (NONE, 4)
        # The older batch is still remembered (Kafka keeps the last five per producer).
        [dup] = kw.produce(conn, "replay", 0, first)
        assert (dup["error_code"], dup["base_offset"]) == (NONE, 1)

        gap = kw.record_batch([(None, b"x")], producer_id=pid, producer_epoch=epoch,
                              base_sequence=10)
        [r] = kw.produce(conn, "replay", 0, gap)
        assert r["error_code"] == OUT_OF_ORDER_SEQUENCE_NUMBER
        assert r["base_offset"] == -1
        assert end_offset(conn, "replay") == 5
        assert all_values(conn, "replay") == [b"other", b"a", b"b", b"c", b"d"]

        # A bumped epoch starts at sequence 0; the old epoch is then fenced.
        bumped = kw.init_producer_id(conn, producer_id=pid, producer_epoch=epoch)
        new_epoch = bumped["producer_epoch"]
        [r] = kw.produce(conn, "replay", 0, kw.record_batch(
            [(None, b"e")], producer_id=pid, producer_epoch=new_epoch, base_sequence=0))
        assert (r["error_code"], r["base_offset"]) == (NONE, 5)
        [r] = kw.produce(conn, "replay", 0, kw.record_batch(
            [(None, b"stale")], producer_id=pid, producer_epoch=epoch, base_sequence=4))
        assert r["error_code"] == INVALID_PRODUCER_EPOCH
        assert end_offset(conn, "replay") == 6


def test_duplicates_are_still_detected_after_a_restart(broker):
    create_topic(broker, "restart")
    with kw.Connection(broker.bootstrap) as conn:
        ident = kw.init_producer_id(conn)
        pid, epoch = ident["producer_id"], ident["producer_epoch"]
        batches = [kw.record_batch([(None, b"r%d" % i)], producer_id=pid, producer_epoch=epoch,
                                   base_sequence=i) for i in range(3)]
        for i, batch in enumerate(batches):
            [r] = kw.produce(conn, "restart", 0, batch)
            assert (r["error_code"], r["base_offset"]) == (NONE, i)

    assert broker.stop() == 0
    broker.start()

    with kw.Connection(broker.bootstrap) as conn:
        [dup] = kw.produce(conn, "restart", 0, batches[2])
        assert (dup["error_code"], dup["base_offset"]) == (NONE, 2)
        assert end_offset(conn, "restart") == 3
        gap = kw.record_batch([(None, b"gap")], producer_id=pid, producer_epoch=epoch,
                              base_sequence=7)
        [r] = kw.produce(conn, "restart", 0, gap)
        assert r["error_code"] == OUT_OF_ORDER_SEQUENCE_NUMBER
        nxt = kw.record_batch([(None, b"r3")], producer_id=pid, producer_epoch=epoch,
                              base_sequence=3)
        [r] = kw.produce(conn, "restart", 0, nxt)
        assert (r["error_code"], r["base_offset"]) == (NONE, 3)
        assert all_values(conn, "restart") == [b"r0", b"r1", b"r2", b"r3"]

        # A fresh producer id never repeats one handed out before the restart.
        assert kw.init_producer_id(conn)["producer_id"] != pid


def test_duplicates_are_detected_after_an_unclean_stop(broker):
    create_topic(broker, "crash")
    with kw.Connection(broker.bootstrap) as conn:
        ident = kw.init_producer_id(conn)
        batch = kw.record_batch([(None, b"once")], producer_id=ident["producer_id"],
                                producer_epoch=0, base_sequence=0)
        [r] = kw.produce(conn, "crash", 0, batch)
        assert r["error_code"] == NONE
    broker.kill9()
    broker.start()
    with kw.Connection(broker.bootstrap) as conn:
        [dup] = kw.produce(conn, "crash", 0, batch)
        assert (dup["error_code"], dup["base_offset"]) == (NONE, 0)
        assert all_values(conn, "crash") == [b"once"]
