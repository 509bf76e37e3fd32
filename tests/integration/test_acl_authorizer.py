"""The ACL authorizer (authorizer.class.name=acl) through real clients: an ACL matrix
over produce, fetch, consumer groups, admin requests and metadata for SCRAM users
(confluent-kafka and kcat), with literal, prefixed and wildcard ACLs, DENY winning
over ALLOW, host matching, super users and allow.everyone.if.no.acl.found; ACLs
managed with `skiff acls` survive a restart; denials land in the audit log; raw
requests get Kafka's error codes."""
import json
import subprocess
import time
import uuid

import pytest
from confluent_kafka import Consumer, KafkaError, KafkaException, Producer, TopicPartition
from confluent_kafka.admin import AdminClient, ConfigResource, NewTopic

import kafka_wire as kw
from broker_process import Broker, free_port
from test_cli import ok, skiff

TOPIC_AUTHORIZATION_FAILED, GROUP_AUTHORIZATION_FAILED, CLUSTER_AUTHORIZATION_FAILED = 29, 30, 31
SECURITY_DISABLED = 54
USERS = ["admin", "alice", "bob", "carol"]
MECHANISM = "SCRAM-SHA-256"


def password(user):
    return f"{user}-pw-{uuid.uuid4().hex[:6]}"


class SecuredBroker:
    """A broker with SCRAM users and the ACL authorizer; User:admin is a super user."""

    def __init__(self, workdir, extra=None):
        self.passwords = {u: password(u) for u in USERS}
        self.broker = Broker(workdir, extra={"sasl.enabled.mechanisms": MECHANISM,
                                             "connection.failed.authentication.delay.ms": "0"})
        self.sasl_port = free_port()
        b = self.broker
        b.props["listeners"] = f"PLAINTEXT://127.0.0.1:{b.port},SASL_PLAINTEXT://127.0.0.1:{self.sasl_port}"
        b.write_config()
        # Users are created before the authorizer is on: nobody may alter the cluster later.
        b.start()
        for user, pw in self.passwords.items():
            ok(skiff("users", "--bootstrap-server", b.bootstrap, "--add", user,
                     "--mechanism", MECHANISM, "--password", pw))
        assert b.stop() == 0, b.log()
        self.audit_path = b.workdir / "audit.log"
        b.props.update({"authorizer.class.name": "acl", "super.users": "User:admin",
                        "authorizer.audit.log.path": str(self.audit_path)})
        b.props.update(extra or {})
        b.write_config()
        b.start()
        self.admin_config = b.workdir / "admin.properties"
        self.admin_config.write_text("".join(f"{k}={v}\n" for k, v in self.conf("admin").items()
                                             if k != "bootstrap.servers"))

    def conf(self, user, **extra):
        return {"bootstrap.servers": f"127.0.0.1:{self.sasl_port}",
                "security.protocol": "SASL_PLAINTEXT", "sasl.mechanisms": MECHANISM,
                "sasl.username": user, "sasl.password": self.passwords[user],
                "socket.timeout.ms": 5000, **extra}

    def acls(self, *args, check=True):
        out = skiff("acls", "--bootstrap-server", f"127.0.0.1:{self.sasl_port}",
                    "--command-config", str(self.admin_config), *args)
        return ok(out) if check else out

    def audit(self):
        if not self.audit_path.exists():
            return []
        return [json.loads(line) for line in self.audit_path.read_text().splitlines() if line]


@pytest.fixture(scope="module")
def secured(tmp_path_factory):
    s = SecuredBroker(tmp_path_factory.mktemp("acl"))
    admin = AdminClient(s.conf("admin"))
    futures = admin.create_topics([NewTopic(t, num_partitions=1, replication_factor=1)
                                   for t in ["orders", "orders-eu", "public", "secret", "hosted"]])
    for f in futures.values():
        f.result(timeout=15)
    produce(s.conf("admin"), "public", [b"p1", b"p2"])
    produce(s.conf("admin"), "orders-eu", [b"eu1"])
    yield s
    assert s.broker.stop() == 0, s.broker.log()


