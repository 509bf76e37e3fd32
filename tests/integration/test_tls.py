"""TLS listeners: PEM and PKCS12 keystores, PEM and PKCS12 truststores, mTLS with
ssl.client.auth none/requested/required, certificate subjects mapped to principals
with ssl.principal.mapping.rules, per-listener overrides, enabled protocol versions,
and certificates re-read on SIGHUP without dropping open connections. Clients: kcat,
confluent-kafka (librdkafka), kafka-python and Python's ssl module."""
import shutil
import socket
import ssl
import subprocess
import time

import pytest
from confluent_kafka import Consumer, KafkaException, Producer, TopicPartition
from kafka import KafkaConsumer, KafkaProducer

from broker_process import Broker, free_port
from tls_certs import Pki


@pytest.fixture(scope="module")
def pki(tmp_path_factory):
    return Pki(tmp_path_factory.mktemp("pki"))


def start_broker(workdir, listeners: dict, props: dict):
    """A broker with a PLAINTEXT listener (for readiness) and `listeners` (name -> protocol)."""
    broker = Broker(workdir, extra=props)
    ports = {name: free_port() for name in listeners}
    uris = [f"PLAINTEXT://127.0.0.1:{broker.port}"] + \
        [f"{name}://127.0.0.1:{port}" for name, port in ports.items()]
    broker.props["listeners"] = ",".join(uris)
    if any(name != proto for name, proto in listeners.items()):
        broker.props["listener.security.protocol.map"] = ",".join(
            ["PLAINTEXT:PLAINTEXT"] + [f"{n}:{p}" for n, p in listeners.items()])
    broker.write_config()
    broker.start()
    return broker, ports


@pytest.fixture
def brokers():
    started = []
    yield started
    for b in started:
        code = b.stop()
        assert code == 0, f"skiffd exited with {code}:\n{b.log()}"


def ssl_props(pki, keystore="pem", client_auth="none"):
    props = {"ssl.client.auth": client_auth, "ssl.truststore.type": "PEM",
             "ssl.truststore.location": pki.path("ca.pem")}
    if keystore == "pem":
        props.update({"ssl.keystore.type": "PEM", "ssl.keystore.location": pki.path("server.pem")})
    else:
        props.update({"ssl.keystore.type": "PKCS12", "ssl.keystore.location": pki.path("server.p12"),
                      "ssl.keystore.password": pki.password})
    return props


def kcat(port, pki, *args, client=None, ca="ca.pem", input_data=None, timeout=20):
    cmd = ["kcat", "-b", f"127.0.0.1:{port}", "-X", "security.protocol=ssl",
           "-X", f"ssl.ca.location={pki.path(ca)}"]
    if client:
        cmd += ["-X", f"ssl.certificate.location={pki.path(client + '.crt')}",
                "-X", f"ssl.key.location={pki.path(client + '.key')}"]
    return subprocess.run(cmd + list(args), input=input_data, capture_output=True, text=True,
                          timeout=timeout)


def confluent_conf(port, pki, client=None, ca="ca.pem", **extra):
    conf = {"bootstrap.servers": f"127.0.0.1:{port}", "security.protocol": "SSL",
            "ssl.ca.location": pki.path(ca), "socket.timeout.ms": 5000}
    if client:
        conf["ssl.certificate.location"] = pki.path(client + ".crt")
        conf["ssl.key.location"] = pki.path(client + ".key")
    conf.update(extra)
    return conf


def refused(conf):
    """True when librdkafka cannot get metadata through `conf`."""
    producer = Producer(conf)
    try:
        producer.list_topics(timeout=4)
        return False
    except KafkaException:
        return True


def produce_consume_confluent(conf, topic, values):
    producer = Producer(conf)
    for v in values:
        producer.produce(topic, value=v)
    assert producer.flush(15) == 0
    consumer = Consumer({**conf, "group.id": "tls", "enable.auto.commit": False})
    consumer.assign([TopicPartition(topic, 0, 0)])
    got, deadline = [], time.time() + 15
    while len(got) < len(values) and time.time() < deadline:
        msg = consumer.poll(0.5)
        if msg is not None:
            assert msg.error() is None, msg.error()
            got.append(msg.value())
    consumer.close()
    return got


def test_kcat_over_pem_keystore(tmp_path, pki, brokers):
    broker, ports = start_broker(tmp_path / "b", {"SSL": "SSL"}, ssl_props(pki, "pem"))
    brokers.append(broker)
    produced = kcat(ports["SSL"], pki, "-t", "tls-kcat", "-P", input_data="one\ntwo\n")
    assert produced.returncode == 0, produced.stderr
    consumed = kcat(ports["SSL"], pki, "-t", "tls-kcat", "-C", "-o", "beginning", "-e")
    assert consumed.returncode == 0, consumed.stderr
    assert consumed.stdout.split() == ["one", "two"]
    # The broker's metadata points SSL clients at the SSL listener.
    listing = kcat(ports["SSL"], pki, "-L")
    assert f"127.0.0.1:{ports['SSL']}" in listing.stdout


