"""The group APIs on the wire, where clients do not reach: FindCoordinator with
batched keys (v4+), JoinGroup's KIP-394 member-id round trip, Heartbeat and
SyncGroup errors (unknown member, a member id of another group, wrong generation),
a member that never sends SyncGroup, a storm of joins, batched LeaveGroup,
ListGroups state and type filters, DescribeGroups, OffsetFetch for several groups
(v8+), OffsetDelete and oversized offset metadata. Every error is Kafka's code and
the group stays consistent."""
import time

import pytest

import kafka_wire as kw
from broker_process import Broker

FIND_COORDINATOR, JOIN_GROUP, HEARTBEAT, LEAVE_GROUP, SYNC_GROUP = 10, 11, 12, 13, 14
DESCRIBE_GROUPS, LIST_GROUPS, OFFSET_COMMIT, OFFSET_FETCH, OFFSET_DELETE = 15, 16, 8, 9, 47
NONE, UNKNOWN_TOPIC, OFFSET_METADATA_TOO_LARGE, COORDINATOR_NOT_AVAILABLE = 0, 3, 12, 15
ILLEGAL_GENERATION, UNKNOWN_MEMBER_ID, INVALID_SESSION_TIMEOUT, REBALANCE_IN_PROGRESS = 22, 25, 26, 27
NON_EMPTY_GROUP, GROUP_ID_NOT_FOUND, MEMBER_ID_REQUIRED = 68, 69, 79
INVALID_GROUP_ID, GROUP_SUBSCRIBED_TO_TOPIC = 24, 86


@pytest.fixture(scope="module")
def broker(tmp_path_factory):
    b = Broker(tmp_path_factory.mktemp("groups-protocol"), extra={
        "group.initial.rebalance.delay.ms": "0",
        "group.min.session.timeout.ms": "1000",
        "offsets.topic.num.partitions": "10",
    }).start()
    yield b
    code = b.stop()
    assert code == 0, f"skiffd exited with {code} on SIGTERM:\n{b.log()}"


@pytest.fixture
def conn(broker):
    with kw.Connection(broker.bootstrap, timeout=30) as c:
        yield c


# --- encoders and decoders ------------------------------------------------------------

def consumer_subscription(topics):
    w = kw.Writer().int16(0).array(topics, lambda w, t: w.string(t)).bytes_(None)
    return bytes(w.buf)


def join(conn, group, member_id="", session_ms=10000, rebalance_ms=10000, instance=None,
         protocols=(("range", ["t"]),), version=5):
    """JoinGroup v4/v5: (error, generation, protocol, leader, member_id, members)."""
    w = kw.Writer().string(group).int32(session_ms).int32(rebalance_ms).string(member_id)
    if version >= 5:
        w.string(instance)
    w.string("consumer").array(list(protocols),
                               lambda w, p: w.string(p[0]).bytes_(consumer_subscription(p[1])))
    r = kw.Reader(conn.request(JOIN_GROUP, version, bytes(w.buf)))
    r.int32()
    error, generation, protocol, leader, member = r.int16(), r.int32(), r.string(), r.string(), r.string()
    members = r.array(lambda r: (r.string(), r.string() if version >= 5 else None, r.bytes_()))
    return error, generation, protocol, leader, member, members


def join_member(conn, group, **kw_):
    """A new dynamic member through KIP-394's two JoinGroups."""
    error, *_, member, _ = join(conn, group, **kw_)
    assert error == MEMBER_ID_REQUIRED
    return join(conn, group, member_id=member, **kw_)


def sync(conn, group, generation, member, assignments=(), instance=None):
    w = kw.Writer().string(group).int32(generation).string(member).string(instance)
    w.array(list(assignments), lambda w, a: w.string(a[0]).bytes_(a[1]))
    r = kw.Reader(conn.request(SYNC_GROUP, 3, bytes(w.buf)))
    r.int32()
    return r.int16(), r.bytes_()


def heartbeat(conn, group, generation, member, instance=None):
    w = kw.Writer().string(group).int32(generation).string(member).string(instance)
    r = kw.Reader(conn.request(HEARTBEAT, 3, bytes(w.buf)))
    r.int32()
    return r.int16()


