"""A minimal raw Kafka protocol client for data-path tests: RecordBatch v2 encoding
with CRC-32C, request framing (flexible and not), and encoders/decoders for the few
requests the Python clients cannot send the way a test needs (replayed idempotent
batches, corrupt CRCs, fetch sessions, topic ids, special ListOffsets timestamps)."""
import gzip
import socket
import struct
import time

# --- CRC-32C (Castagnoli), as RecordBatch v2 uses ----------------------------------

_CRC_TABLE = []
for _i in range(256):
    _c = _i
    for _ in range(8):
        _c = (_c >> 1) ^ 0x82F63B78 if _c & 1 else _c >> 1
    _CRC_TABLE.append(_c)


def crc32c(data: bytes) -> int:
    crc = 0xFFFFFFFF
    for b in data:
        crc = (crc >> 8) ^ _CRC_TABLE[(crc ^ b) & 0xFF]
    return crc ^ 0xFFFFFFFF


# --- varints ---------------------------------------------------------------------

def zigzag_varint(v: int) -> bytes:
    z = (v << 1) ^ (v >> 63)
    out = bytearray()
    while True:
        b = z & 0x7F
        z >>= 7
        if z:
            out.append(b | 0x80)
        else:
            out.append(b)
            return bytes(out)


def uvarint(v: int) -> bytes:
    out = bytearray()
    while True:
        b = v & 0x7F
        v >>= 7
        if v:
            out.append(b | 0x80)
        else:
            out.append(b)
            return bytes(out)


def _nullable(b):
    if b is None:
        return zigzag_varint(-1)
    return zigzag_varint(len(b)) + b


# --- RecordBatch v2 --------------------------------------------------------------

def record_batch(records, producer_id=-1, producer_epoch=-1, base_sequence=-1,
                 base_timestamp=None, transactional=False, base_offset=0, gzipped=False,
                 records_count=None) -> bytes:
    """records: list of (key, value) or (key, value, headers[(k, v)]) tuples of bytes/None.
    gzipped: compress the records with gzip (codec 1). records_count: the recordsCount
    (and lastOffsetDelta) to claim instead of the true one, as a lying producer would."""
    if base_timestamp is None:
        base_timestamp = int(time.time() * 1000)
    body = bytearray()
    for i, rec in enumerate(records):
        key, value = rec[0], rec[1]
        headers = rec[2] if len(rec) > 2 else []
        r = bytearray(b"\x00")  # attributes
        r += zigzag_varint(0)    # timestamp delta
        r += zigzag_varint(i)    # offset delta
        r += _nullable(key) + _nullable(value)
        r += zigzag_varint(len(headers))
        for hk, hv in headers:
            r += zigzag_varint(len(hk)) + hk + _nullable(hv)
        body += zigzag_varint(len(r)) + r
    attributes = 0x10 if transactional else 0
    if gzipped:
        attributes |= 1
        body = gzip.compress(bytes(body))
    count = len(records) if records_count is None else records_count
    after_crc = struct.pack(">hiqqqhii", attributes, count - 1, base_timestamp,
                            base_timestamp, producer_id, producer_epoch, base_sequence,
                            count) + bytes(body)
    crc = crc32c(after_crc)
    batch_length = 4 + 1 + 4 + len(after_crc)  # partitionLeaderEpoch, magic, crc, rest
    return struct.pack(">qiibI", base_offset, batch_length, -1, 2, crc) + after_crc


def parse_batches(data: bytes):
    """Yields (base_offset, producer_id, base_sequence, [(key, value)]) of uncompressed batches."""
    pos = 0
    while pos + 61 <= len(data):
        base_offset, length = struct.unpack_from(">qi", data, pos)
        end = pos + 12 + length
        if end > len(data):
            break
        attributes, _last_delta, _bts, _mts, pid, _epoch, seq, count = struct.unpack_from(
            ">hiqqqhii", data, pos + 21)
        assert attributes & 0x07 == 0, "compressed batches are not parsed here"
        records = []
        p = pos + 61
        for _ in range(count):
            length_r, p = _read_varint(data, p)
            rec_end = p + length_r
            p += 1  # attributes
            _, p = _read_varint(data, p)  # timestamp delta
            _, p = _read_varint(data, p)  # offset delta
            klen, p = _read_varint(data, p)
            key = None if klen < 0 else data[p:p + klen]
            p += max(klen, 0)
            vlen, p = _read_varint(data, p)
            value = None if vlen < 0 else data[p:p + vlen]
            p = rec_end
            records.append((key, value))
        yield base_offset, pid, seq, records
        pos = end