def produce(conf, topic, values):
    """Produces and returns the delivery errors (codes); [] means all delivered."""
    errors = []
    p = Producer({**conf, "message.timeout.ms": 8000, "retries": 0})

    def report(err, _msg):
        if err is not None:
            errors.append(err.code())
    for v in values:
        p.produce(topic, v, on_delivery=report)
    assert p.flush(15) == 0
    return errors


def poll_values(consumer, expect, timeout, ignored_errors=()):
    """Values until `expect` arrived, or the first error code not ignored."""
    values, deadline = [], time.time() + timeout
    try:
        while time.time() < deadline and len(values) < expect:
            msg = consumer.poll(0.5)
            if msg is None:
                continue
            if msg.error():
                if msg.error().code() in ignored_errors:
                    continue
                return msg.error().code()
            values.append(msg.value())
    finally:
        consumer.close()
    return values


def read_assigned(conf, topic, expect, timeout=10):
    """Reads partition 0 from the start without a group; returns values or an error code."""
    c = Consumer({**conf, "group.id": "unused", "enable.auto.commit": False,
                  "auto.offset.reset": "earliest"})
    c.assign([TopicPartition(topic, 0, 0)])
    # The consumer looks up its (unused) group's coordinator: not what is tested.
    return poll_values(c, expect, timeout, (KafkaError._PARTITION_EOF, GROUP_AUTHORIZATION_FAILED))


def group_error_or_values(conf, topic, group, expect, timeout=12):
    c = Consumer({**conf, "group.id": group, "auto.offset.reset": "earliest",
                  "session.timeout.ms": 6000})
    c.subscribe([topic])
    return poll_values(c, expect, timeout)


def visible_topics(conf):
    return set(AdminClient(conf).list_topics(timeout=10).topics)


def test_no_acl_means_denied_and_invisible(secured):
    assert produce(secured.conf("alice"), "orders", [b"x"]) == [TOPIC_AUTHORIZATION_FAILED]
    assert visible_topics(secured.conf("alice")) == set()
    # librdkafka asks Metadata first: the denied DESCRIBE is what stops it (and is audited).
    denied = [e for e in secured.audit() if e["principal"] == "User:alice"
              and e["decision"] == "DENIED" and e["operation"] == "DESCRIBE"]
    assert denied and denied[0]["resource_type"] == "TOPIC" and denied[0]["resource_name"] == "orders"
    assert denied[0]["host"] == "127.0.0.1"


def test_super_user_may_do_everything(secured):
    assert produce(secured.conf("admin"), "secret", [b"s1"]) == []
    assert read_assigned(secured.conf("admin"), "secret", 1) == [b"s1"]
    assert {"orders", "public", "secret"} <= visible_topics(secured.conf("admin"))


def test_literal_write_grants_produce_and_implies_describe_only(secured):
    secured.acls("--add", "--allow-principal", "User:alice", "--operation", "Write", "--topic", "orders")
    assert produce(secured.conf("alice"), "orders", [b"a1", b"a2"]) == []
    # WRITE implies DESCRIBE (the topic is now visible) but not READ.
    assert visible_topics(secured.conf("alice")) == {"orders"}
    assert read_assigned(secured.conf("alice"), "orders", 1) == TOPIC_AUTHORIZATION_FAILED
    # kcat gets the same answer: the record is refused.
    out = subprocess.run(["kcat", "-P", "-b", f"127.0.0.1:{secured.sasl_port}", "-t", "secret",
                          "-X", "security.protocol=SASL_PLAINTEXT", "-X", f"sasl.mechanisms={MECHANISM}",
                          "-X", "sasl.username=alice", "-X", f"sasl.password={secured.passwords['alice']}"],
                         input="nope\n", capture_output=True, text=True, timeout=30)
    assert "authoriz" in (out.stderr + out.stdout).lower()


def test_prefixed_acls_for_topics_and_groups(secured):
    secured.acls("--add", "--allow-principal", "User:bob", "--operation", "Read",
                 "--topic", "orders", "--group", "bob-", "--resource-pattern-type", "PREFIXED")
    listed = secured.acls("--list", "--topic", "orders", "--resource-pattern-type", "PREFIXED").stdout.decode()
    assert "patternType=PREFIXED" in listed and "principal=User:bob" in listed
    assert read_assigned(secured.conf("bob"), "orders-eu", 1) == [b"eu1"]
    assert group_error_or_values(secured.conf("bob"), "orders-eu", "bob-readers", 1) == [b"eu1"]
    assert group_error_or_values(secured.conf("bob"), "orders-eu", "other-readers", 1) == \
        GROUP_AUTHORIZATION_FAILED
    # READ implies DESCRIBE: exactly the prefixed topics are visible to bob.
    assert visible_topics(secured.conf("bob")) == {"orders", "orders-eu"}


