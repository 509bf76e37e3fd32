// kafkajs producer: `node produce.js <bootstrap> <spec>` where spec is JSON (or @file)
//   {"topic": t, "acks": -1|0|1, "compression": "none|gzip|snappy|lz4|zstd",
//    "idempotent": bool, "batches": [[{"key": hex|null, "value": hex|null,
//    "headers": {name: hex}, "timestamp": "ms", "partition": n}, ...], ...]}
// Each batch is one producer.send(); prints {"results": [RecordMetadata[] per send]}.
'use strict';

const fs = require('fs');
const { kafka, run, COMPRESSION, codecs, fromHex, headersFromHex } = require('./common');

run(async ([bootstrap, specArg]) => {
  const spec = JSON.parse(specArg.startsWith('@') ? fs.readFileSync(specArg.slice(1), 'utf8') : specArg);
  const compressionName = spec.compression || 'none';
  if (compressionName !== 'none' && !codecs[compressionName]) {
    throw new Error(`codec ${compressionName} is not installed`);
  }
  const producer = kafka(bootstrap, 'skiff-kafkajs-producer').producer({
    idempotent: !!spec.idempotent,
    maxInFlightRequests: spec.idempotent ? 1 : undefined,
    allowAutoTopicCreation: !!spec.autoCreate,
  });
  await producer.connect();
  const results = [];
  try {
    for (const batch of spec.batches) {
      const messages = batch.map((m) => {
        const msg = { key: fromHex(m.key), value: fromHex(m.value) };
        if (m.headers) msg.headers = headersFromHex(m.headers);
        if (m.timestamp !== undefined) msg.timestamp = String(m.timestamp);
        if (m.partition !== undefined) msg.partition = m.partition;
        return msg;
      });
      results.push(await producer.send({
        topic: spec.topic,
        acks: spec.acks === undefined ? -1 : spec.acks,
        compression: COMPRESSION[compressionName],
        timeout: 10000,
        messages,
      }));
    }
  } finally {
    await producer.disconnect();
  }
  return { results };
});