def _read_varint(data, p):
    shift = 0
    z = 0
    while True:
        b = data[p]
        p += 1
        z |= (b & 0x7F) << shift
        shift += 7
        if not b & 0x80:
            break
    return (z >> 1) ^ -(z & 1), p


# --- request encoding ----------------------------------------------------------------

class Writer:
    def __init__(self, flexible=False):
        self.flexible = flexible
        self.buf = bytearray()

    def int8(self, v): self.buf += struct.pack(">b", v); return self
    def int16(self, v): self.buf += struct.pack(">h", v); return self
    def int32(self, v): self.buf += struct.pack(">i", v); return self
    def int64(self, v): self.buf += struct.pack(">q", v); return self
    def uuid(self, v: bytes): self.buf += v; return self
    def raw(self, b): self.buf += b; return self

    def string(self, s):
        if s is None:
            return self.raw(uvarint(0)) if self.flexible else self.int16(-1)
        data = s.encode()
        self.raw(uvarint(len(data) + 1)) if self.flexible else self.int16(len(data))
        return self.raw(data)

    def bytes_(self, b):
        if b is None:
            return self.raw(uvarint(0)) if self.flexible else self.int32(-1)
        self.raw(uvarint(len(b) + 1)) if self.flexible else self.int32(len(b))
        return self.raw(b)

    def array(self, items, write_item):
        if items is None:
            return self.raw(uvarint(0)) if self.flexible else self.int32(-1)
        self.raw(uvarint(len(items) + 1)) if self.flexible else self.int32(len(items))
        for item in items:
            write_item(self, item)
        return self

    def tags(self):
        if self.flexible:
            self.raw(uvarint(0))
        return self


class Reader:
    def __init__(self, data, flexible=False):
        self.data = data
        self.pos = 0
        self.flexible = flexible

    def _unpack(self, fmt):
        v = struct.unpack_from(fmt, self.data, self.pos)[0]
        self.pos += struct.calcsize(fmt)
        return v

    def int8(self): return self._unpack(">b")
    def int16(self): return self._unpack(">h")
    def int32(self): return self._unpack(">i")
    def int64(self): return self._unpack(">q")

    def uuid(self):
        v = self.data[self.pos:self.pos + 16]
        self.pos += 16
        return v

    def uvarint(self):
        shift = 0
        v = 0
        while True:
            b = self.data[self.pos]
            self.pos += 1
            v |= (b & 0x7F) << shift
            shift += 7
            if not b & 0x80:
                return v

    def _length(self, wide):
        if self.flexible:
            return self.uvarint() - 1
        return self.int32() if wide else self.int16()

    def string(self):
        n = self._length(False)
        if n < 0:
            return None
        v = self.data[self.pos:self.pos + n].decode()
        self.pos += n
        return v

    def bytes_(self):
        n = self._length(True)
        if n < 0:
            return None
        v = self.data[self.pos:self.pos + n]
        self.pos += n
        return v

    def array(self, read_item):
        n = self._length(True)
        if n < 0:
            return None
        return [read_item(self) for _ in range(n)]

    def tags(self):
        if self.flexible:
            for _ in range(self.uvarint()):
                self.uvarint()
                self.pos += self.uvarint()


class Connection:
    """One TCP connection speaking framed Kafka requests."""

    def __init__(self, bootstrap, timeout=10.0):
        host, port = bootstrap.rsplit(":", 1)
        self.sock = socket.create_connection((host, int(port)), timeout=timeout)
        self.correlation = 0

    def close(self):
        self.sock.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def send(self, api_key, version, body: bytes, flexible=False, client_id="datapath-test"):
        self.correlation += 1
        header = Writer(False).int16(api_key).int16(version).int32(self.correlation).string(client_id)
        if flexible:
            header.raw(b"\x00")  # request header v2: no tagged fields
        frame = bytes(header.buf) + body
        self.sock.sendall(struct.pack(">i", len(frame)) + frame)
        return self.correlation

    def send_raw(self, data: bytes):
        self.sock.sendall(data)

    def _recv_exact(self, n):
        out = bytearray()
        while len(out) < n:
            chunk = self.sock.recv(n - len(out))
            if not chunk:
                raise ConnectionError("connection closed by the broker")
            out += chunk
        return bytes(out)

    def receive_frame(self) -> bytes:
        """The next response frame whole (correlation id first), whichever request it answers."""
        size = struct.unpack(">i", self._recv_exact(4))[0]
        return self._recv_exact(size)

    def receive(self, flexible_header=False):
        frame = self.receive_frame()
        r = Reader(frame, flexible_header)
        correlation = r.int32()
        assert correlation == self.correlation, (correlation, self.correlation)
        r.tags()
        return frame[r.pos:]

    def request(self, api_key, version, body, flexible=False, response_flexible_header=None):
        self.send(api_key, version, body, flexible)
        return self.receive(flexible if response_flexible_header is None
                            else response_flexible_header)

    def is_closed_by_peer(self, timeout=5.0) -> bool:
        self.sock.settimeout(timeout)
        try:
            return self.sock.recv(1) == b""
        except ConnectionResetError:
            return True
        except socket.timeout:
            return False


