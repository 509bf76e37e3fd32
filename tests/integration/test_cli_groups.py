"""`skiff groups` (kafka-consumer-groups.sh): list, describe with lag, reset offsets,
delete offsets and delete groups against a real skiffd. Offsets are committed by
`skiff consume --group`, which commits what it consumed when it leaves the group."""
import subprocess
import time

from test_cli import SKIFF, create_topic, needs_broker, needs_skiff, ok, produce, skiff


def groups(broker, *args):
    return ok(skiff("groups", "--bootstrap-server", broker.bootstrap, *args)).stdout.decode()


def consume_group(broker, topic, group, count):
    return ok(skiff("consume", "--bootstrap-server", broker.bootstrap, "--topic", topic, "--group", group,
                    "--from-beginning", "--max-messages", count, "--timeout-ms", 20000)).stdout.decode().split()


def offset_rows(broker, group):
    """{(topic, partition): (current, log_end, lag)} from --describe."""
    out = groups(broker, "--describe", "--group", group)
    rows = {}
    for line in out.splitlines():
        cols = line.split()
        if len(cols) == 9 and cols[0] == group:
            rows[(cols[1], int(cols[2]))] = (cols[3], cols[4], cols[5])
    return rows


def new_offsets(out):
    return {int(c[2]): int(c[3]) for c in (l.split() for l in out.splitlines()) if len(c) == 4 and c[2].isdigit()}


def setup_group(broker, topic="events", group="readers", produced=10, consumed=4):
    create_topic(broker, topic, 1)
    produce(broker, topic, b"".join(b"m%d\n" % i for i in range(produced)))
    assert consume_group(broker, topic, group, consumed) == [f"m{i}" for i in range(consumed)]


@needs_skiff
def test_groups_help_and_usage():
    result = skiff("groups", "--help")
    assert result.returncode == 0 and b"--reset-offsets" in result.stdout
    result = skiff("groups", "--bootstrap-server", "127.0.0.1:1", "--describe")
    assert result.returncode == 2 and b"--group" in result.stderr


@needs_broker
def test_list_and_describe_show_committed_offsets_and_lag(broker):
    setup_group(broker)
    assert "readers" in groups(broker, "--list").split()
    out = groups(broker, "--describe", "--group", "readers")
    header = out.splitlines()[2].split()
    assert header == ["GROUP", "TOPIC", "PARTITION", "CURRENT-OFFSET", "LOG-END-OFFSET", "LAG",
                      "CONSUMER-ID", "HOST", "CLIENT-ID"]
    assert offset_rows(broker, "readers") == {("events", 0): ("4", "10", "6")}
    state = groups(broker, "--describe", "--group", "readers", "--state").splitlines()
    assert state[1].split()[0] == "readers" and "Empty" in state[1].split()
    assert groups(broker, "--describe", "--group", "readers", "--members").splitlines()[0].split()[:2] == [
        "GROUP", "CONSUMER-ID"]


@needs_broker
def test_reset_offsets_dry_run_and_execute(broker):
    setup_group(broker)
    base = ("--reset-offsets", "--group", "readers", "--topic", "events")
    # Dry run (the default) prints the plan and changes nothing.
    assert new_offsets(groups(broker, *base, "--to-earliest")) == {0: 0}
    assert new_offsets(groups(broker, *base, "--to-latest", "--dry-run")) == {0: 10}
    assert new_offsets(groups(broker, *base, "--to-offset", "99")) == {0: 10}
    assert offset_rows(broker, "readers")[("events", 0)] == ("4", "10", "6")

    assert new_offsets(groups(broker, *base, "--to-earliest", "--execute")) == {0: 0}
    assert offset_rows(broker, "readers")[("events", 0)] == ("0", "10", "10")
    assert consume_group(broker, "events", "readers", 2) == ["m0", "m1"]

    assert new_offsets(groups(broker, "--reset-offsets", "--group", "readers", "--topic", "events:0",
                              "--to-offset", "7", "--execute")) == {0: 7}
    assert offset_rows(broker, "readers")[("events", 0)] == ("7", "10", "3")

    assert new_offsets(groups(broker, *base, "--shift-by", "-2", "--execute")) == {0: 5}
    assert offset_rows(broker, "readers")[("events", 0)] == ("5", "10", "5")
    assert consume_group(broker, "events", "readers", 1) == ["m5"]
    assert offset_rows(broker, "readers")[("events", 0)] == ("6", "10", "4")


@needs_broker
def test_reset_offsets_to_datetime(broker):
    setup_group(broker)
    base = ("--reset-offsets", "--group", "readers", "--topic", "events")
    assert new_offsets(groups(broker, *base, "--to-datetime", "2000-01-01T00:00:00.000")) == {0: 0}
    assert new_offsets(groups(broker, *base, "--to-datetime", "2999-01-01T00:00:00Z")) == {0: 10}


@needs_broker
def test_delete_offsets_and_delete_group(broker):
    setup_group(broker)
    out = groups(broker, "--delete-offsets", "--group", "readers", "--topic", "events")
    assert "Successful" in out
    assert offset_rows(broker, "readers") == {}
    out = groups(broker, "--delete", "--group", "readers")
    assert "readers" in out and "successful" in out
    assert "readers" not in groups(broker, "--list").split()
    failed = skiff("groups", "--bootstrap-server", broker.bootstrap, "--describe", "--group", "readers")
    # A deleted group is described as Dead with no offsets (as Kafka does), or refused.
    assert failed.returncode != 0 or offset_rows(broker, "readers") == {}


@needs_broker
def test_active_group_shows_members_and_refuses_reset(broker):
    setup_group(broker)
    reader = subprocess.Popen([str(SKIFF), "consume", "--bootstrap-server", broker.bootstrap, "--topic", "events",
                               "--group", "readers", "--timeout-ms", "30000"], stdout=subprocess.PIPE)
    try:
        deadline = time.time() + 30
        while "Stable" not in groups(broker, "--describe", "--group", "readers", "--state"):
            assert time.time() < deadline, "the group never became Stable"
            time.sleep(0.5)
        members = groups(broker, "--describe", "--group", "readers", "--members").splitlines()
        assert len(members) == 2 and members[1].split()[-1] == "events:0"
        rows = [l.split() for l in groups(broker, "--describe", "--group", "readers").splitlines()[3:]]
        assert rows[0][1:3] == ["events", "0"] and rows[0][6].startswith("rdkafka")
        refused = skiff("groups", "--bootstrap-server", broker.bootstrap, "--reset-offsets", "--group", "readers",
                        "--topic", "events", "--to-earliest", "--execute")
        assert refused.returncode == 1 and b"inactive" in refused.stderr
    finally:
        reader.terminate()
        reader.wait(timeout=30)