def test_deny_wins_over_a_wildcard_allow(secured):
    secured.acls("--add", "--allow-principal", "User:*", "--operation", "Read", "--topic", "public")
    secured.acls("--add", "--deny-principal", "User:carol", "--operation", "Read", "--topic", "public")
    assert read_assigned(secured.conf("alice"), "public", 2) == [b"p1", b"p2"]
    assert read_assigned(secured.conf("carol"), "public", 1) == TOPIC_AUTHORIZATION_FAILED


def test_host_must_match(secured):
    secured.acls("--add", "--allow-principal", "User:carol", "--allow-host", "10.9.9.9",
                 "--operation", "All", "--topic", "hosted")
    assert produce(secured.conf("carol"), "hosted", [b"h"]) == [TOPIC_AUTHORIZATION_FAILED]
    secured.acls("--add", "--allow-principal", "User:carol", "--allow-host", "127.0.0.1",
                 "--operation", "All", "--topic", "hosted")
    assert produce(secured.conf("carol"), "hosted", [b"h"]) == []


def test_admin_requests(secured):
    alice = AdminClient(secured.conf("alice"))
    with pytest.raises(KafkaException) as e:
        alice.create_topics([NewTopic("alice-new", 1, 1)])["alice-new"].result(timeout=10)
    assert e.value.args[0].code() == TOPIC_AUTHORIZATION_FAILED
    with pytest.raises(KafkaException) as e:
        alice.describe_configs([ConfigResource("BROKER", "1")])[ConfigResource("BROKER", "1")].result(timeout=10)
    assert e.value.args[0].code() == CLUSTER_AUTHORIZATION_FAILED
    with pytest.raises(KafkaException) as e:
        alice.delete_topics(["orders"])["orders"].result(timeout=10)
    assert e.value.args[0].code() == TOPIC_AUTHORIZATION_FAILED

    # CREATE on the cluster lets her create any topic; ALTER_CONFIGS implies DESCRIBE_CONFIGS.
    secured.acls("--add", "--allow-principal", "User:alice", "--operation", "Create", "--cluster")
    alice.create_topics([NewTopic("alice-new", 1, 1)])["alice-new"].result(timeout=10)
    secured.acls("--add", "--allow-principal", "User:alice", "--operation", "AlterConfigs",
                 "--topic", "alice-new")
    resource = ConfigResource("TOPIC", "alice-new")
    configs = alice.describe_configs([resource])[resource].result(timeout=10)
    assert "retention.ms" in configs
    # ACL management itself needs ALTER on the cluster.
    out = skiff("acls", "--bootstrap-server", f"127.0.0.1:{secured.sasl_port}", "--list",
                "--command-config", str(write_props(secured, "alice")))
    assert out.returncode != 0 and "error 31" in out.stderr.decode()


def write_props(secured, user):
    path = secured.broker.workdir / f"{user}.properties"
    path.write_text("".join(f"{k}={v}\n" for k, v in secured.conf(user).items() if k != "bootstrap.servers"))
    return path


def test_list_groups_shows_only_describable_groups(secured):
    # bob-readers exists (test_prefixed...) and bob may READ (so DESCRIBE) bob-* groups.
    def groups_seen_by(user):
        return {g.id for g in AdminClient(secured.conf(user)).list_groups(timeout=10)}
    assert group_error_or_values(secured.conf("admin"), "public", "admins", 1) == [b"p1"]
    admin_groups = groups_seen_by("admin")
    assert {"bob-readers", "admins"} <= admin_groups
    assert groups_seen_by("bob") == {g for g in admin_groups if g.startswith("bob-")}
    assert groups_seen_by("carol") == set()


