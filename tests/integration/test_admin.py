"""Admin APIs against a real skiffd with real clients: kafka-python and confluent-kafka
admin clients, kcat, and (for APIs neither Python client has: DeleteRecords,
DescribeLogDirs, DescribeCluster, IncrementalAlterConfigs) a minimal raw Kafka
protocol client defined here."""
import socket
import struct
import subprocess
import time

import pytest
from confluent_kafka import Consumer, KafkaError, KafkaException, Producer, TopicPartition
from confluent_kafka.admin import AdminClient, ConfigResource, NewPartitions
from confluent_kafka.admin import NewTopic as CNewTopic
from kafka import errors as kerrors
from kafka.admin import ConfigResource as KConfigResource
from kafka.admin import ConfigResourceType, KafkaAdminClient, NewPartitions as KNewPartitions
from kafka.admin import NewTopic as KNewTopic

from broker_process import Broker

TOPIC, BROKER = 2, 4  # ConfigResource types
SET, DELETE, APPEND, SUBTRACT = 0, 1, 2, 3  # IncrementalAlterConfigs operations
# DescribeConfigs ConfigSource
TOPIC_CONFIG, DYNAMIC_BROKER, DYNAMIC_DEFAULT_BROKER, STATIC_BROKER, DEFAULT_CONFIG = 1, 2, 3, 4, 5


# --- a minimal raw Kafka protocol client -----------------------------------------

class Writer:
    def __init__(self, flexible):
        self.flexible = flexible
        self.buf = bytearray()

    def int8(self, v): self.buf += struct.pack(">b", v); return self
    def int16(self, v): self.buf += struct.pack(">h", v); return self
    def int32(self, v): self.buf += struct.pack(">i", v); return self
    def int64(self, v): self.buf += struct.pack(">q", v); return self
    def bool(self, v): return self.int8(1 if v else 0)

    def uvarint(self, v):
        while True:
            b = v & 0x7F
            v >>= 7
            if v:
                self.buf.append(b | 0x80)
            else:
                self.buf.append(b)
                return self

    def string(self, s):
        if s is None:
            return self.uvarint(0) if self.flexible else self.int16(-1)
        data = s.encode()
        if self.flexible:
            self.uvarint(len(data) + 1)
        else:
            self.int16(len(data))
        self.buf += data
        return self

    def array(self, items, write_item):
        if items is None:
            return self.uvarint(0) if self.flexible else self.int32(-1)
        if self.flexible:
            self.uvarint(len(items) + 1)
        else:
            self.int32(len(items))
        for item in items:
            write_item(self, item)
        return self

    def tags(self):
        if self.flexible:
            self.uvarint(0)
        return self


class Reader:
    def __init__(self, data, flexible):
        self.data, self.pos, self.flexible = data, 0, flexible

    def _unpack(self, fmt, n):
        v = struct.unpack_from(fmt, self.data, self.pos)[0]
        self.pos += n
        return v

    def int8(self): return self._unpack(">b", 1)
    def int16(self): return self._unpack(">h", 2)
    def int32(self): return self._unpack(">i", 4)
    def int64(self): return self._unpack(">q", 8)
    def bool(self): return self.int8() != 0

    def uvarint(self):
        shift = value = 0
        while True:
            b = self.data[self.pos]
            self.pos += 1
            value |= (b & 0x7F) << shift
            if not b & 0x80:
                return value
            shift += 7

    def string(self):
        n = self.uvarint() - 1 if self.flexible else self.int16()
        if n < 0:
            return None
        s = self.data[self.pos:self.pos + n].decode()
        self.pos += n
        return s

    def array(self, read_item):
        n = self.uvarint() - 1 if self.flexible else self.int32()
        return None if n < 0 else [read_item(self) for _ in range(n)]

    def tags(self):
        if self.flexible:
            for _ in range(self.uvarint()):
                self.uvarint()
                self.pos += self.uvarint()


def raw_request(bootstrap, api_key, version, flexible, write_body):
    """Sends one request; returns a Reader positioned at the response body."""
    host, port = bootstrap.rsplit(":", 1)
    body = Writer(flexible)
    write_body(body)
    header = Writer(False).int16(api_key).int16(version).int32(7).string("skiff-admin-test")
    if flexible:
        header.uvarint(0)
    frame = bytes(header.buf) + bytes(body.buf)
    with socket.create_connection((host, int(port)), timeout=10) as s:
        s.sendall(struct.pack(">i", len(frame)) + frame)
        size = struct.unpack(">i", _recv(s, 4))[0]
        data = _recv(s, size)
    r = Reader(data, flexible)
    assert r.int32() == 7  # correlation id
    r.tags()
    return r


def _recv(s, n):
    out = b""
    while len(out) < n:
        chunk = s.recv(n - len(out))
        assert chunk, "broker closed the connection"
        out += chunk
    return out


