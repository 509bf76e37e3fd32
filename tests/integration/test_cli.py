"""The `skiff` command-line tool: its argument handling and plugin loading (no broker
needed), then topics, configs, produce and consume against a real skiffd."""
import os
import re
import socket
import subprocess
from pathlib import Path

import pytest

from broker_process import build_dir

SKIFF = build_dir() / "cli" / "skiff"
TEST_PLUGINS = build_dir() / "cli" / "test-plugins"
SKIFFD = build_dir() / "kernel" / "app" / "skiffd"
VERSION_H = Path(__file__).resolve().parents[2] / "sdk" / "include" / "skiff" / "sdk" / "version.h"

COMMANDS = ["topics", "configs", "produce", "consume"]
COMPRESSIONS = ["none", "gzip", "snappy", "lz4", "zstd"]

needs_skiff = pytest.mark.skipif(not SKIFF.exists(), reason=f"{SKIFF} is not built")
needs_broker = pytest.mark.skipif(not (SKIFF.exists() and SKIFFD.exists()),
                                  reason="skiff or skiffd is not built")


def skiff(*args, stdin: bytes = b"", timeout: float = 90, env=None) -> subprocess.CompletedProcess:
    """Runs skiff with bytes in and out (values must come back byte-identical)."""
    return subprocess.run([str(SKIFF), *map(str, args)], input=stdin, capture_output=True,
                          timeout=timeout, env=env)


def ok(result: subprocess.CompletedProcess) -> subprocess.CompletedProcess:
    assert result.returncode == 0, (
        f"exit {result.returncode}\nstdout: {result.stdout!r}\nstderr: {result.stderr.decode(errors='replace')}")
    return result


def unused_bootstrap() -> str:
    """A loopback address nothing listens on: commands that fail before connecting
    must not need a broker."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return f"127.0.0.1:{s.getsockname()[1]}"


def sdk_abi_version() -> int:
    return int(re.search(r"#define SKIFF_SDK_ABI_VERSION (\d+)", VERSION_H.read_text()).group(1))


def murmur2(data: bytes) -> int:
    """Kafka's Utils.murmur2 (the Java client's key hash), as an unsigned 32-bit value."""
    m, r = 0x5BD1E995, 24
    length = len(data)
    h = (0x9747B28C ^ length) & 0xFFFFFFFF
    for i in range(0, length - length % 4, 4):
        k = data[i] | (data[i + 1] << 8) | (data[i + 2] << 16) | (data[i + 3] << 24)
        k = (k * m) & 0xFFFFFFFF
        k ^= k >> r
        k = (k * m) & 0xFFFFFFFF
        h = (h * m) & 0xFFFFFFFF
        h ^= k
    tail, extra = length & ~3, length % 4
    if extra == 3:
        h ^= data[tail + 2] << 16
    if extra >= 2:
        h ^= data[tail + 1] << 8
    if extra >= 1:
        h ^= data[tail]
        h = (h * m) & 0xFFFFFFFF
    h ^= h >> 13
    h = (h * m) & 0xFFFFFFFF
    h ^= h >> 15
    return h


def java_partition(key: bytes, partitions: int) -> int:
    """What the Java producer's default partitioner picks for a keyed record."""
    return (murmur2(key) & 0x7FFFFFFF) % partitions


# ---------------------------------------------------------------- without a broker

def test_murmur2_matches_kafka_test_vectors():
    signed = lambda x: x - (1 << 32) if x & 0x80000000 else x  # noqa: E731
    vectors = {b"21": -973932308, b"foobar": -790332482, b"a-little-bit-long-string": -985981536,
               b"a-little-bit-longer-string": -1486304829, b"abc": 479470107,
               b"lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8": -58897971}
    for data, expected in vectors.items():
        assert signed(murmur2(data)) == expected, data


@needs_skiff
def test_help_lists_every_command():
    out = ok(skiff("--help")).stdout.decode()
    assert out.startswith("Usage: skiff <command>")
    for command in COMMANDS:
        assert re.search(rf"^  {command}\s", out, re.M), command


@needs_skiff
def test_no_arguments_prints_usage_and_exits_2():
    result = skiff()
    assert result.returncode == 2
    assert b"Usage: skiff" in result.stderr


@needs_skiff
def test_version():
    assert re.match(rb"skiff \d+\.\d+\.\d+ \(librdkafka [\d.]+\)\n", ok(skiff("--version")).stdout)
    assert ok(skiff("topics", "--version")).stdout.startswith(b"skiff ")


