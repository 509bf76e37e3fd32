// Connects kafkajs with TLS and/or SASL as described by a JSON spec argument
// ({brokers, ssl: {ca, cert, key} | null, sasl: {mechanism, username, password,
// token}}), lists topics and produces one record; prints {"ok": true} or
// {"ok": false, "error": "...", "type": "..."}. Driven by test_security_kafkajs.py.
'use strict';

const fs = require('fs');
const { Kafka, logLevel } = require('kafkajs');

async function main() {
  const spec = JSON.parse(process.argv[2]);
  const config = { clientId: 'skiff-secure-test', brokers: spec.brokers, logLevel: logLevel.NOTHING,
    connectionTimeout: 5000, authenticationTimeout: 5000, retry: { retries: 0 } };
  if (spec.ssl) {
    config.ssl = { ca: [fs.readFileSync(spec.ssl.ca, 'utf-8')] };
    if (spec.ssl.cert) {
      config.ssl.cert = fs.readFileSync(spec.ssl.cert, 'utf-8');
      config.ssl.key = fs.readFileSync(spec.ssl.key, 'utf-8');
    }
  }
  if (spec.sasl) {
    const s = spec.sasl;
    config.sasl = s.mechanism === 'oauthbearer'
      ? { mechanism: 'oauthbearer', oauthBearerProvider: async () => ({ value: s.token }) }
      : { mechanism: s.mechanism, username: s.username, password: s.password };
  }
  const kafka = new Kafka(config);
  const admin = kafka.admin();
  const producer = kafka.producer();
  try {
    await admin.connect();
    await admin.listTopics();
    await producer.connect();
    await producer.send({ topic: spec.topic || 'kafkajs-secure', messages: [{ value: 'v' }] });
    console.log(JSON.stringify({ ok: true }));
  } catch (e) {
    console.log(JSON.stringify({ ok: false, error: String(e.message), type: e.name }));
  } finally {
    await producer.disconnect().catch(() => {});
    await admin.disconnect().catch(() => {});
  }
}

main().catch((e) => { console.log(JSON.stringify({ ok: false, error: String(e) })); process.exit(1); });