def test_confluent_over_pkcs12_keystore_large_fetch(tmp_path, pki, brokers):
    props = ssl_props(pki, "p12")
    props.update({"ssl.truststore.type": "PKCS12", "ssl.truststore.location": pki.truststore_p12(),
                  "ssl.truststore.password": pki.password})
    broker, ports = start_broker(tmp_path / "b", {"SSL": "SSL"}, props)
    brokers.append(broker)
    # Enough data that fetch responses carry segment file slices larger than one TLS chunk.
    values = [bytes([i % 251]) * 100_000 for i in range(40)]
    got = produce_consume_confluent(confluent_conf(ports["SSL"], pki), "tls-big", values)
    assert got == values


def test_kafka_python_over_tls(tmp_path, pki, brokers):
    broker, ports = start_broker(tmp_path / "b", {"SSL": "SSL"}, ssl_props(pki))
    brokers.append(broker)
    common = {"bootstrap_servers": f"127.0.0.1:{ports['SSL']}", "security_protocol": "SSL",
              "ssl_cafile": pki.path("ca.pem")}
    producer = KafkaProducer(**common)
    producer.send("tls-kp", b"hello").get(15)
    producer.close()
    consumer = KafkaConsumer("tls-kp", auto_offset_reset="earliest", consumer_timeout_ms=8000,
                             **common)
    assert [m.value for m in consumer] == [b"hello"]
    consumer.close()


def test_client_with_wrong_ca_refuses_broker(tmp_path, pki, brokers):
    broker, ports = start_broker(tmp_path / "b", {"SSL": "SSL"}, ssl_props(pki))
    brokers.append(broker)
    assert refused(confluent_conf(ports["SSL"], pki, ca="other-ca.pem"))
    assert kcat(ports["SSL"], pki, "-L", "-m", "4", ca="other-ca.pem").returncode != 0
    # A plaintext client on the TLS port gets nowhere either, and the broker lives on.
    assert refused({"bootstrap.servers": f"127.0.0.1:{ports['SSL']}", "socket.timeout.ms": 3000})
    assert not refused(confluent_conf(ports["SSL"], pki))


def test_mtls_required(tmp_path, pki, brokers):
    props = ssl_props(pki, client_auth="required")
    props["log.levels"] = "security=debug"
    broker, ports = start_broker(tmp_path / "b", {"SSL": "SSL"}, props)
    brokers.append(broker)
    got = produce_consume_confluent(confluent_conf(ports["SSL"], pki, client="client"), "mtls",
                                    [b"x"])
    assert got == [b"x"]
    # Kafka's default mapping: the whole RFC 2253 subject is the user name.
    assert "is User:CN=alice,OU=eng,O=acme,C=US" in broker.log()
    # Refused: no certificate, and a certificate from a CA the broker does not trust.
    assert refused(confluent_conf(ports["SSL"], pki))
    assert refused(confluent_conf(ports["SSL"], pki, client="rogue"))
    assert kcat(ports["SSL"], pki, "-L", "-m", "4", client="rogue").returncode != 0
    assert "TLS handshake failed" in broker.log()


def test_mtls_requested_and_mapping_rules(tmp_path, pki, brokers):
    props = ssl_props(pki, client_auth="requested")
    props["log.levels"] = "security=debug"
    props["ssl.principal.mapping.rules"] = \
        "RULE:^CN=([a-z]+),OU=eng,.*$/$1@ENG/U, RULE:^CN=(.*)$/$1/L, DEFAULT"
    broker, ports = start_broker(tmp_path / "b", {"SSL": "SSL"}, props)
    brokers.append(broker)
    assert not refused(confluent_conf(ports["SSL"], pki, client="client"))
    assert "is User:ALICE@ENG" in broker.log()
    # requested: a client without a certificate is accepted as ANONYMOUS.
    assert not refused(confluent_conf(ports["SSL"], pki))
    assert kcat(ports["SSL"], pki, "-L").returncode == 0


def test_per_listener_overrides(tmp_path, pki, brokers):
    props = ssl_props(pki, client_auth="none")
    props["listener.name.mtls.ssl.client.auth"] = "required"
    broker, ports = start_broker(tmp_path / "b", {"EXTERNAL": "SSL", "MTLS": "SSL"}, props)
    brokers.append(broker)
    assert not refused(confluent_conf(ports["EXTERNAL"], pki))
    assert refused(confluent_conf(ports["MTLS"], pki))
    assert not refused(confluent_conf(ports["MTLS"], pki, client="client"))