@needs_skiff
@pytest.mark.parametrize("command", COMMANDS)
def test_command_help(command):
    out = ok(skiff(command, "--help")).stdout.decode()
    assert out.startswith(f"Usage: skiff {command} ")
    assert "--bootstrap-server HOST:PORT" in out
    assert "--command-config FILE" in out


@needs_skiff
@pytest.mark.parametrize("command", COMMANDS)
def test_unknown_option_exits_2_naming_it(command):
    result = skiff(command, "--bootstrap-server", unused_bootstrap(), "--no-such-option")
    assert result.returncode == 2
    assert b"unknown option '--no-such-option'" in result.stderr
    assert f"skiff {command} --help".encode() in result.stderr


@needs_skiff
def test_unknown_command_exits_2():
    result = skiff("frobnicate")
    assert result.returncode == 2
    assert b"unknown command 'frobnicate'" in result.stderr


@needs_skiff
@pytest.mark.parametrize("args, message", [
    (["topics", "--list"], "missing required option --bootstrap-server"),
    (["topics", "--bootstrap-server"], "--bootstrap-server requires a value"),
    (["topics", "--bootstrap-server", "B"], "one of --create, --list, --describe, --alter, --delete is required"),
    (["topics", "--bootstrap-server", "B", "--list", "--delete"], "only one of"),
    (["topics", "--bootstrap-server", "B", "--create"], "--create requires --topic"),
    (["topics", "--bootstrap-server", "B", "--create", "--topic", "t", "--partitions", "two"],
     "--partitions expects an integer, got 'two'"),
    (["topics", "--bootstrap-server", "B", "--list", "--partitions", "3"], "--partitions cannot be used with --list"),
    (["topics", "--bootstrap-server", "B", "--create", "--topic", "t", "--config", "novalue"],
     "--config expects key=value"),
    (["configs", "--bootstrap-server", "B", "--describe"], "missing required option --entity-type"),
    (["configs", "--bootstrap-server", "B", "--entity-type", "users", "--describe"], "--entity-type must be topics or brokers"),
    (["configs", "--bootstrap-server", "B", "--entity-type", "topics", "--alter", "--add-config", "a=1"],
     "--alter requires --entity-name"),
    (["configs", "--bootstrap-server", "B", "--entity-type", "brokers", "--entity-name", "one", "--describe"],
     "is a broker id"),
    (["configs", "--bootstrap-server", "B", "--entity-type", "brokers", "--describe"], "brokers need --entity-name"),
    (["produce", "--bootstrap-server", "B"], "missing required option --topic"),
    (["produce", "--bootstrap-server", "B", "--topic", "t", "--acks", "2"], "--acks must be 0, 1 or all"),
    (["produce", "--bootstrap-server", "B", "--topic", "t", "--compression-type", "brotli"], "--compression-type must be"),
    (["produce", "--bootstrap-server", "B", "--topic", "t", "--property", "parse.kye=true"], "unknown --property 'parse.kye'"),
    (["produce", "--bootstrap-server", "B", "--topic", "t", "--partition", "0", "--partitioner", "random"],
     "--partition cannot be used with --partitioner"),
    (["consume", "--bootstrap-server", "B", "--topic", "t", "--from-beginning", "--offset", "3"],
     "--from-beginning cannot be used with --offset"),
    (["consume", "--bootstrap-server", "B", "--topic", "t", "--group", "g", "--partition", "0"],
     "--group cannot be used with --partition"),
    (["consume", "--bootstrap-server", "B", "--topic", "t", "--max-messages", "0"], "--max-messages must be between"),
    (["consume", "--bootstrap-server", "B", "--topic", "t", "--property", "print.key=yes"], "expects true or false"),
])
def test_usage_errors_exit_2(args, message):
    args = [unused_bootstrap() if a == "B" else a for a in args]
    result = skiff(*args)
    assert result.returncode == 2, result.stderr
    assert message in result.stderr.decode(), result.stderr


@needs_skiff
def test_flag_given_twice_is_fine_but_value_option_twice_is_not():
    result = skiff("produce", "--bootstrap-server", unused_bootstrap(), "--topic", "a", "--topic", "b")
    assert result.returncode == 2
    assert b"--topic may be given only once" in result.stderr


