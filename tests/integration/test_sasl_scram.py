"""SASL/SCRAM-SHA-256 and SCRAM-SHA-512 over SASL_SSL and SASL_PLAINTEXT: users managed
with `skiff users` (AlterUserScramCredentials / DescribeUserScramCredentials), clients
kcat, confluent-kafka (SaslHandshake v1 + SaslAuthenticate) and kafka-python
(SaslHandshake v0 raw tokens), each accepted with the right password and refused with
a wrong one; requests before authentication close the connection; failures are
answered with SASL_AUTHENTICATION_FAILED, no hint, after a growing delay."""
import subprocess
import time

import pytest
from confluent_kafka import KafkaException, Producer
from kafka import KafkaConsumer, KafkaProducer
from kafka.errors import KafkaError

import kafka_wire as kw
from broker_process import Broker, build_dir, free_port
from tls_certs import Pki

MECHANISMS = ["SCRAM-SHA-256", "SCRAM-SHA-512"]
SASL_AUTHENTICATION_FAILED, ILLEGAL_SASL_STATE, UNSUPPORTED_SASL_MECHANISM = 58, 34, 33
RESOURCE_NOT_FOUND, UNACCEPTABLE_CREDENTIAL = 91, 93
USERS = {"SCRAM-SHA-256": ("alice", "alice-secret"), "SCRAM-SHA-512": ("bob", "bob-secret")}


@pytest.fixture(scope="module")
def pki(tmp_path_factory):
    return Pki(tmp_path_factory.mktemp("pki"))


@pytest.fixture(scope="module")
def broker(tmp_path_factory, pki):
    b = Broker(tmp_path_factory.mktemp("scram"), extra={
        "ssl.keystore.type": "PEM", "ssl.keystore.location": pki.path("server.pem"),
        "sasl.enabled.mechanisms": "SCRAM-SHA-256,SCRAM-SHA-512",
        # Failures here are deliberate and many: no delay (test_failure_... has its own broker).
        "connection.failed.authentication.delay.ms": "0",
    })
    b.add_sasl_listeners()
    b.start()
    for mechanism, (user, password) in USERS.items():
        out = users(b, "--add", user, "--mechanism", mechanism, "--password", password)
        assert out.returncode == 0, out.stderr
    yield b
    assert b.stop() == 0, b.log()


def users(broker, *args, bootstrap=None):
    return subprocess.run([str(build_dir() / "cli" / "skiff"), "users", "--bootstrap-server",
                           bootstrap or broker.bootstrap, *args],
                          capture_output=True, text=True, timeout=30)


def sasl_conf(broker, pki, mechanism, user, password, tls=True):
    conf = {"bootstrap.servers": f"127.0.0.1:{broker.sasl_ssl_port if tls else broker.sasl_port}",
            "security.protocol": "SASL_SSL" if tls else "SASL_PLAINTEXT",
            "sasl.mechanisms": mechanism, "sasl.username": user, "sasl.password": password,
            "socket.timeout.ms": 5000}
    if tls:
        conf["ssl.ca.location"] = pki.path("ca.pem")
    return conf


def metadata_ok(conf):
    try:
        Producer(conf).list_topics(timeout=5)
        return True
    except KafkaException:
        return False


def kcat(broker, pki, mechanism, user, password, *args, input_data=None):
    cmd = ["kcat", "-b", f"127.0.0.1:{broker.sasl_ssl_port}", "-X", "security.protocol=SASL_SSL",
           "-X", f"ssl.ca.location={pki.path('ca.pem')}", "-X", f"sasl.mechanisms={mechanism}",
           "-X", f"sasl.username={user}", "-X", f"sasl.password={password}", *args]
    return subprocess.run(cmd, input=input_data, capture_output=True, text=True, timeout=30)


def test_describe_users(broker):
    out = users(broker, "--describe")
    assert out.returncode == 0, out.stderr
    assert "user-principal 'alice' are SCRAM-SHA-256=iterations=8192" in out.stdout
    assert "user-principal 'bob' are SCRAM-SHA-512=iterations=8192" in out.stdout
    missing = users(broker, "--describe", "--user", "nobody")
    assert missing.returncode == 1 and "does not exist" in missing.stderr


