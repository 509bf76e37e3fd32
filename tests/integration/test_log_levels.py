"""Log levels change at runtime through admin calls: the BROKER_LOGGER config
resource (as kafka-configs.sh --entity-type broker-loggers does it: DescribeConfigs
and IncrementalAlterConfigs) and the dynamic broker config log.levels through
`skiff configs`. The 'net' subsystem logs closed connections at DEBUG only."""
import time

import kafka_wire as kw
from broker_process import Broker
from test_cli import ok, skiff

BROKER_LOGGER = 8
SET, DELETE = 0, 1
INVALID_CONFIG, INVALID_REQUEST = 40, 42
DYNAMIC_BROKER_LOGGER_CONFIG = 6
CLOSE_LINE = "closing connection"


def describe_loggers(broker, name="1"):
    w = kw.Writer(True)
    w.array([name], lambda w, n: w.int8(BROKER_LOGGER).string(n).array(None, None).tags())
    w.int8(0).int8(0).tags()
    with kw.Connection(broker.bootstrap) as conn:
        r = kw.Reader(conn.request(32, 4, bytes(w.buf), True), True)
    r.int32()

    def config(r):
        c = {"name": r.string(), "value": r.string(), "read_only": r.int8(), "source": r.int8(),
             "sensitive": r.int8()}
        r.array(lambda r: (r.string(), r.string(), r.int8(), r.tags()))
        r.int8()
        r.string()
        r.tags()
        return c

    def result(r):
        out = {"error_code": r.int16(), "error_message": r.string(), "type": r.int8(), "name": r.string(),
               "configs": r.array(config)}
        r.tags()
        return out
    return r.array(result)[0]


def alter_loggers(broker, ops, name="1", validate_only=False):
    """ops: [(logger, SET/DELETE, level or None)]; returns (error_code, message)."""
    w = kw.Writer(True)
    w.array([name], lambda w, n: w.int8(BROKER_LOGGER).string(n).array(
        ops, lambda w, op: w.string(op[0]).int8(op[1]).string(op[2]).tags()).tags())
    w.int8(1 if validate_only else 0).tags()
    with kw.Connection(broker.bootstrap) as conn:
        r = kw.Reader(conn.request(44, 1, bytes(w.buf), True), True)
    r.int32()
    results = r.array(lambda r: (r.int16(), r.string(), r.int8(), r.string(), r.tags()))
    return results[0][0], results[0][1]


def close_lines_after(broker, action):
    before = broker.log().count(CLOSE_LINE)
    action()
    with kw.Connection(broker.bootstrap):
        pass
    time.sleep(0.5)
    return broker.log().count(CLOSE_LINE) - before


def test_broker_logger_resource(tmp_path):
    broker = Broker(tmp_path).start()
    try:
        assert close_lines_after(broker, lambda: None) == 0

        assert alter_loggers(broker, [("net", SET, "DEBUG")]) == (0, None)
        described = describe_loggers(broker)
        assert described["error_code"] == 0
        levels = {c["name"]: c for c in described["configs"]}
        assert levels["net"]["value"] == "DEBUG"
        assert levels["net"]["source"] == DYNAMIC_BROKER_LOGGER_CONFIG
        assert levels["server"]["value"] == "INFO"
        assert close_lines_after(broker, lambda: None) >= 1

        # validate_only changes nothing; a bad level is refused and changes nothing.
        assert alter_loggers(broker, [("net", DELETE, None)], validate_only=True) == (0, None)
        code, message = alter_loggers(broker, [("net", SET, "LOUD")])
        assert code == INVALID_CONFIG and "LOUD" in message
        assert {c["name"]: c["value"] for c in describe_loggers(broker)["configs"]}["net"] == "DEBUG"

        assert alter_loggers(broker, [("net", DELETE, None)]) == (0, None)
        assert {c["name"]: c["value"] for c in describe_loggers(broker)["configs"]}["net"] == "INFO"
        assert close_lines_after(broker, lambda: None) == 0

        # Another broker's loggers are not ours to change.
        assert alter_loggers(broker, [("net", SET, "DEBUG")], name="7")[0] == INVALID_REQUEST
        assert describe_loggers(broker, name="7")["error_code"] == INVALID_REQUEST
    finally:
        assert broker.stop() == 0, broker.log()


def test_log_levels_through_skiff_configs(tmp_path):
    broker = Broker(tmp_path).start()
    try:
        def alter(*args):
            ok(skiff("configs", "--bootstrap-server", broker.bootstrap, "--entity-type", "brokers",
                     "--entity-name", "1", "--alter", *args, timeout=30))

        assert close_lines_after(broker, lambda: alter("--add-config", "log.levels=net=debug")) >= 1
        assert close_lines_after(broker, lambda: alter("--delete-config", "log.levels")) == 0
    finally:
        assert broker.stop() == 0, broker.log()