@needs_skiff
def test_help_wins_over_bad_options():
    assert ok(skiff("consume", "--bogus", "--help")).stdout.startswith(b"Usage: skiff consume")


@needs_skiff
def test_command_config_rejects_unknown_property_with_file_and_line(tmp_path):
    config = tmp_path / "client.properties"
    config.write_text("# security comes later\nclient.id=cli-test\nno.such.property=1\n")
    result = skiff("topics", "--bootstrap-server", unused_bootstrap(), "--list", "--command-config", config)
    assert result.returncode == 2
    assert f"{config}:3".encode() in result.stderr
    assert b"no.such.property" in result.stderr


@needs_skiff
def test_command_config_file_must_exist(tmp_path):
    result = skiff("topics", "--bootstrap-server", unused_bootstrap(), "--list",
                   "--command-config", tmp_path / "missing.properties")
    assert result.returncode == 1
    assert b"cannot read" in result.stderr


@needs_skiff
def test_undeliverable_records_fail_the_command():
    result = skiff("produce", "--bootstrap-server", unused_bootstrap(), "--topic", "t",
                   "--producer-property", "message.timeout.ms=1500", stdin=b"a\nb\n", timeout=30)
    assert result.returncode == 1
    assert b"record from line 2 failed: Local: Message timed out" in result.stderr
    assert b"2 of 2 records were not delivered" in result.stderr


# Plugin loading happens before any connection, so an empty stdin (no records to
# deliver) lets these run without a broker.

def produce_with_plugins(*extra, env=None):
    return skiff("produce", "--bootstrap-server", unused_bootstrap(), "--topic", "t", *extra, env=env)


@needs_skiff
def test_plugin_partitioner_is_loaded_and_configured():
    result = ok(produce_with_plugins("--partitioner", "fixed", "--plugin-path", TEST_PLUGINS / "good",
                                     "--partitioner-property", "fixed.partition=2"))
    assert b"[test-fixed-partitioner/partitioner] INFO fixed partition 2" in result.stderr


@needs_skiff
def test_plugin_path_from_environment():
    env = dict(os.environ, SKIFF_PLUGIN_PATH=str(TEST_PLUGINS / "good"))
    result = ok(produce_with_plugins("--partitioner", "fixed", env=env))
    assert b"fixed partition 0" in result.stderr  # the declared default


@needs_skiff
def test_plugin_with_other_abi_version_is_refused_naming_file_and_versions():
    result = produce_with_plugins("--partitioner", "fixed", "--plugin-path", TEST_PLUGINS / "wrong-abi")
    assert result.returncode == 1
    err = result.stderr.decode()
    assert str(TEST_PLUGINS / "wrong-abi" / "wrong_abi.so") in err
    abi = sdk_abi_version()
    assert f"ABI version {abi + 1000}" in err
    assert f"ABI version {abi}" in err


@needs_skiff
def test_unknown_partitioner_lists_available_ones():
    result = produce_with_plugins("--partitioner", "nope", "--plugin-path", TEST_PLUGINS / "good")
    assert result.returncode == 1
    assert b"no partitioner named 'nope'" in result.stderr
    assert b"available: fixed" in result.stderr


@needs_skiff
def test_partitioner_property_is_validated_against_the_plugins_declaration():
    result = produce_with_plugins("--partitioner", "fixed", "--plugin-path", TEST_PLUGINS / "good",
                                  "--partitioner-property", "fixed.partition=-1")
    assert result.returncode == 2
    assert b"fixed.partition=-1: is out of range" in result.stderr


@needs_skiff
def test_undeclared_partitioner_property_warns():
    result = ok(produce_with_plugins("--partitioner", "fixed", "--plugin-path", TEST_PLUGINS / "good",
                                     "--partitioner-property", "fixed.partiton=1"))
    assert b"declares property 'fixed.partiton'" in result.stderr


@needs_skiff
def test_missing_plugin_directory():
    result = produce_with_plugins("--partitioner", "fixed", "--plugin-path", "/nonexistent/skiff-plugins")
    assert result.returncode == 1
    assert b"/nonexistent/skiff-plugins does not exist" in result.stderr


@needs_skiff
@pytest.mark.parametrize("name", ["murmur2", "random"])
def test_builtin_partitioners_need_no_plugin(name):
    ok(produce_with_plugins("--partitioner", name))


# ---------------------------------------------------------------- against skiffd

