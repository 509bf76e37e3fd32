"""Pipelined requests on one connection with log.flush.on.append=true: a produce
releases the connection's turn once its records are appended and waits for its
fsync while later requests run, yet every response comes back in request order,
offsets are assigned in request order, and everything acknowledged is readable."""
import struct

import kafka_wire as kw
from broker_process import Broker

PRODUCES = 40
PARTITIONS = 2


def produce_response(frame):
    """(correlation id, error code, base offset) of a v8 produce response for one partition."""
    r = kw.Reader(frame)
    correlation = r.int32()
    topics = r.array(lambda r: (r.string(), r.array(
        lambda r: (r.int32(), r.int16(), r.int64(), r.int64(), r.int64(),
                   r.array(lambda r: (r.int32(), r.string())), r.string()))))
    _, partitions = topics[0]
    return correlation, partitions[0][1], partitions[0][2]


def test_pipelined_produces_answer_in_order(tmp_path):
    broker = Broker(tmp_path, extra={"log.flush.on.append": "true",
                                     "num.partitions": str(PARTITIONS)}).start()
    try:
        with kw.Connection(broker.bootstrap) as conn:
            kw.metadata_topic_id(conn, "piped")  # auto-creates it
            sent = []
            for i in range(PRODUCES):
                partition = i % PARTITIONS
                batch = kw.record_batch([(None, f"r{i}".encode())])
                sent.append((conn.send(0, 8, kw.produce_body("piped", [(partition, batch)])), partition))
                if i % 10 == 9:  # a non-produce request in the middle of the pipeline
                    sent.append((conn.send(18, 0, b""), None))
            next_offset = {p: 0 for p in range(PARTITIONS)}
            for correlation, partition in sent:
                frame = conn.receive_frame()
                if partition is None:
                    assert struct.unpack(">i", frame[:4])[0] == correlation
                    continue
                got, error, base_offset = produce_response(frame)
                assert (got, error) == (correlation, 0)
                assert base_offset == next_offset[partition]
                next_offset[partition] += 1
            conn.correlation = sent[-1][0]
            _, _, parts = kw.fetch(conn, [("piped", p, 0) for p in range(PARTITIONS)])
            values = {p: [value for _, _, _, records in kw.parse_batches(parts[("piped", p)]["records"])
                          for _, value in records] for p in range(PARTITIONS)}
        for p in range(PARTITIONS):
            assert values[p] == [f"r{i}".encode() for i in range(p, PRODUCES, PARTITIONS)]
    finally:
        assert broker.stop() == 0, broker.log()


def test_pipelined_large_and_small_produces_keep_each_partitions_order(tmp_path):
    """Large produces (256 KiB and more) append on the I/O threads, one lane per
    partition, and let the connection read on at once; small ones append on the
    network thread unless their partition's lane is busy. Pipelined, in any mix, an
    idempotent producer's batches still append in request order: a reordering would
    answer OUT_OF_ORDER_SEQUENCE_NUMBER or put offsets out of order."""
    broker = Broker(tmp_path, extra={"num.partitions": str(PARTITIONS)}).start()
    try:
        with kw.Connection(broker.bootstrap) as conn:
            kw.metadata_topic_id(conn, "mixed")
            pid = kw.init_producer_id(conn)
            large = b"x" * (300 * 1024)
            sequence = {p: 0 for p in range(PARTITIONS)}
            sent = []
            for i in range(60):
                partition = (i // 3) % PARTITIONS  # runs of three on one partition
                value = large if i % 3 == 0 else f"r{i}".encode()
                batch = kw.record_batch([(None, value)], producer_id=pid["producer_id"],
                                        producer_epoch=pid["producer_epoch"],
                                        base_sequence=sequence[partition])
                sequence[partition] += 1
                sent.append((conn.send(0, 8, kw.produce_body("mixed", [(partition, batch)])),
                             partition, value))
            next_offset = {p: 0 for p in range(PARTITIONS)}
            for correlation, partition, _ in sent:
                got, error, base_offset = produce_response(conn.receive_frame())
                assert (got, error) == (correlation, 0)
                assert base_offset == next_offset[partition]
                next_offset[partition] += 1
            conn.correlation = sent[-1][0]
            for p in range(PARTITIONS):
                values = []
                while len(values) < next_offset[p]:  # 1 MiB per partition per fetch
                    _, _, parts = kw.fetch(conn, [("mixed", p, len(values))])
                    values += [value for _, _, _, records in
                               kw.parse_batches(parts[("mixed", p)]["records"])
                               for _, value in records]
                assert values == [value for _, partition, value in sent if partition == p]
    finally:
        assert broker.stop() == 0, broker.log()
