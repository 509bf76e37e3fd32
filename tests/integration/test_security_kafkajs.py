"""kafkajs over TLS (server-verified and mTLS) and SASL: SCRAM-SHA-256, SCRAM-SHA-512,
PLAIN (Cyrus sasldb) and OAUTHBEARER (a JWT the test signs), each accepted and refused
(wrong CA, missing client certificate, wrong password, expired token)."""
import json
import shutil
import subprocess
import time
from pathlib import Path

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import rsa
from jwt.algorithms import RSAAlgorithm

from broker_process import Broker, build_dir, free_port
from tls_certs import Pki

JS_DIR = Path(__file__).resolve().parent / "js"
NODE = shutil.which("node") or "node"

pytestmark = pytest.mark.skipif(
    not (JS_DIR / "node_modules" / "kafkajs").is_dir(),
    reason="tests/integration/js/node_modules is missing: run `npm ci` in tests/integration/js")


@pytest.fixture(scope="module")
def setup(tmp_path_factory):
    work = tmp_path_factory.mktemp("kafkajs-security")
    pki = Pki(work / "pki")
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    jwks = work / "jwks.json"
    jwks.write_text(json.dumps({"keys": [dict(json.loads(RSAAlgorithm.to_jwk(key.public_key())),
                                              kid="k1")]}))
    sasldb = work / "sasldb2"
    subprocess.run(["saslpasswd2", "-f", str(sasldb), "-a", "skiff", "-u", "skiff", "-c", "-p",
                    "carol"], input="carol-pw", text=True, check=True)
    b = Broker(work / "broker", extra={
        "ssl.keystore.type": "PEM", "ssl.keystore.location": pki.path("server.pem"),
        "ssl.truststore.type": "PEM", "ssl.truststore.location": pki.path("ca.pem"),
        "listener.name.mtls.ssl.client.auth": "required",
        "connection.failed.authentication.delay.ms": "0",
        "sasl.enabled.mechanisms": "SCRAM-SHA-256,SCRAM-SHA-512,PLAIN,OAUTHBEARER",
        "sasl.oauthbearer.jwks.endpoint.url": str(jwks),
        "sasl.cyrus.pwcheck.method": "auxprop", "sasl.cyrus.auxprop.plugin": "sasldb",
        "sasl.cyrus.sasldb.path": str(sasldb), "sasl.cyrus.realm": "skiff",
    })
    ports = {name: free_port() for name in ["SSL", "MTLS", "SASL_SSL"]}
    b.props["listeners"] += "".join(f",{n}://127.0.0.1:{p}" for n, p in ports.items())
    b.props["listener.security.protocol.map"] = \
        "PLAINTEXT:PLAINTEXT,SSL:SSL,MTLS:SSL,SASL_SSL:SASL_SSL"
    b.write_config()
    b.start()
    for mech, user, pw in [("SCRAM-SHA-256", "alice", "alice-pw"), ("SCRAM-SHA-512", "bob", "bob-pw")]:
        out = subprocess.run([str(build_dir() / "cli" / "skiff"), "users", "--bootstrap-server",
                              b.bootstrap, "--add", user, "--mechanism", mech, "--password", pw],
                             capture_output=True, text=True)
        assert out.returncode == 0, out.stderr
    now = int(time.time())
    tokens = {
        "valid": jwt.encode({"sub": "dave", "exp": now + 600}, key, "RS256", headers={"kid": "k1"}),
        "expired": jwt.encode({"sub": "dave", "exp": now - 600}, key, "RS256",
                              headers={"kid": "k1"}),
    }
    yield b, ports, pki, tokens
    assert b.stop() == 0, b.log()


def run(ports, listener, ssl=None, sasl=None):
    spec = {"brokers": [f"localhost:{ports[listener]}"], "ssl": ssl, "sasl": sasl}
    out = subprocess.run([NODE, str(JS_DIR / "secure.js"), json.dumps(spec)], cwd=JS_DIR,
                         capture_output=True, text=True, timeout=60)
    lines = [ln for ln in out.stdout.splitlines() if ln.strip()]
    assert lines, out.stderr
    return json.loads(lines[-1])


def test_tls_and_mtls(setup):
    _, ports, pki, _ = setup
    assert run(ports, "SSL", ssl={"ca": pki.path("ca.pem")})["ok"]
    assert not run(ports, "SSL", ssl={"ca": pki.path("other-ca.pem")})["ok"]
    assert run(ports, "MTLS", ssl={"ca": pki.path("ca.pem"), "cert": pki.path("client.crt"),
                                   "key": pki.path("client.key")})["ok"]
    assert not run(ports, "MTLS", ssl={"ca": pki.path("ca.pem")})["ok"]
    assert not run(ports, "MTLS", ssl={"ca": pki.path("ca.pem"), "cert": pki.path("rogue.crt"),
                                       "key": pki.path("rogue.key")})["ok"]


@pytest.mark.parametrize("mechanism,user,password", [
    ("scram-sha-256", "alice", "alice-pw"), ("scram-sha-512", "bob", "bob-pw"),
    ("plain", "carol", "carol-pw")])
def test_sasl_password_mechanisms(setup, mechanism, user, password):
    _, ports, pki, _ = setup
    ssl = {"ca": pki.path("ca.pem")}
    assert run(ports, "SASL_SSL", ssl, {"mechanism": mechanism, "username": user,
                                        "password": password})["ok"]
    refused = run(ports, "SASL_SSL", ssl, {"mechanism": mechanism, "username": user,
                                           "password": "wrong"})
    assert not refused["ok"]
    assert "SASL_AUTHENTICATION_FAILED" in refused["error"] or "failed" in refused["error"].lower()


def test_oauthbearer(setup):
    _, ports, pki, tokens = setup
    ssl = {"ca": pki.path("ca.pem")}
    assert run(ports, "SASL_SSL", ssl, {"mechanism": "oauthbearer", "token": tokens["valid"]})["ok"]
    assert not run(ports, "SASL_SSL", ssl,
                   {"mechanism": "oauthbearer", "token": tokens["expired"]})["ok"]
