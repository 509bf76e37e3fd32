// Shared helpers for the kafkajs scripts driven by tests/integration/test_kafkajs.py:
// client construction, compression codecs, byte encodings and the JSON result line.
'use strict';

const { Kafka, CompressionTypes, CompressionCodecs, logLevel } = require('kafkajs');

// Pure-JS codecs only (no native builds or prebuilt downloads): gzip is built into
// kafkajs; snappy via kafkajs-snappy (snappyjs); LZ4 frames via lz4js; zstd via
// zstd-codec (emscripten build, bundled in the package).
const codecs = { gzip: true };

try {
  const SnappyCodec = require('kafkajs-snappy');
  CompressionCodecs[CompressionTypes.Snappy] = SnappyCodec;
  codecs.snappy = true;
} catch (e) { /* not installed */ }

try {
  const lz4 = require('lz4js');
  CompressionCodecs[CompressionTypes.LZ4] = () => ({
    async compress(encoder) { return Buffer.from(lz4.compress(encoder.buffer)); },
    async decompress(buffer) { return Buffer.from(lz4.decompress(buffer)); },
  });
  codecs.lz4 = true;
} catch (e) { /* not installed */ }

try {
  const { ZstdCodec } = require('zstd-codec');
  let zstdReady = null;
  const zstd = () => {
    if (!zstdReady) zstdReady = new Promise((resolve) => ZstdCodec.run(resolve));
    return zstdReady;
  };
  CompressionCodecs[CompressionTypes.ZSTD] = () => ({
    async compress(encoder) {
      const z = await zstd();
      return Buffer.from(new z.Simple().compress(encoder.buffer, 3));
    },
    async decompress(buffer) {
      // Streaming handles frames without a content size (librdkafka writes those).
      const z = await zstd();
      return Buffer.from(new z.Streaming().decompress(buffer));
    },
  });
  codecs.zstd = true;
} catch (e) { /* not installed */ }

const COMPRESSION = {
  none: CompressionTypes.None,
  gzip: CompressionTypes.GZIP,
  snappy: CompressionTypes.Snappy,
  lz4: CompressionTypes.LZ4,
  zstd: CompressionTypes.ZSTD,
};

function kafka(bootstrap, clientId) {
  return new Kafka({
    clientId: clientId || 'skiff-kafkajs-test',
    brokers: [bootstrap],
    logLevel: process.env.KAFKAJS_DEBUG ? logLevel.DEBUG : logLevel.ERROR,
    connectionTimeout: 5000,
    requestTimeout: 15000,
    retry: { retries: 3, initialRetryTime: 200 },
  });
}

// Bytes travel through JSON as hex; null stays null.
const fromHex = (h) => (h === null || h === undefined ? h : Buffer.from(h, 'hex'));
const toHex = (b) => (b === null || b === undefined ? null : Buffer.from(b).toString('hex'));

function headersFromHex(h) {
  if (!h) return undefined;
  const out = {};
  for (const [k, v] of Object.entries(h)) out[k] = fromHex(v);
  return out;
}

function headersToHex(h) {
  const out = {};
  for (const [k, v] of Object.entries(h || {})) {
    out[k] = Array.isArray(v) ? v.map(toHex) : toHex(v);
  }
  return out;
}

// Runs main(args), prints its result as one JSON line on stdout and exits 0; on an
// exception prints {"error": ...} and exits 1. Exits only once stdout is flushed (writes
// to a pipe are asynchronous; process.exit() alone would cut long results short).
function run(main) {
  const finish = (doc, code) => {
    process.stdout.write(`${JSON.stringify(doc)}\n`, () => process.exit(code));
    // Once (in CI) the whole line was read by the test but the write callback never
    // came and node lived on until the test's timeout: exit regardless, after the
    // pipe has had ample time to drain.
    setTimeout(() => process.exit(code), 2000);
  };
  main(process.argv.slice(2)).then(
    (result) => finish(result, 0),
    (err) => finish({
      error: String(err && err.message ? err.message : err),
      name: err && err.name,
      type: err && err.type,
      stack: err && err.stack,
    }, 1),
  );
}

module.exports = {
  kafka, codecs, COMPRESSION, fromHex, toHex, headersFromHex, headersToHex, run,
};
