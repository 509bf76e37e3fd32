// kafkajs admin client: `node admin.js <bootstrap> <command> [args...]` prints one JSON
// line with the command's result.
//   create <topic> <partitions> [configEntriesJSON]   -> {created}
//   list                                                 -> {topics}
//   metadata <topic>...                                  -> fetchTopicMetadata result
//   offsets <topic>                                      -> fetchTopicOffsets result
//   offsets-by-ts <topic> <timestampMs>                  -> fetchTopicOffsetsByTimestamp
//   delete <topic>...                                    -> {deleted}
//   group-offsets <groupId> <topic>                      -> fetchOffsets result
//   groups                                               -> listGroups result
//   describe-groups <groupId>...                         -> describeGroups result
//   topic-configs <topic> <name>...                      -> {name: value}
'use strict';

const { ConfigResourceTypes } = require('kafkajs');
const { kafka, run } = require('./common');

run(async ([bootstrap, command, ...args]) => {
  const admin = kafka(bootstrap, 'skiff-kafkajs-admin').admin();
  await admin.connect();
  try {
    switch (command) {
      case 'create': {
        const [topic, partitions, configs] = args;
        const configEntries = configs
          ? Object.entries(JSON.parse(configs)).map(([name, value]) => ({ name, value }))
          : [];
        const created = await admin.createTopics({
          topics: [{ topic, numPartitions: Number(partitions), replicationFactor: 1, configEntries }],
          waitForLeaders: true,
          timeout: 10000,
        });
        return { created };
      }
      case 'list':
        return { topics: (await admin.listTopics()).sort() };
      case 'metadata':
        return await admin.fetchTopicMetadata({ topics: args });
      case 'offsets':
        return await admin.fetchTopicOffsets(args[0]);
      case 'offsets-by-ts':
        return await admin.fetchTopicOffsetsByTimestamp(args[0], Number(args[1]));
      case 'delete':
        await admin.deleteTopics({ topics: args, timeout: 10000 });
        return { deleted: args };
      case 'group-offsets':
        return await admin.fetchOffsets({ groupId: args[0], topics: [args[1]] });
      case 'groups':
        return await admin.listGroups();
      case 'describe-groups':
        return await admin.describeGroups(args);
      case 'topic-configs': {
        const [topic, ...configNames] = args;
        const described = await admin.describeConfigs({
          includeSynonyms: false,
          resources: [{ type: ConfigResourceTypes.TOPIC, name: topic, configNames }],
        });
        const out = {};
        for (const entry of described.resources[0].configEntries) out[entry.configName] = entry.configValue;
        return out;
      }
      default:
        throw new Error(`unknown command ${command}`);
    }
  } finally {
    await admin.disconnect();
  }
});