def leave(conn, group, members):
    w = kw.Writer().string(group).array(members, lambda w, m: w.string(m[0]).string(m[1]))
    r = kw.Reader(conn.request(LEAVE_GROUP, 3, bytes(w.buf)))
    r.int32()
    error = r.int16()
    return error, r.array(lambda r: (r.string(), r.string(), r.int16()))


def find_coordinators(conn, keys, key_type=0):
    w = kw.Writer(True).int8(key_type).array(keys, lambda w, k: w.string(k)).tags()
    r = kw.Reader(conn.request(FIND_COORDINATOR, 4, bytes(w.buf), flexible=True), True)
    r.int32()

    def coordinator(r):
        c = (r.string(), r.int32(), r.string(), r.int32(), r.int16(), r.string())
        r.tags()
        return c
    return r.array(coordinator)


def list_groups(conn, states=(), types=()):
    w = kw.Writer(True).array(list(states), lambda w, s: w.string(s))
    w.array(list(types), lambda w, t: w.string(t)).tags()
    r = kw.Reader(conn.request(LIST_GROUPS, 5, bytes(w.buf), flexible=True), True)
    r.int32()
    error = r.int16()

    def group(r):
        g = (r.string(), r.string(), r.string(), r.string())
        r.tags()
        return g
    return error, r.array(group)


def describe(conn, groups):
    w = kw.Writer(True).array(groups, lambda w, g: w.string(g)).int8(1).tags()
    r = kw.Reader(conn.request(DESCRIBE_GROUPS, 5, bytes(w.buf), flexible=True), True)
    r.int32()

    def member(r):
        m = {"member_id": r.string(), "instance": r.string(), "client_id": r.string(),
             "host": r.string(), "metadata": r.bytes_(), "assignment": r.bytes_()}
        r.tags()
        return m

    def group(r):
        g = {"error": r.int16(), "group": r.string(), "state": r.string(), "protocol_type": r.string(),
             "protocol": r.string(), "members": r.array(member), "operations": r.int32()}
        r.tags()
        return g
    return r.array(group)


def commit(conn, group, topic, partitions, generation=-1, member=""):
    """OffsetCommit v7: partitions [(partition, offset, metadata)] -> {partition: error}."""
    w = kw.Writer().string(group).int32(generation).string(member).string(None)
    w.array([topic], lambda w, t: w.string(t).array(
        partitions, lambda w, p: w.int32(p[0]).int64(p[1]).int32(-1).string(p[2])))
    r = kw.Reader(conn.request(OFFSET_COMMIT, 7, bytes(w.buf)))
    r.int32()
    return {p: e for _, ps in r.array(lambda r: (r.string(), r.array(lambda r: (r.int32(), r.int16()))))
            for p, e in ps}


def fetch_groups(conn, groups):
    """OffsetFetch v8, all topics of each group: {group: (error, {(topic, p): offset})}."""
    w = kw.Writer(True)
    w.array(groups, lambda w, g: w.string(g).array(None, None).tags())
    w.int8(0).tags()
    r = kw.Reader(conn.request(OFFSET_FETCH, 8, bytes(w.buf), flexible=True), True)
    r.int32()

    def partition(r):
        p = (r.int32(), r.int64(), r.int32(), r.string(), r.int16())
        r.tags()
        return p

    def topic(r):
        t = (r.string(), r.array(partition))
        r.tags()
        return t

    def group(r):
        g = (r.string(), r.array(topic), r.int16())
        r.tags()
        return g
    return {g: (err, {(t, p[0]): p[1] for t, ps in topics for p in ps})
            for g, topics, err in r.array(group)}


def offset_delete(conn, group, topic, partitions):
    w = kw.Writer().string(group).array([topic], lambda w, t: w.string(t).array(
        partitions, lambda w, p: w.int32(p)))
    r = kw.Reader(conn.request(OFFSET_DELETE, 0, bytes(w.buf)))
    error = r.int16()
    r.int32()
    return error, {p: e for _, ps in r.array(lambda r: (r.string(), r.array(lambda r: (r.int32(), r.int16()))))
                   for p, e in ps}


def create_topic(broker, name, partitions):
    from kafka.admin import KafkaAdminClient, NewTopic
    admin = KafkaAdminClient(bootstrap_servers=broker.bootstrap)
    try:
        admin.create_topics([NewTopic(name, partitions, 1)])
    finally:
        admin.close()


# --- tests ----------------------------------------------------------------------------------