def delete_records(bootstrap, topics, version=2):
    """topics: {name: {partition: offset}} -> {name: {partition: (low_watermark, error)}}"""
    flexible = version >= 2

    def body(w):
        def topic(w, item):
            name, parts = item
            w.string(name)
            w.array(list(parts.items()), lambda w, p: w.int32(p[0]).int64(p[1]).tags())
            w.tags()
        w.array(list(topics.items()), topic)
        w.int32(30000).tags()

    r = raw_request(bootstrap, 21, version, flexible, body)
    r.int32()  # throttle

    def partition(r):
        out = (r.int32(), r.int64(), r.int16())
        r.tags()
        return out

    def topic(r):
        name = r.string()
        parts = r.array(partition)
        r.tags()
        return name, {p: (low, err) for p, low, err in parts}

    return dict(r.array(topic))


def describe_log_dirs(bootstrap, topics=None, version=4):
    """topics: {name: [partitions]} or None -> (top error, [dict per log dir])"""
    flexible = version >= 2

    def body(w):
        w.array(None if topics is None else list(topics.items()),
                lambda w, t: (w.string(t[0]), w.array(t[1], lambda w, p: w.int32(p)), w.tags()))
        w.tags()

    r = raw_request(bootstrap, 35, version, flexible, body)
    r.int32()
    error = r.int16() if version >= 3 else 0

    def partition(r):
        out = {"partition": r.int32(), "size": r.int64(), "lag": r.int64(), "future": r.bool()}
        r.tags()
        return out

    def topic(r):
        out = {"name": r.string(), "partitions": r.array(partition)}
        r.tags()
        return out

    def result(r):
        out = {"error": r.int16(), "log_dir": r.string(), "topics": r.array(topic)}
        if version >= 4:
            out["total_bytes"], out["usable_bytes"] = r.int64(), r.int64()
        r.tags()
        return out

    return error, r.array(result)


def describe_cluster(bootstrap, include_ops=False, version=1, endpoint_type=1):
    def body(w):
        w.bool(include_ops)
        if version >= 1:
            w.int8(endpoint_type)
        w.tags()

    r = raw_request(bootstrap, 60, version, True, body)
    out = {"throttle": r.int32(), "error": r.int16(), "error_message": r.string()}
    if version >= 1:
        out["endpoint_type"] = r.int8()
    out["cluster_id"] = r.string()
    out["controller_id"] = r.int32()

    def broker(r):
        b = {"id": r.int32(), "host": r.string(), "port": r.int32(), "rack": r.string()}
        r.tags()
        return b

    out["brokers"] = r.array(broker)
    out["authorized_operations"] = r.int32()
    return out


def incremental_alter(bootstrap, resources, validate_only=False, version=1):
    """resources: [(type, name, [(key, op, value)])] -> {(type, name): (error, message)}"""
    flexible = version >= 1

    def body(w):
        def resource(w, res):
            rtype, name, configs = res
            w.int8(rtype).string(name)
            w.array(configs, lambda w, c: (w.string(c[0]), w.int8(c[1]), w.string(c[2]), w.tags()))
            w.tags()
        w.array(resources, resource)
        w.bool(validate_only).tags()

    r = raw_request(bootstrap, 44, version, flexible, body)
    r.int32()

    def response(r):
        error, message, rtype, name = r.int16(), r.string(), r.int8(), r.string()
        r.tags()
        return (rtype, name), (error, message)

    return dict(r.array(response))


def create_topics_raw(bootstrap, topics, validate_only=False, version=7):
    """topics: [(name, partitions, rf, {partition: [brokers]}, {key: value})] -> [dict]"""
    flexible = version >= 5

    def body(w):
        def topic(w, t):
            name, partitions, rf, assignments, configs = t
            w.string(name).int32(partitions).int16(rf)
            w.array(list(assignments.items()),
                    lambda w, a: (w.int32(a[0]), w.array(a[1], lambda w, b: w.int32(b)), w.tags()))
            w.array(list(configs.items()), lambda w, c: (w.string(c[0]), w.string(c[1]), w.tags()))
            w.tags()
        w.array(topics, topic)
        w.int32(30000).bool(validate_only).tags()

    r = raw_request(bootstrap, 19, version, flexible, body)
    r.int32()

    def config(r):
        c = {"name": r.string(), "value": r.string(), "read_only": r.bool(), "source": r.int8(),
             "sensitive": r.bool()}
        r.tags()
        return c

    def result(r):
        out = {"name": r.string()}
        if version >= 7:
            out["topic_id"] = bytes(r.data[r.pos:r.pos + 16])
            r.pos += 16
        out["error"], out["message"] = r.int16(), r.string()
        if version >= 5:
            out["num_partitions"], out["replication_factor"] = r.int32(), r.int16()
            out["configs"] = r.array(config)
        r.tags()
        return out

    return r.array(result)


def describe_configs_raw(bootstrap, resources, synonyms=True, documentation=True, version=4):
    """resources: [(type, name, keys or None)] -> [(error, message, type, name, {key: dict})]"""
    flexible = version >= 4

    def body(w):
        def resource(w, res):
            w.int8(res[0]).string(res[1])
            w.array(res[2], lambda w, k: w.string(k))
            w.tags()
        w.array(resources, resource)
        w.bool(synonyms)
        if version >= 3:
            w.bool(documentation)
        w.tags()

    r = raw_request(bootstrap, 32, version, flexible, body)
    r.int32()

    def synonym(r):
        out = (r.string(), r.string(), r.int8())
        r.tags()
        return out

    def config(r):
        c = {"name": r.string(), "value": r.string(), "read_only": r.bool(), "source": r.int8(),
             "sensitive": r.bool(), "synonyms": r.array(synonym)}
        if version >= 3:
            c["type"], c["doc"] = r.int8(), r.string()
        r.tags()
        return c

    def result(r):
        error, message, rtype, name = r.int16(), r.string(), r.int8(), r.string()
        configs = {c["name"]: c for c in r.array(config)}
        r.tags()
        return error, message, rtype, name, configs

    return r.array(result)


