"""Consumer groups from kcat (`kcat -G`, librdkafka's balanced consumer) and from
kafkajs (two consumers sharing a topic) against a real skiffd."""
import json
import shutil
import subprocess
from pathlib import Path

import pytest

from broker_process import Broker

JS_DIR = Path(__file__).resolve().parent / "js"
NODE = shutil.which("node") or "node"


@pytest.fixture
def group_broker(tmp_path):
    b = Broker(tmp_path / "broker", extra={"group.initial.rebalance.delay.ms": "0",
                                           "group.min.session.timeout.ms": "1000"}).start()
    yield b
    code = b.stop()
    assert code == 0, f"skiffd exited with {code} on SIGTERM:\n{b.log()}"


def create_topic(broker, name, partitions):
    from kafka.admin import KafkaAdminClient, NewTopic
    admin = KafkaAdminClient(bootstrap_servers=broker.bootstrap)
    try:
        admin.create_topics([NewTopic(name, partitions, 1)])
    finally:
        admin.close()


def produce(broker, topic, start, count, partitions):
    from kafka import KafkaProducer
    producer = KafkaProducer(bootstrap_servers=broker.bootstrap, acks="all")
    for i in range(start, start + count):
        producer.send(topic, value=f"m-{i}".encode(), partition=i % partitions)
    producer.flush()
    producer.close()
    return [f"m-{i}" for i in range(start, start + count)]


def committed(broker, group):
    from kafka.admin import KafkaAdminClient
    admin = KafkaAdminClient(bootstrap_servers=broker.bootstrap)
    try:
        return {tp.partition: om.offset for tp, om in admin.list_consumer_group_offsets(group).items()}
    finally:
        admin.close()


def kcat_group(broker, group, topic, count):
    out = subprocess.run(["kcat", "-b", broker.bootstrap, "-G", group, topic, "-c", str(count),
                          "-f", "%s\n", "-q", "-X", "auto.offset.reset=earliest",
                          "-X", "session.timeout.ms=6000"],
                         capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, f"{out.stderr}\nbroker log:\n{broker.log()}"
    return out.stdout.split()


def test_kcat_balanced_consumer_commits_and_resumes(group_broker):
    broker = group_broker
    create_topic(broker, "kc", 3)
    first = produce(broker, "kc", 0, 30, 3)
    assert sorted(kcat_group(broker, "kgroup", "kc", 30)) == sorted(first)
    assert committed(broker, "kgroup") == {0: 10, 1: 10, 2: 10}
    later = produce(broker, "kc", 30, 6, 3)
    assert sorted(kcat_group(broker, "kgroup", "kc", 6)) == sorted(later)


KAFKAJS_TWO_CONSUMERS = r"""
const { Kafka, logLevel } = require('kafkajs');
const [bootstrap, topic, group, count, partitions] = process.argv.slice(1);
(async () => {
  const kafka = new Kafka({ clientId: 'groups-test', brokers: [bootstrap], logLevel: logLevel.NOTHING });
  const seen = [];
  const joins = {};
  const start = async (name) => {
    const c = kafka.consumer({ groupId: group, sessionTimeout: 10000, rebalanceTimeout: 10000,
                               heartbeatInterval: 500, maxWaitTimeInMs: 200 });
    c.on(c.events.GROUP_JOIN, (e) => { joins[name] = e.payload.memberAssignment[topic] || []; });
    await c.connect();
    await c.subscribe({ topic, fromBeginning: true });
    await c.run({ eachMessage: async ({ message }) => { seen.push(message.value.toString()); } });
    return c;
  };
  const a = await start('a');
  const b = await start('b');
  const split = () => joins.a && joins.b && joins.a.length + joins.b.length === Number(partitions)
    && joins.a.length === joins.b.length;
  const deadline = Date.now() + 60000;
  while (Date.now() < deadline && !(split() && new Set(seen).size >= Number(count))) {
    await new Promise((r) => setTimeout(r, 200));
  }
  const settled = JSON.parse(JSON.stringify(joins));  // before leaving rebalances the other
  await a.disconnect();
  await b.disconnect();
  console.log(JSON.stringify({ seen, joins: settled }));
})().catch((e) => { console.log(JSON.stringify({ error: String(e) })); process.exit(1); });
"""


@pytest.mark.skipif(not (JS_DIR / "node_modules" / "kafkajs").is_dir(),
                    reason="tests/integration/js/node_modules is missing: run `npm ci` there")
def test_kafkajs_consumers_share_a_topic(group_broker):
    broker = group_broker
    create_topic(broker, "js-shared", 4)
    produced = produce(broker, "js-shared", 0, 40, 4)
    out = subprocess.run([NODE, "-e", KAFKAJS_TWO_CONSUMERS, broker.bootstrap, "js-shared", "js-group",
                          "40", "4"], cwd=JS_DIR, capture_output=True, text=True, timeout=120)
    lines = [ln for ln in out.stdout.splitlines() if ln.strip()]
    assert out.returncode == 0 and lines, f"{out.stdout}\n{out.stderr}\nbroker log:\n{broker.log()}"
    result = json.loads(lines[-1])
    assert sorted(result["joins"]["a"] + result["joins"]["b"]) == [0, 1, 2, 3], result["joins"]
    assert set(produced) <= set(result["seen"])
