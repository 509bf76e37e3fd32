// kafkajs group consumer: `node consume.js <bootstrap> <groupId> <topic> <count> [timeoutMs]`
// subscribes from the beginning, reads until <count> messages arrived (or the timeout),
// commits, leaves the group and prints {"messages": [...], "timedOut": bool, "events": [...]}
// with keys, values and header values as hex.
'use strict';

const { kafka, run, toHex, headersToHex } = require('./common');

run(async ([bootstrap, groupId, topic, countArg, timeoutArg]) => {
  const count = Number(countArg);
  const timeoutMs = Number(timeoutArg || 30000);
  const consumer = kafka(bootstrap, 'skiff-kafkajs-consumer').consumer({
    groupId,
    sessionTimeout: 10000,
    rebalanceTimeout: 10000,
    heartbeatInterval: 1000,
    maxWaitTimeInMs: 500,
  });
  const events = [];
  consumer.on(consumer.events.GROUP_JOIN, (e) => events.push({
    type: 'group_join',
    groupId: e.payload.groupId,
    isLeader: e.payload.isLeader,
    memberAssignment: e.payload.memberAssignment,
  }));
  consumer.on(consumer.events.CRASH, (e) => events.push({
    type: 'crash', error: String(e.payload.error), restart: e.payload.restart,
  }));
  const messages = [];
  await consumer.connect();
  let timedOut = false;
  try {
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    await new Promise((resolve) => {
      const timer = setTimeout(() => { timedOut = true; resolve(); }, timeoutMs);
      consumer.run({
        autoCommit: true,
        eachMessage: async ({ topic: t, partition, message }) => {
          messages.push({
            topic: t,
            partition,
            offset: message.offset,
            timestamp: message.timestamp,
            key: toHex(message.key),
            value: toHex(message.value),
            headers: headersToHex(message.headers),
          });
          if (messages.length >= count) { clearTimeout(timer); resolve(); }
        },
      }).catch((err) => { events.push({ type: 'run_error', error: String(err) }); });
    });
  } finally {
    await consumer.disconnect(); // commits the resolved offsets, then LeaveGroup
  }
  return { messages, timedOut, events };
});