@pytest.mark.parametrize("mechanism", MECHANISMS)
def test_kcat_sasl_ssl(broker, pki, mechanism):
    user, password = USERS[mechanism]
    topic = f"scram-kcat-{mechanism[-3:]}"
    produced = kcat(broker, pki, mechanism, user, password, "-t", topic, "-P", input_data="a\nb\n")
    assert produced.returncode == 0, produced.stderr
    consumed = kcat(broker, pki, mechanism, user, password, "-t", topic, "-C", "-o", "beginning", "-e")
    assert consumed.returncode == 0, consumed.stderr
    assert consumed.stdout.split() == ["a", "b"]
    refused = kcat(broker, pki, mechanism, user, "wrong", "-L", "-m", "5")
    assert refused.returncode != 0
    assert "Authentication failed" in refused.stderr
    assert f"authenticated with {mechanism} as User:{user}" in broker.log()


@pytest.mark.parametrize("mechanism", MECHANISMS)
@pytest.mark.parametrize("tls", [True, False])
def test_confluent_accepted_and_refused(broker, pki, mechanism, tls):
    user, password = USERS[mechanism]
    assert metadata_ok(sasl_conf(broker, pki, mechanism, user, password, tls))
    assert not metadata_ok(sasl_conf(broker, pki, mechanism, user, "wrong-password", tls))
    assert not metadata_ok(sasl_conf(broker, pki, mechanism, "nobody", password, tls))
    # alice has no SCRAM-SHA-512 credential, bob none for SHA-256.
    other = [m for m in MECHANISMS if m != mechanism][0]
    assert not metadata_ok(sasl_conf(broker, pki, other, user, password, tls))
    assert "SASL authentication failed for client 127.0.0.1" in broker.log()


@pytest.mark.parametrize("mechanism", MECHANISMS)
def test_kafka_python_raw_tokens(broker, mechanism):
    user, password = USERS[mechanism]
    common = {"bootstrap_servers": f"127.0.0.1:{broker.sasl_port}",
              "security_protocol": "SASL_PLAINTEXT", "sasl_mechanism": mechanism,
              "sasl_plain_username": user}
    producer = KafkaProducer(sasl_plain_password=password, **common)
    producer.send("scram-kp", b"v").get(15)
    producer.close()
    consumer = KafkaConsumer("scram-kp", auto_offset_reset="earliest", consumer_timeout_ms=8000,
                             sasl_plain_password=password, **common)
    assert b"v" in [m.value for m in consumer]
    consumer.close()
    with pytest.raises(KafkaError):
        KafkaProducer(sasl_plain_password="wrong", api_version_auto_timeout_ms=5000,
                      max_block_ms=5000, **common)


def sasl_handshake(conn, mechanism, version=1):
    body = kw.Writer().string(mechanism).buf
    r = kw.Reader(conn.request(17, version, bytes(body)))
    return r.int16(), r.array(lambda x: x.string())


def sasl_authenticate(conn, token: bytes):
    body = kw.Writer(True).bytes_(token).tags().buf
    r = kw.Reader(conn.request(36, 2, bytes(body), flexible=True), True)
    return r.int16(), r.string(), r.bytes_()


def test_requests_before_authentication_close_the_connection(broker):
    with kw.Connection(f"127.0.0.1:{broker.sasl_port}") as conn:
        conn.send(3, 12, kw.Writer(True).array([], None).raw(b"\x01").tags().buf, flexible=True)
        assert conn.is_closed_by_peer()
    with kw.Connection(f"127.0.0.1:{broker.sasl_port}") as conn:
        error, mechanisms = sasl_handshake(conn, "PLAIN")
        assert error == UNSUPPORTED_SASL_MECHANISM
        assert mechanisms == MECHANISMS
    with kw.Connection(f"127.0.0.1:{broker.sasl_port}") as conn:
        assert sasl_authenticate(conn, b"n,,n=alice,r=abc")[0] == ILLEGAL_SASL_STATE
    # SaslHandshake on a listener without SASL.
    with kw.Connection(broker.bootstrap) as conn:
        assert sasl_handshake(conn, "SCRAM-SHA-256")[0] == ILLEGAL_SASL_STATE


