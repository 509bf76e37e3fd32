"""SASL/PLAIN through Cyrus SASL (the sasl-plain-cyrus plugin) with a sasldb the test
creates with saslpasswd2: kcat, confluent-kafka and kafka-python over SASL_SSL and
SASL_PLAINTEXT, accepted with the right password, refused with a wrong one or an
unknown user."""
import subprocess

import pytest
from confluent_kafka import KafkaException, Producer
from kafka import KafkaProducer
from kafka.errors import KafkaError

from broker_process import Broker
from tls_certs import Pki


@pytest.fixture(scope="module")
def broker(tmp_path_factory):
    work = tmp_path_factory.mktemp("plain")
    pki = Pki(work / "pki")
    sasldb = work / "sasldb2"
    for user, password in [("alice", "alice-pw"), ("bob", "bob-pw")]:
        subprocess.run(["saslpasswd2", "-f", str(sasldb), "-a", "skiff", "-u", "skiff", "-c", "-p",
                        user], input=password, text=True, check=True)
    b = Broker(work / "broker", extra={
        "ssl.keystore.type": "PEM", "ssl.keystore.location": pki.path("server.pem"),
        "connection.failed.authentication.delay.ms": "0",
        "sasl.enabled.mechanisms": "PLAIN",
        "sasl.cyrus.pwcheck.method": "auxprop", "sasl.cyrus.auxprop.plugin": "sasldb",
        "sasl.cyrus.sasldb.path": str(sasldb), "sasl.cyrus.realm": "skiff",
    })
    b.pki = pki
    b.add_sasl_listeners()
    b.start()
    yield b
    assert b.stop() == 0, b.log()


def conf(broker, user, password, tls=True):
    c = {"bootstrap.servers": f"127.0.0.1:{broker.sasl_ssl_port if tls else broker.sasl_port}",
         "security.protocol": "SASL_SSL" if tls else "SASL_PLAINTEXT", "sasl.mechanisms": "PLAIN",
         "sasl.username": user, "sasl.password": password, "socket.timeout.ms": 5000}
    if tls:
        c["ssl.ca.location"] = broker.pki.path("ca.pem")
    return c


def metadata_ok(c):
    try:
        Producer(c).list_topics(timeout=5)
        return True
    except KafkaException:
        return False


@pytest.mark.parametrize("tls", [True, False])
def test_confluent(broker, tls):
    assert metadata_ok(conf(broker, "alice", "alice-pw", tls))
    assert metadata_ok(conf(broker, "bob", "bob-pw", tls))
    assert not metadata_ok(conf(broker, "alice", "bob-pw", tls))
    assert not metadata_ok(conf(broker, "mallory", "alice-pw", tls))
    assert "authenticated with PLAIN as User:alice" in broker.log()
    assert "SASL authentication failed for client 127.0.0.1" in broker.log()


def test_kcat(broker):
    base = ["kcat", "-b", f"127.0.0.1:{broker.sasl_ssl_port}", "-X", "security.protocol=SASL_SSL",
            "-X", f"ssl.ca.location={broker.pki.path('ca.pem')}", "-X", "sasl.mechanisms=PLAIN",
            "-X", "sasl.username=alice"]
    ok = subprocess.run(base + ["-X", "sasl.password=alice-pw", "-t", "plain", "-P"], input="m\n",
                        capture_output=True, text=True, timeout=30)
    assert ok.returncode == 0, ok.stderr
    read = subprocess.run(base + ["-X", "sasl.password=alice-pw", "-t", "plain", "-C", "-e",
                                  "-o", "beginning"], capture_output=True, text=True, timeout=30)
    assert read.stdout.split() == ["m"], read.stderr
    bad = subprocess.run(base + ["-X", "sasl.password=nope", "-L", "-m", "5"],
                         capture_output=True, text=True, timeout=30)
    assert bad.returncode != 0
    assert "Authentication failed" in bad.stderr


def test_kafka_python(broker):
    common = {"bootstrap_servers": f"127.0.0.1:{broker.sasl_port}",
              "security_protocol": "SASL_PLAINTEXT", "sasl_mechanism": "PLAIN",
              "sasl_plain_username": "bob"}
    producer = KafkaProducer(sasl_plain_password="bob-pw", **common)
    producer.send("plain-kp", b"x").get(15)
    producer.close()
    with pytest.raises(KafkaError):
        KafkaProducer(sasl_plain_password="wrong", api_version_auto_timeout_ms=5000,
                      max_block_ms=5000, **common)