def delete_topics_raw(bootstrap, names=(), ids=()):
    """DeleteTopics v6 by name and by id -> [(name, id, error, message)]"""
    def body(w):
        def state(w, item):
            name, topic_id = item
            w.string(name)
            w.buf += topic_id
            w.tags()
        items = [(n, bytes(16)) for n in names] + [(None, i) for i in ids]
        w.array(items, state)
        w.int32(30000).tags()

    r = raw_request(bootstrap, 20, 6, True, body)
    r.int32()

    def result(r):
        name = r.string()
        topic_id = bytes(r.data[r.pos:r.pos + 16])
        r.pos += 16
        out = (name, topic_id, r.int16(), r.string())
        r.tags()
        return out

    return r.array(result)


# --- client helpers ----------------------------------------------------------------

def kp_admin(broker):
    return KafkaAdminClient(bootstrap_servers=broker.bootstrap, client_id="skiff-admin-test",
                            request_timeout_ms=15000)


def ck_admin(broker):
    return AdminClient({"bootstrap.servers": broker.bootstrap})


def ck_wait(futures):
    """{key: future} -> {key: None or KafkaError}"""
    out = {}
    for key, future in futures.items():
        try:
            future.result(timeout=15)
            out[key] = None
        except KafkaException as e:
            out[key] = e.args[0]
    return out


def ck_create(broker, topics, **kwargs):
    admin = ck_admin(broker)  # alive until the futures are done
    return ck_wait(admin.create_topics(topics, **kwargs))


def topic_partitions(broker, topic):
    md = ck_admin(broker).list_topics(timeout=10)
    t = md.topics.get(topic)
    return None if t is None or t.error is not None else sorted(t.partitions)


def ck_describe(broker, rtype, name):
    admin = ck_admin(broker)
    res = ConfigResource(rtype, name)
    return admin.describe_configs([res])[res].result(timeout=15)


def produce(broker, topic, values, partition=0):
    p = Producer({"bootstrap.servers": broker.bootstrap, "acks": "all"})
    for v in values:
        p.produce(topic, value=v, partition=partition)
    assert p.flush(15) == 0


def produce_error(broker, topic, size):
    """Produces one record of `size` bytes; the delivery error or None."""
    p = Producer({"bootstrap.servers": broker.bootstrap, "acks": "all",
                  "message.max.bytes": 10_000_000})
    errors = []
    p.produce(topic, value=b"x" * size, on_delivery=lambda err, msg: errors.append(err))
    p.flush(15)
    return errors[0]


def watermarks(broker, topic, partition=0):
    c = Consumer({"bootstrap.servers": broker.bootstrap, "group.id": "wm"})
    try:
        return c.get_watermark_offsets(TopicPartition(topic, partition), timeout=10)
    finally:
        c.close()


# --- CreateTopics ------------------------------------------------------------------

def test_create_topics_kafka_python(broker):
    admin = kp_admin(broker)
    admin.create_topics([KNewTopic("kp-orders", 3, 1, topic_configs={"retention.ms": "3600000"})])
    assert topic_partitions(broker, "kp-orders") == [0, 1, 2]

    with pytest.raises(kerrors.TopicAlreadyExistsError):
        admin.create_topics([KNewTopic("kp-orders", 1, 1)])

    admin.create_topics([KNewTopic("kp-validate", 2, 1)], validate_only=True)
    assert topic_partitions(broker, "kp-validate") is None

    with pytest.raises(kerrors.InvalidTopicError):
        admin.create_topics([KNewTopic("bad/name", 1, 1)])
    with pytest.raises(kerrors.InvalidConfigurationError) as bad:
        admin.create_topics([KNewTopic("kp-bad", 1, 1, topic_configs={"retention.ms": "soon"})])
    assert "Invalid value soon for configuration retention.ms" in str(bad.value)
    with pytest.raises(kerrors.InvalidConfigurationError) as unknown:
        admin.create_topics([KNewTopic("kp-bad", 1, 1, topic_configs={"retention.m": "1"})])
    assert "Unknown topic config name: retention.m" in str(unknown.value)
    with pytest.raises(kerrors.InvalidReplicationFactorError):
        admin.create_topics([KNewTopic("kp-rf3", 1, 3)])
    with pytest.raises(kerrors.InvalidPartitionsError):
        admin.create_topics([KNewTopic("kp-zero", 0, 1)])
    assert topic_partitions(broker, "kp-bad") is None

    # Manual assignments: [this node] per partition, else INVALID_REPLICA_ASSIGNMENT.
    admin.create_topics([KNewTopic("kp-assigned", -1, -1, replica_assignments={0: [1], 1: [1]})])
    assert topic_partitions(broker, "kp-assigned") == [0, 1]
    with pytest.raises(kerrors.InvalidReplicationAssignmentError):
        admin.create_topics([KNewTopic("kp-assigned2", -1, -1, replica_assignments={0: [2]})])
    with pytest.raises(kerrors.InvalidReplicationAssignmentError):
        admin.create_topics([KNewTopic("kp-assigned3", -1, -1, replica_assignments={0: [1], 2: [1]})])

    # A name twice in one request: INVALID_REQUEST, and neither copy is created.
    with pytest.raises(kerrors.InvalidRequestError):
        admin.create_topics([KNewTopic("kp-dup", 1, 1), KNewTopic("kp-dup", 2, 1)])
    assert topic_partitions(broker, "kp-dup") is None
    admin.close()

    # kcat sees what was created.
    listing = subprocess.run(["kcat", "-b", broker.bootstrap, "-L", "-t", "kp-orders"],
                             capture_output=True, text=True, timeout=30, check=True).stdout
    assert 'topic "kp-orders" with 3 partitions' in listing