def test_find_coordinator_batched_and_single(broker, conn):
    found = find_coordinators(conn, ["g1", "g2"])
    assert [(c[0], c[1], c[2], c[3], c[4]) for c in found] == [
        ("g1", 1, "127.0.0.1", broker.port, NONE), ("g2", 1, "127.0.0.1", broker.port, NONE)]
    [txn] = find_coordinators(conn, ["tx"], key_type=1)
    assert txn[4] == COORDINATOR_NOT_AVAILABLE
    r = kw.Reader(conn.request(FIND_COORDINATOR, 0, bytes(kw.Writer().string("g").buf)))
    assert (r.int16(), r.int32(), r.string(), r.int32()) == (NONE, 1, "127.0.0.1", broker.port)


def test_join_errors_and_kip394(conn):
    assert join(conn, "nobody-home", member_id="made-up")[0] == UNKNOWN_MEMBER_ID
    assert join(conn, "short", session_ms=10)[0] == INVALID_SESSION_TIMEOUT
    assert join(conn, "", version=4)[0] == INVALID_GROUP_ID
    error, _, _, _, member, _ = join(conn, "kip394", version=4)
    assert error == MEMBER_ID_REQUIRED and member.startswith("datapath-test-")
    error, generation, protocol, leader, me, members = join(conn, "kip394", member_id=member, version=4)
    assert (error, generation, protocol, leader, me) == (NONE, 1, "range", member, member)
    assert [m[0] for m in members] == [member]


def test_member_ids_of_another_group_and_wrong_generations(broker, conn):
    create_topic(broker, "gt", 1)
    _, gen_a, _, _, a, _ = join_member(conn, "group-a")
    _, gen_b, _, _, b, _ = join_member(conn, "group-b")
    assert sync(conn, "group-a", gen_a, a, [(a, b"x")]) == (NONE, b"x")
    assert sync(conn, "group-b", gen_b, b, [(b, b"y")]) == (NONE, b"y")
    assert heartbeat(conn, "group-b", gen_b, a) == UNKNOWN_MEMBER_ID
    assert sync(conn, "group-b", gen_b, a)[0] == UNKNOWN_MEMBER_ID
    assert heartbeat(conn, "group-a", gen_a + 1, a) == ILLEGAL_GENERATION
    assert commit(conn, "group-a", "gt", [(0, 1, "")], generation=gen_a + 5, member=a) == {0: ILLEGAL_GENERATION}
    assert commit(conn, "group-b", "gt", [(0, 1, "")], generation=gen_b, member=a) == {0: UNKNOWN_MEMBER_ID}
    assert commit(conn, "group-a", "gt", [(0, 1, "")]) == {0: UNKNOWN_MEMBER_ID}  # not a member
    # Nothing of that disturbed either group.
    assert heartbeat(conn, "group-a", gen_a, a) == NONE
    assert heartbeat(conn, "group-b", gen_b, b) == NONE
    assert [g["state"] for g in describe(conn, ["group-a", "group-b"])] == ["Stable", "Stable"]


def test_a_member_that_never_syncs_is_removed(conn):
    _, generation, _, _, member, _ = join_member(conn, "no-sync", session_ms=10000, rebalance_ms=1500)
    [group] = describe(conn, ["no-sync"])
    assert group["state"] == "CompletingRebalance"
    time.sleep(2.5)
    assert heartbeat(conn, "no-sync", generation, member) == UNKNOWN_MEMBER_ID
    [group] = describe(conn, ["no-sync"])
    assert group["state"] == "Empty" and group["members"] == []


def test_a_storm_of_joins_leaves_the_group_consistent(broker, conn):
    _, generation, _, _, member, _ = join_member(conn, "storm")
    assert sync(conn, "storm", generation, member, [(member, b"a")])[0] == NONE
    body = bytes(kw.Writer().string("storm").int32(10000).int32(10000).string("").string(None)
                 .string("consumer").array([0], lambda w, _: w.string("range").bytes_(b"")).buf)
    errors = set()
    for _ in range(10):
        # Pipelined: sent before any answer is read; answers come in request order.
        sent = [conn.send(JOIN_GROUP, 5, body) for _ in range(200)]
        for correlation in sent:
            conn.correlation = correlation
            r = kw.Reader(conn.receive())
            r.int32()
            errors.add(r.int16())
    # Each gets a member id to come back with (KIP-394); none disturbs the group.
    assert errors == {MEMBER_ID_REQUIRED}
    with kw.Connection(broker.bootstrap) as other:
        assert heartbeat(other, "storm", generation, member) == NONE
        [group] = describe(other, ["storm"])
        assert group["state"] == "Stable" and len(group["members"]) == 1