def create_topic(broker, topic, partitions=1, *extra):
    result = ok(skiff("topics", "--bootstrap-server", broker.bootstrap, "--create", "--topic", topic,
                      "--partitions", partitions, "--replication-factor", 1, *extra))
    assert result.stdout == f"Created topic {topic}.\n".encode()


def produce(broker, topic, lines: bytes, *extra):
    return ok(skiff("produce", "--bootstrap-server", broker.bootstrap, "--topic", topic, *extra,
                    stdin=lines))


def consume(broker, topic, count, *extra) -> bytes:
    """Reads exactly `count` records (or whatever arrives before a 20 s lull)."""
    return ok(skiff("consume", "--bootstrap-server", broker.bootstrap, "--topic", topic,
                    "--max-messages", count, "--timeout-ms", 20000, *extra)).stdout


def describe(broker, topic):
    return ok(skiff("topics", "--bootstrap-server", broker.bootstrap, "--describe", "--topic", topic)).stdout.decode()


def topic_list(broker):
    return ok(skiff("topics", "--bootstrap-server", broker.bootstrap, "--list")).stdout.decode().split()


@needs_broker
def test_topic_create_list_describe_alter_delete(broker):
    create_topic(broker, "orders", 3, "--config", "retention.ms=12345")
    create_topic(broker, "audit", 1)
    assert topic_list(broker) == sorted(topic_list(broker))
    assert {"orders", "audit"} <= set(topic_list(broker))

    lines = describe(broker, "orders").splitlines()
    assert re.fullmatch(r"Topic: orders\tTopicId: \S+\tPartitionCount: 3\tReplicationFactor: 1\t"
                        r"Configs: (\S+=\S*,)*retention\.ms=12345(,\S+=\S*)*", lines[0]), lines[0]
    assert lines[1:] == [f"\tTopic: orders\tPartition: {p}\tLeader: 1\tReplicas: 1\tIsr: 1" for p in range(3)]

    again = skiff("topics", "--bootstrap-server", broker.bootstrap, "--create", "--topic", "orders",
                  "--partitions", 3, "--replication-factor", 1)
    assert again.returncode == 1
    assert b"orders" in again.stderr
    quiet = ok(skiff("topics", "--bootstrap-server", broker.bootstrap, "--create", "--topic", "orders",
                     "--partitions", 3, "--replication-factor", 1, "--if-not-exists"))
    assert quiet.stdout == b""

    ok(skiff("topics", "--bootstrap-server", broker.bootstrap, "--alter", "--topic", "orders", "--partitions", 5))
    assert "PartitionCount: 5" in describe(broker, "orders")
    assert len(describe(broker, "orders").splitlines()) == 6

    everything = ok(skiff("topics", "--bootstrap-server", broker.bootstrap, "--describe")).stdout.decode()
    assert re.search(r"^Topic: audit\t", everything, re.M) and re.search(r"^Topic: orders\t", everything, re.M)

    ok(skiff("topics", "--bootstrap-server", broker.bootstrap, "--delete", "--topic", "orders"))
    assert "orders" not in topic_list(broker)
    missing = skiff("topics", "--bootstrap-server", broker.bootstrap, "--describe", "--topic", "orders")
    assert missing.returncode == 1
    assert b"topic 'orders' does not exist" in missing.stderr
    ok(skiff("topics", "--bootstrap-server", broker.bootstrap, "--delete", "--topic", "orders", "--if-exists"))
    gone = skiff("topics", "--bootstrap-server", broker.bootstrap, "--delete", "--topic", "orders")
    assert gone.returncode == 1


