"""SASL/OAUTHBEARER with JWTs the test signs itself (RS256 and ES256 keys generated at
run time, published in a JWKS file and over HTTP): confluent-kafka (oauth_cb) and
kafka-python (token provider, raw SaslHandshake v0 tokens) accepted with valid tokens
and refused with expired, not-yet-valid, wrong-issuer, wrong-audience or foreign-key
tokens; the session lifetime follows the token's expiry and an expired session is
closed; the JWKS is re-read from its URL."""
import base64
import http.server
import json
import threading
import time

import jwt
import pytest
from confluent_kafka import KafkaException, Producer
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from jwt.algorithms import ECAlgorithm, RSAAlgorithm
from kafka import KafkaProducer
from kafka.errors import KafkaError

import kafka_wire as kw
from broker_process import Broker, free_port
from tls_certs import Pki

ISSUER, AUDIENCE = "https://issuer.test", "skiff"


class Keys:
    def __init__(self):
        self.rsa = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        self.ec = ec.generate_private_key(ec.SECP256R1())
        self.foreign = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        # A key whose x coordinate has a leading zero byte (1 in 256 keys), published
        # the way some issuers do it: with that byte dropped.
        self.ec_short = ec.generate_private_key(ec.SECP256R1())
        while self.ec_short.public_key().public_numbers().x >= 1 << 248:
            self.ec_short = ec.generate_private_key(ec.SECP256R1())

    def jwks(self, include_ec=True):
        keys = [dict(json.loads(RSAAlgorithm.to_jwk(self.rsa.public_key())), kid="rsa-1", use="sig")]
        if include_ec:
            keys.append(dict(json.loads(ECAlgorithm.to_jwk(self.ec.public_key())), kid="ec-1"))
            numbers = self.ec_short.public_key().public_numbers()
            b64 = lambda b: base64.urlsafe_b64encode(b).rstrip(b"=").decode()  # noqa: E731
            keys.append({"kty": "EC", "crv": "P-256", "kid": "ec-short",
                         "x": b64(numbers.x.to_bytes(31, "big")), "y": b64(numbers.y.to_bytes(32, "big"))})
        return json.dumps({"keys": keys})

    def token(self, sub="alice", alg="RS256", lifetime=300, nbf=None, iss=ISSUER, aud=AUDIENCE,
              key=None, kid=None):
        now = int(time.time())
        claims = {"sub": sub, "iss": iss, "aud": aud, "iat": now, "exp": now + lifetime}
        if nbf is not None:
            claims["nbf"] = now + nbf
        signer = key or (self.rsa if alg == "RS256" else self.ec)
        return jwt.encode(claims, signer, algorithm=alg,
                          headers={"kid": kid or ("rsa-1" if alg == "RS256" else "ec-1")})


@pytest.fixture(scope="module")
def keys():
    return Keys()


@pytest.fixture(scope="module")
def broker(tmp_path_factory, keys):
    work = tmp_path_factory.mktemp("oauth")
    pki = Pki(work / "pki")
    jwks_file = work / "jwks.json"
    jwks_file.write_text(keys.jwks())
    b = Broker(work / "broker", extra={
        "ssl.keystore.type": "PEM", "ssl.keystore.location": pki.path("server.pem"),
        "connection.failed.authentication.delay.ms": "0",
        "sasl.enabled.mechanisms": "OAUTHBEARER",
        "sasl.oauthbearer.jwks.endpoint.url": f"file://{jwks_file}",
        "sasl.oauthbearer.expected.issuer": ISSUER,
        "sasl.oauthbearer.expected.audience": AUDIENCE,
        "sasl.oauthbearer.clock.skew.seconds": "0",
    })
    b.pki = pki
    b.add_sasl_listeners()
    b.start()
    yield b
    assert b.stop() == 0, b.log()


def confluent_ok(broker, token, tls=True):
    conf = {"bootstrap.servers": f"127.0.0.1:{broker.sasl_ssl_port if tls else broker.sasl_port}",
            "security.protocol": "SASL_SSL" if tls else "SASL_PLAINTEXT",
            "sasl.mechanisms": "OAUTHBEARER", "socket.timeout.ms": 5000,
            "oauth_cb": lambda _config: (token, time.time() + 300)}
    if tls:
        conf["ssl.ca.location"] = broker.pki.path("ca.pem")
    producer = Producer(conf)
    producer.poll(1)  # serves the token refresh callback
    try:
        producer.list_topics(timeout=5)
        return True
    except KafkaException:
        return False


@pytest.mark.parametrize("alg", ["RS256", "ES256"])
@pytest.mark.parametrize("tls", [True, False])
def test_confluent_valid_token(broker, keys, alg, tls):
    assert confluent_ok(broker, keys.token(alg=alg, sub=f"svc-{alg}"), tls)
    assert f"authenticated with OAUTHBEARER as User:svc-{alg}" in broker.log()


def test_ec_key_published_with_a_short_coordinate(broker, keys):
    assert confluent_ok(broker, keys.token(alg="ES256", key=keys.ec_short, kid="ec-short"))


@pytest.mark.parametrize("case", ["expired", "not-yet-valid", "issuer", "audience", "foreign-key",
                                  "unknown-kid", "garbage"])
def test_confluent_refused_tokens(broker, keys, case):
    token = {
        "expired": lambda: keys.token(lifetime=-10),
        "not-yet-valid": lambda: keys.token(nbf=120),
        "issuer": lambda: keys.token(iss="https://evil.test"),
        "audience": lambda: keys.token(aud="other"),
        "foreign-key": lambda: keys.token(key=keys.foreign),
        "unknown-kid": lambda: keys.token(kid="nope"),
        "garbage": lambda: "not.a.jwt",
    }[case]()
    assert not confluent_ok(broker, token)
    assert "token refused" in broker.log()


