"""A plugin's sdk::RequestHandler serves an API the kernel does not: SkiffEcho on api
key 10001 (tests/integration/plugins/test_request_handler.cpp) is advertised by
ApiVersions, answers through the kernel's dispatch path (request log, request
metrics, the connection's principal), versions it does not serve close the
connection like the kernel's own APIs, as do requests before SASL authentication,
and a plugin claiming a key the kernel serves makes skiffd refuse to start, naming
the plugin and the key."""
import subprocess

import kafka_wire as kw
import metrics_scrape as ms
from broker_process import Broker, build_dir, free_port

PLUGIN_DIR = build_dir() / "integration-plugins"
PLUGIN_PATH = f"{build_dir() / 'plugins-out'}:{PLUGIN_DIR}"
ECHO = 10001
API_VERSIONS = 18


def advertised(conn) -> dict:
    r = kw.Reader(conn.request(API_VERSIONS, 0, b""))
    assert r.int16() == 0
    return {key: (lo, hi) for key, lo, hi in r.array(lambda r: (r.int16(), r.int16(), r.int16()))}


def test_plugin_api_is_advertised_and_served(tmp_path):
    assert (PLUGIN_DIR / "test-request-handler.so").exists(), "build test-request-handler"
    port = free_port()
    broker = Broker(tmp_path / "b", extra={"plugin.path": PLUGIN_PATH,
                                           "log.request.apis": "SkiffEcho",
                                           "sasl.enabled.mechanisms": "SCRAM-SHA-256"},
                    conf_d={"50-metrics.conf": "metrics.prometheus.enable=true\n"
                                               f"metrics.prometheus.listen=127.0.0.1:{port}\n"})
    sasl_port = free_port()
    broker.props["listeners"] += f",SASL_PLAINTEXT://127.0.0.1:{sasl_port}"
    broker.write_config()
    broker.start()
    try:
        with kw.Connection(broker.bootstrap) as conn:
            apis = advertised(conn)
            assert apis[ECHO] == (0, 1)
            assert apis[0][1] >= 9  # the kernel's Produce is still there

            # v0: classic headers, answered inline.
            r = kw.Reader(conn.request(ECHO, 0, b"hello plugin"))
            assert r.string() == "ANONYMOUS"
            assert r.string() == "datapath-test"
            assert r.data[r.pos:] == b"hello plugin"

            # v1: flexible headers both ways, answered later from another thread.
            r = kw.Reader(conn.request(ECHO, 1, b"\x00\x01\x02", flexible=True))
            assert (r.string(), r.string(), r.data[r.pos:]) == ("ANONYMOUS", "datapath-test",
                                                                b"\x00\x01\x02")
            # The connection keeps serving the kernel's APIs in order.
            assert ECHO in advertised(conn)

        # A version the plugin does not serve: closed, as for the kernel's APIs.
        with kw.Connection(broker.bootstrap) as conn:
            conn.send(ECHO, 2, b"x", flexible=True)
            assert conn.is_closed_by_peer(timeout=10)
        assert "unsupported request: api key 10001 version 2 (supported 0-1)" in broker.log()

        # Before SASL authentication a plugin's API is refused like the kernel's.
        with kw.Connection(f"127.0.0.1:{sasl_port}") as conn:
            conn.send(ECHO, 0, b"too early")
            assert conn.is_closed_by_peer(timeout=10)
        assert "api key 10001 before SASL authentication" in broker.log()

        # The handler may ask for the connection to be closed instead of answering.
        with kw.Connection(broker.bootstrap) as conn:
            conn.send(ECHO, 0, b"close")
            assert conn.is_closed_by_peer(timeout=10)

        log = broker.log()
        assert "SkiffEcho v0 correlation 2 from client 'datapath-test'" in log
        assert "SkiffEcho v1 correlation 3" in log
        assert "connection closed: SkiffEcho was asked to close" in log
        status, _, body = ms.fetch(f"http://127.0.0.1:{port}/metrics")
        assert status == 200
        samples = ms.parse(body)
        requests = ("kafka_network_requestmetrics_requests_total",
                    frozenset({("request", "SkiffEcho"), ("version", "0")}))
        assert samples[requests] == 2
    finally:
        assert broker.stop() == 0, broker.log()


def test_plugin_claiming_a_kernel_api_refuses_startup(tmp_path):
    assert (PLUGIN_DIR / "test-request-handler.so").exists(), "build test-request-handler"
    broker = Broker(tmp_path / "b", extra={"plugin.path": PLUGIN_PATH, "test.echo.api.key": "0"})
    out = subprocess.run([str(build_dir() / "kernel" / "app" / "skiffd"), str(broker.config_path)],
                         capture_output=True, text=True, timeout=60)
    assert out.returncode == 1, out.stdout + out.stderr
    output = out.stdout + out.stderr
    assert ("plugin 'test-request-handler' (request handler 'skiff-echo') claims api key 0 "
            "(Produce), which the kernel already serves") in output, output