@needs_broker
def test_configs_alter_and_describe_topic(broker):
    create_topic(broker, "cfg", 1)
    base = ["configs", "--bootstrap-server", broker.bootstrap, "--entity-type", "topics", "--entity-name", "cfg"]

    done = ok(skiff(*base, "--alter", "--add-config", "retention.ms=60000,cleanup.policy=[compact,delete]"))
    assert done.stdout == b"Completed updating config for topic cfg.\n"
    out = ok(skiff(*base, "--describe")).stdout.decode().splitlines()
    assert out[0] == "Dynamic configs for topic cfg are:"
    entries = {line.split("=", 1)[0].strip(): line for line in out[1:]}
    assert set(entries) == {"cleanup.policy", "retention.ms"}
    assert re.fullmatch(r"  retention\.ms=60000 sensitive=false synonyms=\{DYNAMIC_TOPIC_CONFIG:retention\.ms=60000.*\}",
                        entries["retention.ms"])
    assert entries["cleanup.policy"].startswith("  cleanup.policy=compact,delete sensitive=false")
    assert "retention.ms=60000" in describe(broker, "cfg").splitlines()[0]

    # The merged write keeps what --alter does not mention.
    ok(skiff(*base, "--alter", "--delete-config", "cleanup.policy", "--add-config", "max.message.bytes=2048"))
    out = ok(skiff(*base, "--describe")).stdout.decode()
    assert "  retention.ms=60000 " in out
    assert "  max.message.bytes=2048 " in out
    assert "cleanup.policy" not in out

    everything = ok(skiff(*base, "--describe", "--all")).stdout.decode().splitlines()
    assert everything[0] == "All configs for topic cfg are:"
    assert any(line.startswith("  segment.bytes=") for line in everything)

    unset = skiff(*base, "--alter", "--delete-config", "segment.ms")
    assert unset.returncode == 1
    assert b"Invalid config(s): segment.ms" in unset.stderr


@needs_broker
def test_configs_describe_broker(broker):
    base = ["configs", "--bootstrap-server", broker.bootstrap, "--entity-type", "brokers", "--entity-name", "1"]
    assert ok(skiff(*base, "--describe")).stdout.decode().startswith("Dynamic configs for broker 1 are:\n")
    everything = ok(skiff(*base, "--describe", "--all")).stdout.decode()
    assert everything.startswith("All configs for broker 1 are:\n")
    assert re.search(r"^  log\.dirs=\S+ sensitive=false synonyms=\{", everything, re.M)


@needs_broker
def test_keyed_lines_come_back_byte_identical(broker):
    create_topic(broker, "lines", 1)
    lines = (b"k1:hello\n"
             b"k2:w\xc3\xb6rld with  spaces\tand a tab\n"
             b"k3:\n"                         # empty value, not null
             b":empty key\n"
             b"k5:value:with:separators\n"
             b"k6:\xff\xfe not utf-8\n")
    produce(broker, "lines", lines, "--property", "parse.key=true", "--property", "key.separator=:")
    out = consume(broker, "lines", 6, "--from-beginning",
                  "--property", "print.key=true", "--property", "key.separator=:")
    assert out == lines


@needs_broker
def test_values_only_and_null_marker(broker):
    create_topic(broker, "values", 1)
    produce(broker, "values", b"first\nNULL\nlast", "--property", "null.marker=NULL")
    assert consume(broker, "values", 3, "--from-beginning") == b"first\nnull\nlast\n"


@needs_broker
def test_headers_timestamps_offsets_partitions_are_printed(broker):
    create_topic(broker, "hdrs", 1)
    produce(broker, "hdrs", b"h1:v1,h2:v2\tk\tv\n\tk2\tv2\n",
            "--property", "parse.headers=true", "--property", "parse.key=true")
    out = consume(broker, "hdrs", 2, "--from-beginning", "--property", "print.headers=true",
                  "--property", "print.key=true", "--property", "print.offset=true",
                  "--property", "print.partition=true", "--property", "print.timestamp=true")
    first, second = out.decode().splitlines()
    assert re.fullmatch(r"CreateTime:\d{13}\tPartition:0\tOffset:0\th1:v1,h2:v2\tk\tv", first), first
    assert re.fullmatch(r"CreateTime:\d{13}\tPartition:0\tOffset:1\tNO_HEADERS\tk2\tv2", second), second


@needs_broker
def test_keyed_records_land_where_java_murmur2_puts_them(broker):
    partitions = 6
    create_topic(broker, "hashed", partitions)
    keys = [f"key-{i}".encode() for i in range(60)] + [b"", b"\xe2\x82\xac", b"a much longer key than four bytes"]
    lines = b"".join(k + b"\t" + b"value-" + str(i).encode() + b"\n" for i, k in enumerate(keys))
    produce(broker, "hashed", lines, "--property", "parse.key=true")
    out = consume(broker, "hashed", len(keys), "--from-beginning",
                  "--property", "print.partition=true", "--property", "print.key=true")
    seen = {}
    for line in out.splitlines():
        partition, key, _value = line.split(b"\t")
        seen[key] = int(partition.removeprefix(b"Partition:"))
    assert len(seen) == len(keys)
    for key in keys:
        assert seen[key] == java_partition(key, partitions), key
    assert len(set(seen.values())) > 1  # the keys really spread out