def test_create_topics_confluent(broker):
    admin = ck_admin(broker)
    results = ck_wait(admin.create_topics([
        CNewTopic("ck-events", num_partitions=2, replication_factor=1,
                  config={"cleanup.policy": "compact", "segment.bytes": "1048576"}),
        CNewTopic("ck-defaults", num_partitions=-1, replication_factor=-1),
        CNewTopic("ck-bad", num_partitions=1, replication_factor=1,
                  config={"min.cleanable.dirty.ratio": "2"}),
    ]))
    assert results["ck-events"] is None and results["ck-defaults"] is None
    assert results["ck-bad"].code() == KafkaError.INVALID_CONFIG
    assert "Value must be no more than 1" in results["ck-bad"].str()
    assert topic_partitions(broker, "ck-events") == [0, 1]
    assert topic_partitions(broker, "ck-defaults") == [0]  # num.partitions=1
    assert topic_partitions(broker, "ck-bad") is None

    again = ck_wait(admin.create_topics([CNewTopic("ck-events", 1, 1)]))
    assert again["ck-events"].code() == KafkaError.TOPIC_ALREADY_EXISTS

    dry = ck_wait(admin.create_topics([CNewTopic("ck-dry", 4, 1)], validate_only=True))
    assert dry["ck-dry"] is None
    assert topic_partitions(broker, "ck-dry") is None

    configs = ck_describe(broker, ConfigResource.Type.TOPIC, "ck-events")
    assert configs["cleanup.policy"].value == "compact"
    assert configs["segment.bytes"].value == "1048576"


def test_create_topics_v7_returns_configs_and_id(broker):
    [created] = create_topics_raw(broker.bootstrap,
                                  [("raw-v7", 3, 1, {}, {"retention.ms": "60000"})])
    assert created["error"] == 0 and created["message"] is None
    assert (created["num_partitions"], created["replication_factor"]) == (3, 1)
    configs = {c["name"]: c for c in created["configs"]}
    assert configs["retention.ms"]["value"] == "60000"
    assert configs["retention.ms"]["source"] == TOPIC_CONFIG
    assert configs["segment.bytes"]["source"] == DEFAULT_CONFIG
    assert not configs["retention.ms"]["read_only"]

    [dry] = create_topics_raw(broker.bootstrap, [("raw-dry", -1, -1, {}, {})], validate_only=True)
    assert dry["error"] == 0 and dry["num_partitions"] == 1
    [dup] = create_topics_raw(broker.bootstrap, [("raw-v7", 1, 1, {}, {})])
    assert dup["error"] == 36 and dup["num_partitions"] == -1
    [mixed] = create_topics_raw(broker.bootstrap, [("raw-mixed", 2, -1, {0: [1]}, {})])
    assert mixed["error"] == 42  # assignments need num_partitions = -1


# --- DeleteTopics ------------------------------------------------------------------

def test_delete_topics(broker):
    admin = kp_admin(broker)
    admin.create_topics([KNewTopic("del-a", 1, 1), KNewTopic("del-b", 2, 1)])
    produce(broker, "del-a", [b"old-1", b"old-2"])
    admin.delete_topics(["del-a"])
    assert topic_partitions(broker, "del-a") is None
    with pytest.raises(kerrors.UnknownTopicOrPartitionError):
        admin.delete_topics(["del-a"])
    admin.close()

    # The same name again starts from an empty log.
    assert ck_create(broker, [CNewTopic("del-a", 1, 1)])["del-a"] is None
    assert watermarks(broker, "del-a") == (0, 0)

    admin = ck_admin(broker)
    results = ck_wait(admin.delete_topics(["del-b", "del-missing"]))
    assert results["del-b"] is None
    assert results["del-missing"].code() == KafkaError.UNKNOWN_TOPIC_OR_PART
    assert topic_partitions(broker, "del-b") is None