def test_leave_group_batched(conn):
    _, _, _, _, a, _ = join_member(conn, "batch-leave")
    error, members = leave(conn, "batch-leave", [(a, None), ("stranger", None), ("", "no-such-instance")])
    assert error == NONE
    assert [m[2] for m in members] == [NONE, UNKNOWN_MEMBER_ID, UNKNOWN_MEMBER_ID]
    [group] = describe(conn, ["batch-leave"])
    assert group["members"] == []


def test_list_and_describe_groups(broker, conn):
    create_topic(broker, "listed", 2)
    assert commit(conn, "only-offsets", "listed", [(0, 3, "")]) == {0: NONE}
    _, generation, _, _, m, _ = join_member(conn, "with-members")
    sync(conn, "with-members", generation, m, [(m, b"assigned")])
    error, groups = list_groups(conn)
    assert error == NONE
    listed = {g[0]: g for g in groups}
    assert listed["only-offsets"] == ("only-offsets", "", "Empty", "classic")
    assert listed["with-members"] == ("with-members", "consumer", "Stable", "classic")
    assert {g[0] for g in list_groups(conn, states=["stable"])[1]} >= {"with-members"}
    assert "with-members" not in {g[0] for g in list_groups(conn, states=["Empty"])[1]}
    assert list_groups(conn, types=["consumer"])[1] == []
    assert "only-offsets" in {g[0] for g in list_groups(conn, types=["Classic"])[1]}

    [stable, unknown] = describe(conn, ["with-members", "never-seen"])
    assert (stable["state"], stable["protocol_type"], stable["protocol"]) == ("Stable", "consumer", "range")
    assert stable["members"][0]["assignment"] == b"assigned"
    assert stable["members"][0]["host"] == "/127.0.0.1"
    # Kafka's supported operations on a group: READ, DELETE, DESCRIBE, DESCRIBE_CONFIGS,
    # ALTER_CONFIGS (no authorizer: all of them).
    assert stable["operations"] == sum(1 << op for op in (3, 6, 8, 10, 11))
    assert (unknown["error"], unknown["state"], unknown["members"]) == (NONE, "Dead", [])


def test_offset_fetch_for_several_groups_and_offset_delete(broker, conn):
    create_topic(broker, "multi", 2)
    assert commit(conn, "multi-1", "multi", [(0, 10, "a"), (1, 11, "b")]) == {0: NONE, 1: NONE}
    assert commit(conn, "multi-2", "multi", [(1, 21, "")]) == {1: NONE}
    assert commit(conn, "multi-2", "nope", [(0, 1, "")]) == {0: UNKNOWN_TOPIC}
    assert commit(conn, "multi-2", "multi", [(0, 1, "x" * 5000)]) == {0: OFFSET_METADATA_TOO_LARGE}
    fetched = fetch_groups(conn, ["multi-1", "multi-2", "multi-none"])
    assert fetched == {"multi-1": (NONE, {("multi", 0): 10, ("multi", 1): 11}),
                       "multi-2": (NONE, {("multi", 1): 21}),
                       "multi-none": (NONE, {})}
    assert offset_delete(conn, "multi-1", "multi", [0]) == (NONE, {0: NONE})
    assert fetch_groups(conn, ["multi-1"])["multi-1"][1] == {("multi", 1): 11}
    assert offset_delete(conn, "multi-unknown", "multi", [0])[0] == GROUP_ID_NOT_FOUND
    # An active group keeps the offsets of topics it consumes.
    _, generation, _, _, m, _ = join_member(conn, "consuming", protocols=(("range", ["multi"]),))
    sync(conn, "consuming", generation, m, [(m, b"")])
    assert commit(conn, "consuming", "multi", [(0, 5, "")], generation=generation, member=m) == {0: NONE}
    assert offset_delete(conn, "consuming", "multi", [0]) == (NONE, {0: GROUP_SUBSCRIBED_TO_TOPIC})
