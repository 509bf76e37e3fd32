"""principal.builder.class selects a plugin's sdk::PrincipalBuilder: it names mTLS
and SASL/SCRAM connections (seen in the broker's log), and a builder that throws
refuses the connection. The builder comes from tests/integration/plugins."""
import subprocess

import pytest
from confluent_kafka import KafkaException, Producer

from broker_process import Broker, build_dir, free_port
from tls_certs import Pki

PLUGIN_DIR = build_dir() / "integration-plugins"

pytestmark = pytest.mark.skipif(not (PLUGIN_DIR / "test-principal-builder.so").exists(),
                                reason="build the test-principal-builder target first")


def reachable(conf):
    try:
        Producer({**conf, "socket.timeout.ms": 4000}).list_topics(timeout=4)
        return True
    except KafkaException:
        return False


def test_plugin_principal_builder(tmp_path):
    pki = Pki(tmp_path / "pki")
    pki.issue("refused", "/CN=refused", "ca")
    broker = Broker(tmp_path / "b", extra={
        "plugin.path": f"{build_dir() / 'plugins-out'}:{PLUGIN_DIR}",
        "principal.builder.class": "test-principal-builder",
        "log.levels": "security=debug",
        "ssl.keystore.type": "PEM", "ssl.keystore.location": pki.path("server.pem"),
        "ssl.truststore.type": "PEM", "ssl.truststore.location": pki.path("ca.pem"),
        "ssl.client.auth": "required", "sasl.enabled.mechanisms": "SCRAM-SHA-256",
    })
    ssl_port, sasl_port = free_port(), free_port()
    broker.props["listeners"] += f",SSL://127.0.0.1:{ssl_port},SASL_PLAINTEXT://127.0.0.1:{sasl_port}"
    broker.write_config()
    broker.start()
    try:
        tls = {"bootstrap.servers": f"127.0.0.1:{ssl_port}", "security.protocol": "SSL",
               "ssl.ca.location": pki.path("ca.pem")}
        assert reachable({**tls, "ssl.certificate.location": pki.path("client.crt"),
                          "ssl.key.location": pki.path("client.key")})
        assert "is User:cert-alice" in broker.log()
        assert not reachable({**tls, "ssl.certificate.location": pki.path("refused.crt"),
                              "ssl.key.location": pki.path("refused.key")})
        assert "test builder refuses CN=refused" in broker.log()

        out = subprocess.run([str(build_dir() / "cli" / "skiff"), "users", "--bootstrap-server",
                              broker.bootstrap, "--add", "alice", "--mechanism", "SCRAM-SHA-256",
                              "--password", "pw"], capture_output=True, text=True)
        assert out.returncode == 0, out.stderr
        assert reachable({"bootstrap.servers": f"127.0.0.1:{sasl_port}",
                          "security.protocol": "SASL_PLAINTEXT", "sasl.mechanisms": "SCRAM-SHA-256",
                          "sasl.username": "alice", "sasl.password": "pw"})
        assert "as User:sasl-alice" in broker.log()
    finally:
        assert broker.stop() == 0, broker.log()