def test_delete_topics_by_id_and_duplicates(broker):
    [created] = create_topics_raw(broker.bootstrap, [("by-id", 1, 1, {}, {})])
    topic_id = created["topic_id"]
    assert topic_id != bytes(16)
    create_topics_raw(broker.bootstrap, [("by-name", 1, 1, {}, {})])

    results = delete_topics_raw(broker.bootstrap, names=["by-name", "by-name"], ids=[topic_id])
    assert ("by-name", bytes(16), 42, "Duplicate topic name.") in results
    assert ("by-id", topic_id, 0, None) in results
    assert topic_partitions(broker, "by-id") is None
    assert topic_partitions(broker, "by-name") == [0]

    [(name, _, error, _)] = delete_topics_raw(broker.bootstrap, ids=[topic_id])
    assert (name, error) == (None, 100)  # UNKNOWN_TOPIC_ID
    [(_, _, error, _)] = delete_topics_raw(broker.bootstrap, names=["never-was"])
    assert error == 3


def test_delete_topics_disabled(tmp_path):
    b = Broker(tmp_path / "b", extra={"delete.topic.enable": "false"}).start()
    try:
        assert ck_create(b, [CNewTopic("keep", 1, 1)])["keep"] is None
        [(name, _, error, message)] = delete_topics_raw(b.bootstrap, names=["keep"])
        assert (name, error, message) == ("keep", 73, "Topic deletion is disabled.")
        # librdkafka speaks DeleteTopics v1, where Kafka answers INVALID_REQUEST.
        admin = ck_admin(b)
        result = ck_wait(admin.delete_topics(["keep"]))["keep"]
        assert result.code() == KafkaError.INVALID_REQUEST
        assert topic_partitions(b, "keep") == [0]
    finally:
        assert b.stop() == 0


# --- CreatePartitions --------------------------------------------------------------

def test_create_partitions(broker):
    admin = kp_admin(broker)
    admin.create_topics([KNewTopic("grow", 1, 1)])
    admin.create_partitions({"grow": KNewPartitions(3)})
    assert topic_partitions(broker, "grow") == [0, 1, 2]
    admin.create_partitions({"grow": KNewPartitions(5)}, validate_only=True)
    assert topic_partitions(broker, "grow") == [0, 1, 2]
    with pytest.raises(kerrors.InvalidPartitionsError):
        admin.create_partitions({"grow": KNewPartitions(2)})
    with pytest.raises(kerrors.InvalidPartitionsError):
        admin.create_partitions({"grow": KNewPartitions(3)})
    with pytest.raises(kerrors.UnknownTopicOrPartitionError):
        admin.create_partitions({"grow-missing": KNewPartitions(3)})
    with pytest.raises(kerrors.InvalidReplicationAssignmentError):
        admin.create_partitions({"grow": KNewPartitions(4, [[2]])})
    admin.create_partitions({"grow": KNewPartitions(4, [[1]])})
    admin.close()
    assert topic_partitions(broker, "grow") == [0, 1, 2, 3]

    ck = ck_admin(broker)
    assert ck_wait(ck.create_partitions([NewPartitions("grow", 6)]))["grow"] is None
    assert topic_partitions(broker, "grow") == list(range(6))
    # New partitions take records.
    produce(broker, "grow", [b"x", b"y"], partition=5)
    assert watermarks(broker, "grow", 5) == (0, 2)


# --- DescribeConfigs ---------------------------------------------------------------

def test_describe_topic_configs(broker):
    admin = ck_admin(broker)
    ck_wait(admin.create_topics([CNewTopic("desc", 1, 1, config={"retention.ms": "7200000"})]))
    configs = ck_describe(broker, ConfigResource.Type.TOPIC, "desc")
    retention = configs["retention.ms"]
    assert retention.value == "7200000"
    assert retention.source == TOPIC_CONFIG
    assert not retention.is_read_only and not retention.is_sensitive
    synonyms = [(s.name, s.source) for s in retention.synonyms.values()]
    assert ("retention.ms", TOPIC_CONFIG) in synonyms
    assert ("log.retention.hours", DEFAULT_CONFIG) in synonyms
    assert configs["segment.bytes"].source == DEFAULT_CONFIG
    assert configs["cleanup.policy"].value == "delete"

    missing = ConfigResource(ConfigResource.Type.TOPIC, "no-such-topic")
    with pytest.raises(KafkaException) as e:
        admin.describe_configs([missing])[missing].result(timeout=15)
    assert e.value.args[0].code() == KafkaError.UNKNOWN_TOPIC_OR_PART

    # kafka-python: with synonyms, and filtered by key.
    kp = kp_admin(broker)
    [response] = kp.describe_configs(
        [KConfigResource(ConfigResourceType.TOPIC, "desc", {"retention.ms": None})],
        include_synonyms=True)
    [(error, _msg, _type, name, entries)] = response.resources
    assert (error, name) == (0, "desc")
    assert [e[0] for e in entries] == ["retention.ms"]
    assert entries[0][1] == "7200000"
    kp.close()