# --- APIs ----------------------------------------------------------------------------

def produce_body(topic, partitions, acks=-1, transactional_id=None) -> bytes:
    """A Produce v3-v8 request body: `partitions` as (index, record batches) pairs."""
    w = Writer(False).string(transactional_id).int16(acks).int32(5000)
    w.array([(topic, partitions)], lambda w, t: (
        w.string(t[0]).array(t[1], lambda w, p: w.int32(p[0]).bytes_(p[1]))))
    return bytes(w.buf)


def produce(conn, topic, partition, records: bytes, acks=-1, transactional_id=None, version=8,
            extra_partitions=()):
    """Returns the partition responses as dicts (v3-v8: not flexible)."""
    assert 3 <= version <= 8
    body = produce_body(topic, [(partition, records)] + list(extra_partitions), acks,
                        transactional_id)
    if acks == 0:
        conn.send(0, version, body)
        return None
    r = Reader(conn.request(0, version, body))
    out = []

    def partition_response(r):
        p = {"index": r.int32(), "error_code": r.int16(), "base_offset": r.int64()}
        p["log_append_time_ms"] = r.int64()
        if version >= 5:
            p["log_start_offset"] = r.int64()
        if version >= 8:
            p["record_errors"] = r.array(lambda r: (r.int32(), r.string()))
            p["error_message"] = r.string()
        return p

    for _name, partitions in r.array(lambda r: (r.string(), r.array(partition_response))):
        out.extend(partitions)
    return out


def init_producer_id(conn, transactional_id=None, producer_id=-1, producer_epoch=-1, version=4):
    flexible = version >= 2
    w = Writer(flexible).string(transactional_id).int32(60000)
    if version >= 3:
        w.int64(producer_id).int16(producer_epoch)
    w.tags()
    r = Reader(conn.request(22, version, bytes(w.buf), flexible), flexible)
    throttle = r.int32()
    del throttle
    return {"error_code": r.int16(), "producer_id": r.int64(), "producer_epoch": r.int16()}


def fetch(conn, partitions, max_wait_ms=0, min_bytes=1, max_bytes=50 << 20, isolation=0,
          session_id=0, session_epoch=-1, forgotten=(), version=11, current_leader_epoch=-1):
    """partitions: [(topic or topic-id bytes, partition, fetch_offset)] (topic ids from v13).
    Versions 4-16. Returns (top error, session id, {(topic, partition): partition dict})."""
    flexible = version >= 12
    by_topic = {}
    for topic, partition, offset in partitions:
        by_topic.setdefault(topic, []).append((partition, offset))
    w = Writer(flexible)
    if version < 15:
        w.int32(-1)  # replica id (a tagged replica state from v15)
    w.int32(max_wait_ms).int32(min_bytes).int32(max_bytes).int8(isolation)
    if version >= 7:
        w.int32(session_id).int32(session_epoch)

    def topic_name(w, t):
        return w.uuid(t) if version >= 13 else w.string(t)

    def write_partition(w, p):
        w.int32(p[0])
        if version >= 9:
            w.int32(current_leader_epoch)
        w.int64(p[1])
        if version >= 12:
            w.int32(-1)  # last fetched epoch
        if version >= 5:
            w.int64(-1)  # log start offset
        w.int32(1 << 20).tags()

    w.array(list(by_topic.items()), lambda w, t: (
        topic_name(w, t[0]).array(t[1], write_partition).tags()))
    if version >= 7:
        w.array(list(forgotten), lambda w, f: (
            topic_name(w, f[0]).array(f[1], lambda w, p: w.int32(p)).tags()))
    if version >= 11:
        w.string("")  # rack id
    w.tags()
    r = Reader(conn.request(1, version, bytes(w.buf), flexible), flexible)
    r.int32()  # throttle
    error, sid = (r.int16(), r.int32()) if version >= 7 else (0, 0)
    result = {}

    def read_partition(r):
        p = {"partition": r.int32(), "error_code": r.int16(), "high_watermark": r.int64(),
             "last_stable_offset": r.int64()}
        p["log_start_offset"] = r.int64() if version >= 5 else None
        p["aborted"] = r.array(lambda r: (r.int64(), r.int64(), r.tags())[:2])
        p["preferred_read_replica"] = r.int32() if version >= 11 else None
        p["records"] = r.bytes_()
        r.tags()
        return p

    def read_topic(r):
        name = r.uuid() if version >= 13 else r.string()
        parts = r.array(read_partition)
        r.tags()
        for p in parts:
            result[(name, p["partition"])] = p

    r.array(read_topic)
    return error, sid, result