@needs_broker
@pytest.mark.parametrize("compression", COMPRESSIONS)
def test_each_compression_type_round_trips(broker, compression):
    topic = f"compressed-{compression}"
    create_topic(broker, topic, 1)
    # Repetitive enough that every codec really compresses.
    lines = b"".join(b"record %d %s\n" % (i, b"abc" * (i % 50)) for i in range(500))
    produce(broker, topic, lines, "--compression-type", compression)
    assert consume(broker, topic, 500, "--from-beginning") == lines


@needs_broker
@pytest.mark.parametrize("acks", ["0", "1", "all"])
def test_acks(broker, acks):
    topic = f"acks-{acks}"
    create_topic(broker, topic, 1)
    produce(broker, topic, b"a\nb\n", "--acks", acks)
    assert consume(broker, topic, 2, "--from-beginning") == b"a\nb\n"


@needs_broker
def test_explicit_partition_and_start_offset(broker):
    create_topic(broker, "placed", 3)
    produce(broker, "placed", b"".join(b"m%d\n" % i for i in range(5)), "--partition", 1)
    assert consume(broker, "placed", 5, "--partition", 1, "--offset", "earliest") == b"m0\nm1\nm2\nm3\nm4\n"
    out = consume(broker, "placed", 2, "--partition", 1, "--offset", 3, "--property", "print.offset=true")
    assert out == b"Offset:3\tm3\nOffset:4\tm4\n"
    empty = ok(skiff("consume", "--bootstrap-server", broker.bootstrap, "--topic", "placed",
                     "--partition", 0, "--offset", "earliest", "--timeout-ms", 1500))
    assert empty.stdout == b""
    assert b"Processed a total of 0 messages" in empty.stderr


@needs_broker
def test_plugin_partitioner_places_every_record(broker):
    create_topic(broker, "by-plugin", 3)
    produce(broker, "by-plugin", b"k1:a\nk2:b\nk3:c\n", "--property", "parse.key=true", "--property", "key.separator=:",
            "--partitioner", "fixed", "--plugin-path", TEST_PLUGINS / "good",
            "--partitioner-property", "fixed.partition=2")
    assert consume(broker, "by-plugin", 3, "--partition", 2, "--offset", "earliest") == b"a\nb\nc\n"


@needs_broker
def test_plugin_partitioner_out_of_range_fails_the_records(broker):
    create_topic(broker, "too-few", 2)
    result = skiff("produce", "--bootstrap-server", broker.bootstrap, "--topic", "too-few",
                   "--partitioner", "fixed", "--plugin-path", TEST_PLUGINS / "good",
                   "--partitioner-property", "fixed.partition=5", stdin=b"x\n")
    assert result.returncode == 1
    assert b"returned partition 5 of 2" in result.stderr
    assert b"1 of 1 records were not delivered" in result.stderr


@needs_broker
def test_produce_to_missing_partition_exits_non_zero(broker):
    create_topic(broker, "one", 1)
    result = skiff("produce", "--bootstrap-server", broker.bootstrap, "--topic", "one", "--partition", 7,
                   stdin=b"lost\n")
    assert result.returncode == 1
    assert b"record from line 1 failed" in result.stderr


@needs_broker
def test_group_consumption_resumes_from_committed_offsets(broker):
    create_topic(broker, "grouped", 2)
    produce(broker, "grouped", b"k1:a\nk2:b\nk3:c\nk4:d\n", "--property", "parse.key=true",
            "--property", "key.separator=:")
    first = consume(broker, "grouped", 4, "--group", "readers", "--from-beginning")
    assert sorted(first.splitlines()) == [b"a", b"b", b"c", b"d"]
    produce(broker, "grouped", b"k5:e\n", "--property", "parse.key=true", "--property", "key.separator=:")
    # The group committed its position on close: only the new record is left.
    assert consume(broker, "grouped", 1, "--group", "readers", "--from-beginning") == b"e\n"


@needs_broker
def test_consume_missing_topic_fails(broker):
    result = skiff("consume", "--bootstrap-server", broker.bootstrap, "--topic", "nowhere", "--timeout-ms", 1000)
    assert result.returncode == 1
    assert b"topic 'nowhere' does not exist" in result.stderr