def test_describe_broker_configs(tmp_path):
    b = Broker(tmp_path / "b", extra={"num.io.threads": "4", "message.max.bytes": "2000000"}).start()
    try:
        configs = ck_describe(b, ConfigResource.Type.BROKER, "1")
        io = configs["num.io.threads"]
        assert io.value == "4" and io.source == STATIC_BROKER and io.is_read_only
        mmb = configs["message.max.bytes"]
        assert mmb.value == "2000000" and mmb.source == STATIC_BROKER and not mmb.is_read_only
        assert configs["num.network.threads"].source == DEFAULT_CONFIG
        assert configs["log.dirs"].value == str(b.data_dir)
        # A topic inherits the broker value through its synonym.
        admin = ck_admin(b)
        ck_wait(admin.create_topics([CNewTopic("inherit", 1, 1)]))
        topic = ck_describe(b, ConfigResource.Type.TOPIC, "inherit")["max.message.bytes"]
        assert topic.value == "2000000" and topic.source == STATIC_BROKER

        # Raw v4: types, documentation, filter; other broker ids are refused.
        results = describe_configs_raw(b.bootstrap, [
            (BROKER, "1", ["num.io.threads", "log.dirs"]), (BROKER, "2", None),
            (BROKER, "x", None), (TOPIC, "inherit", ["retention.ms"]), (TOPIC, "gone", None)])
        (e1, m1, _, _, broker1), (e2, m2, _, _, _), (e3, _, _, _, _), (e4, _, _, _, topic), \
            (e5, _, _, _, _) = results
        assert (e1, m1) == (0, None)
        assert sorted(broker1) == ["log.dirs", "num.io.threads"]
        io = broker1["num.io.threads"]
        assert (io["type"], io["read_only"], io["sensitive"]) == (3, True, False)  # INT
        assert io["synonyms"] == [("num.io.threads", "4", STATIC_BROKER),
                                  ("num.io.threads", "8", DEFAULT_CONFIG)]
        assert "Threads" in io["doc"]
        assert e2 == 42 and m2 == "Unexpected broker id, expected 1 or empty string, but received 2"
        assert e3 == 42
        assert e4 == 0 and topic["retention.ms"]["type"] == 5  # LONG
        assert e5 == 3
    finally:
        assert b.stop() == 0


# --- AlterConfigs / IncrementalAlterConfigs ---------------------------------------

def test_alter_topic_configs(broker):
    admin = ck_admin(broker)
    ck_wait(admin.create_topics([CNewTopic("alt", 1, 1, config={"retention.ms": "100000"})]))

    res = ConfigResource(ConfigResource.Type.TOPIC, "alt", set_config={"segment.ms": "3600000"})
    assert ck_wait(admin.alter_configs([res]))[res] is None
    configs = ck_describe(broker, ConfigResource.Type.TOPIC, "alt")
    # AlterConfigs replaces the whole set: retention.ms is back to its default.
    assert configs["segment.ms"].value == "3600000" and configs["segment.ms"].source == TOPIC_CONFIG
    assert configs["retention.ms"].value == "604800000"
    assert configs["retention.ms"].source == DEFAULT_CONFIG

    bad = ConfigResource(ConfigResource.Type.TOPIC, "alt", set_config={"segment.ms": "0"})
    error = ck_wait(admin.alter_configs([bad]))[bad]
    assert error.code() == KafkaError.INVALID_CONFIG
    assert "Value must be at least 1" in error.str()

    dry = ConfigResource(ConfigResource.Type.TOPIC, "alt", set_config={"segment.ms": "7200000"})
    assert ck_wait(admin.alter_configs([dry], validate_only=True))[dry] is None
    assert ck_describe(broker, ConfigResource.Type.TOPIC, "alt")["segment.ms"].value == "3600000"

    missing = ConfigResource(ConfigResource.Type.TOPIC, "alt-missing", set_config={"segment.ms": "1"})
    assert ck_wait(admin.alter_configs([missing]))[missing].code() == KafkaError.UNKNOWN_TOPIC_OR_PART

    # kafka-python's AlterConfigs as well.
    kp = kp_admin(broker)
    [response] = [kp.alter_configs([KConfigResource(ConfigResourceType.TOPIC, "alt",
                                                    {"retention.bytes": "1048576"})])]
    assert [r[0] for r in response.resources] == [0]
    kp.close()
    configs = ck_describe(broker, ConfigResource.Type.TOPIC, "alt")
    assert configs["retention.bytes"].value == "1048576"
    assert configs["segment.ms"].source == DEFAULT_CONFIG