def handshake(port, pki, maximum=None):
    context = ssl.create_default_context(cafile=pki.path("ca.pem"))
    if maximum:
        context.maximum_version = maximum
    with socket.create_connection(("127.0.0.1", port), timeout=5) as raw:
        with context.wrap_socket(raw, server_hostname="localhost") as tls:
            return tls.version(), tls.getpeercert()


def test_enabled_protocols(tmp_path, pki, brokers):
    props = ssl_props(pki)
    props["ssl.enabled.protocols"] = "TLSv1.3"
    broker, ports = start_broker(tmp_path / "b", {"SSL": "SSL"}, props)
    brokers.append(broker)
    assert handshake(ports["SSL"], pki)[0] == "TLSv1.3"
    with pytest.raises(ssl.SSLError):
        handshake(ports["SSL"], pki, maximum=ssl.TLSVersion.TLSv1_2)


def test_bad_tls_config_is_a_clear_startup_error(tmp_path, pki):
    props = ssl_props(pki, "p12")
    props["ssl.keystore.password"] = "wrong"
    broker = Broker(tmp_path / "b", extra=props)
    broker.props["listeners"] += f",SSL://127.0.0.1:{free_port()}"
    broker.write_config()
    with pytest.raises(RuntimeError) as error:
        broker.start()
    assert "listener SSL: ssl.keystore.location" in str(error.value)
    assert "wrong password" in str(error.value)


def test_sighup_reloads_certificates_keeping_connections(tmp_path, pki, brokers):
    keystore = tmp_path / "keystore.pem"
    shutil.copy(pki.path("server.pem"), keystore)
    props = ssl_props(pki)
    props["ssl.keystore.location"] = str(keystore)
    broker, ports = start_broker(tmp_path / "b", {"SSL": "SSL"}, props)
    brokers.append(broker)
    producer = Producer(confluent_conf(ports["SSL"], pki))
    producer.produce("reload", value=b"before")
    assert producer.flush(15) == 0
    old_serial = handshake(ports["SSL"], pki)[1]["serialNumber"]

    pki.issue("server2", "/CN=localhost", "ca", san="DNS:localhost,IP:127.0.0.1", serial=4242)
    shutil.copy(pki.path("server2.pem"), keystore)
    broker.reload()
    deadline = time.time() + 10
    while handshake(ports["SSL"], pki)[1]["serialNumber"] == old_serial:
        assert time.time() < deadline, "new certificate not served after SIGHUP"
        time.sleep(0.1)
    assert handshake(ports["SSL"], pki)[1]["serialNumber"] == "1092"  # 4242 in hex
    # The connection opened before the reload still works.
    producer.produce("reload", value=b"after")
    assert producer.flush(15) == 0
    # A broken keystore on reload is refused and the served certificate stays.
    keystore.write_text("not a certificate")
    broker.reload()
    time.sleep(0.5)
    assert handshake(ports["SSL"], pki)[1]["serialNumber"] == "1092"
    assert "TLS configuration not reloaded" in broker.log()


def handshake_with_ciphers(port, pki, ciphers):
    context = ssl.create_default_context(cafile=pki.path("ca.pem"))
    context.maximum_version = ssl.TLSVersion.TLSv1_2
    context.set_ciphers(ciphers)
    with socket.create_connection(("127.0.0.1", port), timeout=5) as raw:
        with context.wrap_socket(raw, server_hostname="localhost") as tls:
            return tls.cipher()[0]


def test_cipher_suites_by_iana_name(tmp_path, pki, brokers):
    props = ssl_props(pki)
    props["ssl.enabled.protocols"] = "TLSv1.2"
    props["ssl.cipher.suites"] = "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256"
    props["ssl.endpoint.identification.algorithm"] = ""  # common in Kafka configs: accepted
    broker, ports = start_broker(tmp_path / "b", {"SSL": "SSL"}, props)
    brokers.append(broker)
    assert handshake_with_ciphers(ports["SSL"], pki, "ECDHE-ECDSA-AES128-GCM-SHA256:"
                                  "ECDHE-ECDSA-AES256-GCM-SHA384") == "ECDHE-ECDSA-AES128-GCM-SHA256"
    with pytest.raises(ssl.SSLError):
        handshake_with_ciphers(ports["SSL"], pki, "ECDHE-ECDSA-AES256-GCM-SHA384")


def test_unknown_cipher_suite_is_a_startup_error(tmp_path, pki):
    props = ssl_props(pki)
    props["ssl.cipher.suites"] = "TLS_NOT_A_CIPHER"
    broker = Broker(tmp_path / "b", extra=props)
    broker.props["listeners"] += f",SSL://127.0.0.1:{free_port()}"
    broker.write_config()
    with pytest.raises(RuntimeError) as error:
        broker.start()
    assert "unknown cipher suite 'TLS_NOT_A_CIPHER'" in str(error.value)