class TokenProvider:
    def __init__(self, token):
        self._token = token

    def token(self):
        return self._token


def test_kafka_python(broker, keys):
    common = {"bootstrap_servers": f"127.0.0.1:{broker.sasl_port}",
              "security_protocol": "SASL_PLAINTEXT", "sasl_mechanism": "OAUTHBEARER"}
    producer = KafkaProducer(sasl_oauth_token_provider=TokenProvider(keys.token(alg="ES256")),
                             **common)
    producer.send("oauth-kp", b"x").get(15)
    producer.close()
    with pytest.raises(KafkaError):
        KafkaProducer(sasl_oauth_token_provider=TokenProvider(keys.token(lifetime=-5)),
                      api_version_auto_timeout_ms=5000, max_block_ms=5000, **common)


def test_session_ends_when_the_token_expires(broker, keys):
    with kw.Connection(f"127.0.0.1:{broker.sasl_port}") as conn:
        r = kw.Reader(conn.request(17, 1, bytes(kw.Writer().string("OAUTHBEARER").buf)))
        assert r.int16() == 0
        token = keys.token(lifetime=3)
        message = f"n,,\x01auth=Bearer {token}\x01\x01".encode()
        r = kw.Reader(conn.request(36, 2, bytes(kw.Writer(True).bytes_(message).tags().buf),
                                   flexible=True), True)
        assert r.int16() == 0
        r.string(), r.bytes_()
        lifetime = r.int64()
        assert 1000 < lifetime <= 3000, lifetime
        conn.request(18, 0, b"")  # still in session
        # An idle connection is closed when the token expires, without a request.
        time.sleep(lifetime / 1000 - 0.5)
        assert not conn.is_closed_by_peer(timeout=0.2)
        assert conn.is_closed_by_peer(timeout=3)
    assert "(User:alice) expired without re-authentication" in broker.log()


def test_jwks_from_url_is_refreshed(tmp_path, keys):
    state = {"jwks": keys.jwks(include_ec=False)}

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            body = state["jwks"].encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    pki = Pki(tmp_path / "pki")
    b = Broker(tmp_path / "broker", extra={
        "ssl.keystore.type": "PEM", "ssl.keystore.location": pki.path("server.pem"),
        "connection.failed.authentication.delay.ms": "0",
        "sasl.enabled.mechanisms": "OAUTHBEARER",
        "sasl.oauthbearer.jwks.endpoint.url": f"http://127.0.0.1:{server.server_port}/jwks",
        "sasl.oauthbearer.jwks.endpoint.refresh.ms": "1000",
    })
    b.pki = pki
    b.sasl_ssl_port = b.sasl_port = free_port()
    b.props["listeners"] += f",SASL_PLAINTEXT://127.0.0.1:{b.sasl_port}"
    b.write_config()
    b.start()
    try:
        assert confluent_ok(b, keys.token(alg="RS256"), tls=False)
        assert not confluent_ok(b, keys.token(alg="ES256"), tls=False)  # not published yet
        state["jwks"] = keys.jwks(include_ec=True)
        time.sleep(2.5)
        assert confluent_ok(b, keys.token(alg="ES256"), tls=False)
    finally:
        assert b.stop() == 0, b.log()
        server.shutdown()


def oauth_authenticate(conn, token, handshake=True):
    if handshake:
        r = kw.Reader(conn.request(17, 1, bytes(kw.Writer().string("OAUTHBEARER").buf)))
        assert r.int16() == 0
    message = f"n,,\x01auth=Bearer {token}\x01\x01".encode()
    r = kw.Reader(conn.request(36, 2, bytes(kw.Writer(True).bytes_(message).tags().buf),
                               flexible=True), True)
    error, _, _ = r.int16(), r.string(), r.bytes_()
    return error, r.int64()


def test_reauthentication_kip368(broker, keys):
    with kw.Connection(f"127.0.0.1:{broker.sasl_port}") as conn:
        assert oauth_authenticate(conn, keys.token(lifetime=3))[0] == 0
        # Re-authenticate before expiry with a fresh token for the same principal.
        error, lifetime = oauth_authenticate(conn, keys.token(lifetime=60))
        assert error == 0 and lifetime > 50_000
        time.sleep(3.5)
        conn.request(18, 0, b"")  # the first token has expired, the session has not
        # Re-authenticating as someone else is refused and ends the connection.
        assert oauth_authenticate(conn, keys.token(sub="mallory"))[0] == 58
        conn.send(18, 0, b"")
        assert conn.is_closed_by_peer()


def test_kcat_unsecured_token_is_refused(broker):
    """kcat (Debian's librdkafka has no OIDC) can only send librdkafka's unsecured,
    unsigned JWTs (alg "none"): the broker must refuse them."""
    import subprocess
    out = subprocess.run(
        ["kcat", "-b", f"127.0.0.1:{broker.sasl_port}", "-X", "security.protocol=SASL_PLAINTEXT",
         "-X", "sasl.mechanisms=OAUTHBEARER", "-X", "enable.sasl.oauthbearer.unsecure.jwt=true",
         "-X", "sasl.oauthbearer.config=principal=alice", "-L", "-m", "5"],
        capture_output=True, text=True, timeout=30)
    assert out.returncode != 0
    assert "Authentication failed" in out.stderr, out.stderr
    assert "is not RS256 or ES256" in broker.log()
