// LWW asynchronous replication (DynamoDB global tables, asynchronous mode;
// seed 004): what a write looks like in a region's stream and on the wire,
// and the events the roles take.
#pragma once
#include <array>
#include <cstdint>

#include "protocol/codec.hpp"

namespace replicheck::protocol::lww {

constexpr int kMaxRegions = 4;
constexpr int kMaxKeys = 3;
constexpr int kStreamCapacity = 24;

// A write: the item, its new value, and the (timestamp, region) it was
// stamped with where a client made it. Last writer wins on that pair.
struct Record {
  std::uint8_t key = 0, value = 0, ts = 0, origin = 0;
  bool newer_than(const Record& o) const { return ts != o.ts ? ts > o.ts : origin > o.origin; }
  // One 32-bit word, for encodings (one wide store: see protocol/codec.hpp).
  std::uint32_t pack() const { return std::uint32_t(key | value << 8 | ts << 16) | std::uint32_t(origin) << 24; }
  static Record unpack(std::uint32_t v) {
    return {std::uint8_t(v), std::uint8_t(v >> 8), std::uint8_t(v >> 16), std::uint8_t(v >> 24)};
  }
};

// On the link source -> destination: a record and its index in the source's
// stream (the destination acknowledges the index; the replicator checkpoints it).
struct ReplicatedWrite {
  Record record;
  std::uint8_t index = 0;
  int key() const { return record.key; }
  void encode(ByteWriter& w) const {
    w.u32(record.pack());
    w.u8(index);
  }
  void decode(ByteReader& r) {
    record = Record::unpack(r.u32());
    index = r.u8();
  }
};

// Seeded bugs, each breaking one property (see models/lww/model.hpp).
enum class Bug : std::uint8_t { None, NoTiebreak, ApplyWithoutCompare, CheckpointBeforeApply, RelayNoOriginCheck };

// An item as a region holds it, or as a client last saw it.
struct Item {
  Record version;  // the write the item holds
  bool present = false;
  // Bit 7 (above any key) marks the item present.
  std::uint32_t pack() const { return present ? version.pack() | 0x80 : 0; }
  static Item unpack(std::uint32_t v) { return {Record::unpack(v & ~0x80u), (v & 0x80) != 0}; }
};

// Region replica events.
// A client's write of one item, or a transaction over several, stamped by
// this region. A conditional write (optimistic concurrency) applies only if
// each item is still as the client expects (`present` false: the item must
// not exist); the check sees only this region's copy.
struct LocalWrite {
  std::array<Record, kMaxKeys> records{};
  std::uint8_t count = 1;
  bool conditional = false;
  std::array<Item, kMaxKeys> expected{};
};
// An increment as an async global table runs it: read the item here, write
// the result whole (seed 004's counter demo).
struct LocalIncrement { Record stamp; };  // key, timestamp and origin; the value is computed
struct ApplyReplicated { Record record; };
// Replicator events.
struct Ship { Record record; std::uint8_t index; };  // the record at the replicator's position
struct Ack { std::uint8_t index; };
struct Retry {};  // nothing in flight and something unacknowledged: a write was lost on the way
struct Crash {};
struct Restart {};
struct Pause {};
struct Resume {};

}  // namespace replicheck::protocol::lww