def test_incremental_alter_topic_configs(broker):
    ck_create(broker, [CNewTopic("inc", 1, 1)])
    key = (TOPIC, "inc")

    out = incremental_alter(broker.bootstrap, [(TOPIC, "inc", [
        ("retention.ms", SET, "120000"), ("cleanup.policy", APPEND, "compact")])])
    assert out[key] == (0, None)
    configs = ck_describe(broker, ConfigResource.Type.TOPIC, "inc")
    assert configs["retention.ms"].value == "120000"
    assert configs["cleanup.policy"].value == "delete,compact"

    out = incremental_alter(broker.bootstrap, [(TOPIC, "inc", [
        ("cleanup.policy", SUBTRACT, "delete"), ("retention.ms", DELETE, None)])])
    assert out[key] == (0, None)
    configs = ck_describe(broker, ConfigResource.Type.TOPIC, "inc")
    assert configs["cleanup.policy"].value == "compact"
    assert configs["retention.ms"].source == DEFAULT_CONFIG

    error, message = incremental_alter(broker.bootstrap, [(TOPIC, "inc", [
        ("retention.ms", APPEND, "5")])])[key]
    assert error == 40 and "because its type is not LIST" in message
    error, message = incremental_alter(broker.bootstrap, [(TOPIC, "inc", [
        ("retention.ms", SET, "x")])])[key]
    assert error == 40 and "Invalid value x for configuration retention.ms" in message
    assert incremental_alter(broker.bootstrap, [(TOPIC, "inc", [
        ("retention.ms", SET, "1"), ("retention.ms", DELETE, None)])])[key][0] == 42
    assert incremental_alter(broker.bootstrap, [(TOPIC, "inc-missing", [
        ("retention.ms", SET, "1")])])[(TOPIC, "inc-missing")][0] == 3

    assert incremental_alter(broker.bootstrap, [(TOPIC, "inc", [("retention.ms", SET, "999")])],
                             validate_only=True)[key] == (0, None)
    assert ck_describe(broker, ConfigResource.Type.TOPIC, "inc")["retention.ms"].source == DEFAULT_CONFIG
    # v0 (not flexible) too.
    assert incremental_alter(broker.bootstrap, [(TOPIC, "inc", [("segment.ms", SET, "60000")])],
                             version=0)[key] == (0, None)
    assert ck_describe(broker, ConfigResource.Type.TOPIC, "inc")["segment.ms"].value == "60000"

    # The partition's log applies the new value at once.
    assert produce_error(broker, "inc", 5000) is None
    assert incremental_alter(broker.bootstrap, [(TOPIC, "inc", [
        ("max.message.bytes", SET, "1000")])])[key] == (0, None)
    assert produce_error(broker, "inc", 5000).code() == KafkaError.MSG_SIZE_TOO_LARGE


def test_alter_broker_configs(broker):
    node = (BROKER, "1")
    out = incremental_alter(broker.bootstrap, [(BROKER, "1", [("message.max.bytes", SET, "3000000")])])
    assert out[node] == (0, None)
    configs = ck_describe(broker, ConfigResource.Type.BROKER, "1")
    assert configs["message.max.bytes"].value == "3000000"
    assert configs["message.max.bytes"].source == DYNAMIC_BROKER

    # Topics without an override follow the broker's dynamic value.
    ck_create(broker, [CNewTopic("follow", 1, 1)])
    topic = ck_describe(broker, ConfigResource.Type.TOPIC, "follow")["max.message.bytes"]
    assert topic.value == "3000000" and topic.source == DYNAMIC_BROKER

    # ... and so do their logs.
    assert incremental_alter(broker.bootstrap, [(BROKER, "1", [
        ("message.max.bytes", SET, "1000")])])[node] == (0, None)
    assert produce_error(broker, "follow", 5000).code() == KafkaError.MSG_SIZE_TOO_LARGE
    assert incremental_alter(broker.bootstrap, [(BROKER, "1", [
        ("message.max.bytes", SET, "3000000")])])[node] == (0, None)
    assert produce_error(broker, "follow", 5000) is None

    # Cluster-wide default (resource name ""): below the per-broker value.
    out = incremental_alter(broker.bootstrap, [(BROKER, "", [
        ("message.max.bytes", SET, "2500000"), ("min.insync.replicas", SET, "1")])])
    assert out[(BROKER, "")] == (0, None)
    configs = ck_describe(broker, ConfigResource.Type.BROKER, "1")
    assert configs["message.max.bytes"].value == "3000000"
    assert configs["min.insync.replicas"].source == DYNAMIC_DEFAULT_BROKER
    [(error, _, _, _, defaults)] = describe_configs_raw(broker.bootstrap, [(BROKER, "", None)])
    assert error == 0
    assert {k: (v["value"], v["source"]) for k, v in defaults.items()} == {
        "message.max.bytes": ("2500000", DYNAMIC_DEFAULT_BROKER),
        "min.insync.replicas": ("1", DYNAMIC_DEFAULT_BROKER)}
    # Dropping the per-broker value uncovers the cluster default.
    assert incremental_alter(broker.bootstrap, [(BROKER, "1", [
        ("message.max.bytes", DELETE, None)])])[node] == (0, None)
    mmb = ck_describe(broker, ConfigResource.Type.BROKER, "1")["message.max.bytes"]
    assert (mmb.value, mmb.source) == ("2500000", DYNAMIC_DEFAULT_BROKER)

    error, message = incremental_alter(broker.bootstrap, [(BROKER, "1", [
        ("num.io.threads", SET, "2")])])[node]
    assert error == 42 and message == "Cannot update these configs dynamically: Set(num.io.threads)"
    error, message = incremental_alter(broker.bootstrap, [(BROKER, "1", [
        ("message.max.bytes", SET, "lots")])])[node]
    assert error == 42 and "message.max.bytes" in message
    assert incremental_alter(broker.bootstrap, [(BROKER, "7", [
        ("message.max.bytes", SET, "1")])])[(BROKER, "7")][0] == 42
    assert incremental_alter(broker.bootstrap, [(BROKER, "one", [
        ("message.max.bytes", SET, "1")])])[(BROKER, "one")][0] == 42

    # AlterConfigs (replace) on the broker with confluent-kafka.
    admin = ck_admin(broker)
    res = ConfigResource(ConfigResource.Type.BROKER, "1", set_config={"log.level": "debug"})
    assert ck_wait(admin.alter_configs([res]))[res] is None
    configs = ck_describe(broker, ConfigResource.Type.BROKER, "1")
    assert (configs["log.level"].value, configs["log.level"].source) == ("debug", DYNAMIC_BROKER)
    static = ConfigResource(ConfigResource.Type.BROKER, "1", set_config={"listeners": "PLAINTEXT://:1"})
    assert ck_wait(admin.alter_configs([static]))[static].code() == KafkaError.INVALID_REQUEST