def list_offsets(conn, topic, partition, timestamp, isolation=0, current_leader_epoch=-1,
                 version=7):
    flexible = version >= 6
    w = Writer(flexible).int32(-1)
    if version >= 2:
        w.int8(isolation)

    def write_partition(w, p):
        w.int32(p)
        if version >= 4:
            w.int32(current_leader_epoch)
        w.int64(timestamp).tags()

    w.array([topic], lambda w, t: w.string(t).array([partition], write_partition).tags())
    w.tags()
    r = Reader(conn.request(2, version, bytes(w.buf), flexible), flexible)
    if version >= 2:
        r.int32()  # throttle
    out = []

    def read_partition(r):
        p = {"partition": r.int32(), "error_code": r.int16(), "timestamp": r.int64(),
             "offset": r.int64()}
        if version >= 4:
            p["leader_epoch"] = r.int32()
        r.tags()
        out.append(p)

    r.array(lambda r: (r.string(), r.array(read_partition), r.tags()))
    return out[0]


def offset_for_leader_epoch(conn, topic, partition, leader_epoch, current_leader_epoch=-1,
                            version=4):
    flexible = version >= 4
    w = Writer(flexible)
    if version >= 3:
        w.int32(-1)  # replica id
    w.array([topic], lambda w, t: w.string(t).array(
        [partition], lambda w, p: w.int32(p).int32(current_leader_epoch).int32(leader_epoch).tags()
    ).tags())
    w.tags()
    r = Reader(conn.request(23, version, bytes(w.buf), flexible), flexible)
    r.int32()  # throttle
    out = []

    def read_partition(r):
        p = {"error_code": r.int16(), "partition": r.int32(), "leader_epoch": r.int32(),
             "end_offset": r.int64()}
        r.tags()
        out.append(p)

    r.array(lambda r: (r.string(), r.array(read_partition), r.tags()))
    return out[0]


def metadata_topic_id(conn, topic) -> bytes:
    """Metadata v12 (flexible): the topic's id, auto-creating it if allowed."""
    error, topic_id = metadata_topic(conn, topic)
    assert error == 0, error
    return topic_id


def metadata_topic(conn, topic):
    """Metadata v12 (flexible) for one topic, auto-creating it if allowed: (error, id)."""
    w = Writer(True)
    w.array([topic], lambda w, t: w.uuid(b"\x00" * 16).string(t).tags())
    w.int8(1).int8(0).tags()  # allow auto creation, no authorized operations
    r = Reader(conn.request(3, 12, bytes(w.buf), True), True)
    r.int32()  # throttle
    r.array(lambda r: (r.int32(), r.string(), r.int32(), r.string(), r.tags()))
    r.string()  # cluster id
    r.int32()   # controller id
    topics = r.array(lambda r: _metadata_topic(r))
    return topics[0]


def _metadata_topic(r):
    error = r.int16()
    r.string()
    topic_id = r.uuid()
    r.int8()
    r.array(lambda r: (r.int16(), r.int32(), r.int32(), r.int32(),
                       r.array(lambda r: r.int32()), r.array(lambda r: r.int32()),
                       r.array(lambda r: r.int32()), r.tags()))
    r.int32()
    r.tags()
    return error, topic_id