def test_failure_gives_no_hint_and_is_delayed(tmp_path):
    broker = Broker(tmp_path / "delay", extra={"connection.failed.authentication.delay.ms": "150",
                                               "sasl.enabled.mechanisms": "SCRAM-SHA-256"})
    broker.sasl_port = free_port()
    broker.props["listeners"] += f",SASL_PLAINTEXT://127.0.0.1:{broker.sasl_port}"
    broker.write_config()
    broker.start()
    try:
        check_failures_are_delayed(broker)
    finally:
        assert broker.stop() == 0, broker.log()


def check_failures_are_delayed(broker):
    timings = []
    for _ in range(3):
        with kw.Connection(f"127.0.0.1:{broker.sasl_port}") as conn:
            assert sasl_handshake(conn, "SCRAM-SHA-256")[0] == 0
            assert sasl_authenticate(conn, b"n,,n=alice,r=clientnonce")[0] == 0
            started = time.time()
            error, message, _ = sasl_authenticate(conn, b"c=biws,r=bogus,p=AAAA")
            timings.append(time.time() - started)
            assert error == SASL_AUTHENTICATION_FAILED
            assert message == ("Authentication failed during authentication due to invalid "
                               "credentials with SASL mechanism SCRAM-SHA-256")
            # After a failure the connection serves nothing more.
            conn.send(18, 0, b"")
            assert conn.is_closed_by_peer()
    assert timings[0] >= 0.1
    assert timings[2] > timings[0] * 2, timings


def test_alter_errors_and_delete(broker, pki):
    assert users(broker, "--add", "carol", "--mechanism", "SCRAM-SHA-256",
                 "--password", "x", "--iterations", "100").returncode == 2
    assert users(broker, "--delete", "nobody", "--mechanism", "SCRAM-SHA-256").returncode == 1
    added = users(broker, "--add", "carol", "--mechanism", "SCRAM-SHA-256", "--password", "c-pw")
    assert added.returncode == 0, added.stderr
    assert metadata_ok(sasl_conf(broker, pki, "SCRAM-SHA-256", "carol", "c-pw"))
    deleted = users(broker, "--delete", "carol", "--mechanism", "SCRAM-SHA-256")
    assert deleted.returncode == 0, deleted.stderr
    assert not metadata_ok(sasl_conf(broker, pki, "SCRAM-SHA-256", "carol", "c-pw"))
    # Nothing like a password is stored: the metadata store holds no trace of it.
    store = broker.data_dir / "__skiff_metadata"
    for f in store.rglob("*"):
        if f.is_file():
            assert b"alice-secret" not in f.read_bytes()


def test_password_file(broker, pki, tmp_path):
    pw = tmp_path / "pw"
    pw.write_text("from-a-file\n")
    out = users(broker, "--add", "dave", "--mechanism", "SCRAM-SHA-512", "--password-file", str(pw))
    assert out.returncode == 0, out.stderr
    assert metadata_ok(sasl_conf(broker, pki, "SCRAM-SHA-512", "dave", "from-a-file"))


def test_cli_over_tls_and_sasl(broker, pki, tmp_path):
    """skiff users through the SASL_SSL listener, authenticated as bob with SCRAM-SHA-512."""
    config = tmp_path / "client.properties"
    common = (f"security.protocol=SASL_SSL\nssl.ca.location={pki.path('ca.pem')}\n"
              "sasl.mechanism=SCRAM-SHA-512\nsasl.username=bob\n")
    config.write_text(common + "sasl.password=bob-secret\n")
    bootstrap = f"127.0.0.1:{broker.sasl_ssl_port}"
    out = users(broker, "--command-config", str(config), "--add", "erin", "--password", "e",
                bootstrap=bootstrap)
    assert out.returncode == 0, out.stderr
    out = users(broker, "--command-config", str(config), "--describe", "--user", "erin",
                bootstrap=bootstrap)
    assert "'erin' are SCRAM-SHA-512=iterations=8192" in out.stdout, out.stderr
    config.write_text(common + "sasl.password=wrong\n")
    out = users(broker, "--command-config", str(config), "--describe", bootstrap=bootstrap)
    assert out.returncode == 1 and "SASL authentication failed" in out.stderr