def test_remove_and_persistence_across_restart(secured):
    before = secured.acls("--list").stdout.decode()
    assert "principal=User:alice" in before
    secured.broker.stop()
    secured.broker.start()
    assert secured.acls("--list").stdout.decode() == before
    assert produce(secured.conf("alice"), "orders", [b"after-restart"]) == []
    removed = secured.acls("--remove", "--allow-principal", "User:alice", "--operation", "Write",
                           "--topic", "orders").stdout.decode()
    assert "Removed ACL" in removed and "operation=WRITE" in removed
    assert produce(secured.conf("alice"), "orders", [b"x"]) == [TOPIC_AUTHORIZATION_FAILED]


def test_raw_requests_get_kafka_error_codes(secured):
    """ANONYMOUS on the PLAINTEXT listener, with no ACLs: each API's own code."""
    with kw.Connection(secured.broker.bootstrap) as conn:
        batch = kw.record_batch([(None, b"v")])
        assert kw.produce(conn, "orders", 0, batch)[0]["error_code"] == TOPIC_AUTHORIZATION_FAILED
        # Unknown and forbidden topics look alike: no name leaks.
        assert kw.produce(conn, "no-such-topic", 0, batch)[0]["error_code"] == TOPIC_AUTHORIZATION_FAILED
        _, _, parts = kw.fetch(conn, [("secret", 0, 0)])
        assert parts[("secret", 0)]["error_code"] == TOPIC_AUTHORIZATION_FAILED
        assert kw.list_offsets(conn, "secret", 0, -1)["error_code"] == TOPIC_AUTHORIZATION_FAILED
        # User:* may READ "public" (test_deny_wins...): that covers ANONYMOUS too.
        _, _, parts = kw.fetch(conn, [("public", 0, 0)])
        assert parts[("public", 0)]["error_code"] == 0
        assert kw.init_producer_id(conn)["error_code"] == CLUSTER_AUTHORIZATION_FAILED
    assert any(e["principal"] == "User:ANONYMOUS" and e["operation"] == "WRITE"
               and e["resource_name"] == "orders" and e["listener"] == "PLAINTEXT"
               for e in secured.audit())


def test_metadata_auto_creates_only_with_create(secured):
    """A missing topic the client may DESCRIBE is auto-created only with CREATE on it
    (or the cluster); without, Metadata answers TOPIC_AUTHORIZATION_FAILED and creates
    nothing."""
    for topic in ["auto-denied", "auto-granted"]:
        secured.acls("--add", "--allow-principal", "User:ANONYMOUS", "--operation", "Describe",
                     "--topic", topic)
    secured.acls("--add", "--allow-principal", "User:ANONYMOUS", "--operation", "Create",
                 "--topic", "auto-granted")
    with kw.Connection(secured.broker.bootstrap) as conn:
        assert kw.metadata_topic(conn, "auto-denied")[0] == TOPIC_AUTHORIZATION_FAILED
        error, topic_id = kw.metadata_topic(conn, "auto-granted")
        assert error == 0 and topic_id != b"\x00" * 16
    topics = visible_topics(secured.conf("admin"))
    assert "auto-granted" in topics and "auto-denied" not in topics


def test_allow_everyone_if_no_acl_found(tmp_path):
    s = SecuredBroker(tmp_path, extra={"allow.everyone.if.no.acl.found": "true"})
    try:
        admin = AdminClient(s.conf("admin"))
        for f in admin.create_topics([NewTopic("open", 1, 1), NewTopic("guarded", 1, 1)]).values():
            f.result(timeout=15)
        s.acls("--add", "--allow-principal", "User:bob", "--operation", "Write", "--topic", "guarded")
        assert produce(s.conf("alice"), "open", [b"o"]) == []
        assert produce(s.conf("alice"), "guarded", [b"g"]) == [TOPIC_AUTHORIZATION_FAILED]
        assert produce(s.conf("bob"), "guarded", [b"g"]) == []
    finally:
        assert s.broker.stop() == 0, s.broker.log()


def test_acl_requests_without_an_authorizer(tmp_path):
    b = Broker(tmp_path).start()
    try:
        out = skiff("acls", "--bootstrap-server", b.bootstrap, "--list")
        assert out.returncode != 0 and f"error {SECURITY_DISABLED}" in out.stderr.decode()
    finally:
        assert b.stop() == 0, b.log()