# --- DeleteRecords -----------------------------------------------------------------

def test_delete_records(broker):
    ck_create(broker, [CNewTopic("trim", 2, 1)])
    payload = "".join(f"m{i}\n" for i in range(10))
    subprocess.run(["kcat", "-b", broker.bootstrap, "-P", "-t", "trim", "-p", "0"],
                   input=payload, text=True, timeout=30, check=True)
    assert watermarks(broker, "trim") == (0, 10)

    out = delete_records(broker.bootstrap, {"trim": {0: 4}})
    assert out == {"trim": {0: (4, 0)}}
    assert watermarks(broker, "trim") == (4, 10)
    consumed = subprocess.run(["kcat", "-b", broker.bootstrap, "-C", "-t", "trim", "-p", "0",
                               "-o", "beginning", "-e", "-f", "%o:%s\n"],
                              capture_output=True, text=True, timeout=30, check=True).stdout
    assert consumed.split() == [f"{i}:m{i}" for i in range(4, 10)]

    # Below the start: nothing changes. Beyond the high watermark: OFFSET_OUT_OF_RANGE.
    out = delete_records(broker.bootstrap, {"trim": {0: 2, 1: 5}, "trim-missing": {0: 1}}, version=1)
    assert out["trim"] == {0: (4, 0), 1: (-1, 1)}
    assert out["trim-missing"] == {0: (-1, 3)}
    assert delete_records(broker.bootstrap, {"trim": {7: 0}}) == {"trim": {7: (-1, 3)}}
    # -1: up to the high watermark.
    assert delete_records(broker.bootstrap, {"trim": {0: -1}}) == {"trim": {0: (10, 0)}}
    assert watermarks(broker, "trim") == (10, 10)
    produce(broker, "trim", [b"after"])
    assert watermarks(broker, "trim") == (10, 11)

    ck_create(broker, [CNewTopic("compacted", 1, 1, config={"cleanup.policy": "compact"})])
    produce(broker, "compacted", [b"a"])
    assert delete_records(broker.bootstrap, {"compacted": {0: 1}}) == {"compacted": {0: (-1, 44)}}


# --- DescribeCluster ---------------------------------------------------------------

def test_describe_cluster(broker):
    md = ck_admin(broker).list_topics(timeout=10)
    for version in (0, 1):
        out = describe_cluster(broker.bootstrap, version=version)
        assert out["error"] == 0 and out["error_message"] is None
        assert out["cluster_id"] == md.cluster_id
        assert out["controller_id"] == 1
        assert out["brokers"] == [{"id": 1, "host": "127.0.0.1", "port": broker.port, "rack": None}]
        assert out["authorized_operations"] == -2147483648
    ops = describe_cluster(broker.bootstrap, include_ops=True)["authorized_operations"]
    # CREATE, ALTER, DESCRIBE, CLUSTER_ACTION, DESCRIBE_CONFIGS, ALTER_CONFIGS, IDEMPOTENT_WRITE
    assert ops == sum(1 << op for op in (5, 7, 8, 9, 10, 11, 12))
    assert describe_cluster(broker.bootstrap, endpoint_type=2)["error"] == 114

    # kafka-python's describe_cluster agrees (it reads Metadata).
    kp = kp_admin(broker)
    assert kp.describe_cluster()["cluster_id"] == md.cluster_id
    kp.close()


# --- DescribeLogDirs ---------------------------------------------------------------

def test_describe_log_dirs(broker):
    ck_create(broker, [CNewTopic("dirs", 2, 1), CNewTopic("dirs2", 1, 1)])
    produce(broker, "dirs", [b"x" * 1000] * 5, partition=1)

    error, dirs = describe_log_dirs(broker.bootstrap)
    assert error == 0
    [d] = dirs
    assert d["error"] == 0 and d["log_dir"] == str(broker.data_dir)
    assert d["total_bytes"] > 0 and 0 < d["usable_bytes"] <= d["total_bytes"]
    sizes = {(t["name"], p["partition"]): p["size"] for t in d["topics"] for p in t["partitions"]}
    assert {("dirs", 0), ("dirs", 1), ("dirs2", 0)} <= set(sizes)
    assert sizes[("dirs", 1)] > 5000 and sizes[("dirs", 0)] == 0

    _, [d] = describe_log_dirs(broker.bootstrap, {"dirs": [1], "nope": [0]}, version=1)
    assert "total_bytes" not in d
    assert [(t["name"], [p["partition"] for p in t["partitions"]]) for t in d["topics"]] == \
        [("dirs", [1])]
    _, [d] = describe_log_dirs(broker.bootstrap, {}, version=2)
    assert d["topics"] == []
