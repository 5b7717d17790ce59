// Multi-region strong consistency (DynamoDB global tables, MRSC): the
// journal's entries, an item as a region's table holds it, and the events
// the roles take.
//
// A journal entry is idempotent and conditional: the replication engine that
// made it read the item's current version and wrote "put VALUE if the item's
// version is EXPECT". An entry's version, once applied, is its own position
// in the journal, unique, so re-applying an entry after a crash recognises
// itself (the item already carries its position) instead of reporting a
// conflict. A read fence (heartbeat) is an entry that writes nothing: a
// strongly consistent read appends one and reads once it has applied
// everything up to it.
#pragma once
#include <cstdint>

namespace replicheck::protocol::journal {

constexpr int kRegions = 3;  // a journal needs three regions to keep 2 of 3
constexpr int kMaxKeys = 3;
constexpr int kMaxClients = 3;
constexpr int kMaxEntries = 48;  // seed 004's demo: 15 increments, their retries, fences

struct Entry {
  enum Kind : std::uint8_t { Put, Fence };
  Kind kind = Put;
  std::uint8_t key = 0, origin = 0, client = 0;
  std::uint8_t value = 0;   // Put: the value written
  std::uint8_t expect = 0;  // Put: the version (journal position) the item must hold, 0 = never written
  bool operator==(const Entry&) const = default;
  std::uint32_t pack() const {
    return std::uint32_t(kind | key << 1 | origin << 3 | client << 5) | std::uint32_t(value) << 8 |
           std::uint32_t(expect) << 16;
  }
  static Entry unpack(std::uint32_t v) {
    Entry e;
    e.kind = Kind(v & 1), e.key = std::uint8_t(v >> 1 & 3), e.origin = std::uint8_t(v >> 3 & 3);
    e.client = std::uint8_t(v >> 5 & 3), e.value = std::uint8_t(v >> 8), e.expect = std::uint8_t(v >> 16);
    return e;
  }
};

// An item in a region's table: its value and version (the journal position
// of the entry that wrote it; 0 = never written).
struct Item {
  std::uint8_t value = 0, version = 0;
  bool operator==(const Item&) const = default;
};

// Seeded bugs, each caught by a test (see models/journal/model.hpp).
enum class Bug : std::uint8_t {
  None,
  NoReadFence,           // a strong read is served from the local table at once
  UnconditionalEntries,  // entries put their value whatever the item holds
  QuorumOfOne,           // an append commits once durable in its own region
  NoRelay,               // a region forwards only entries it made, over its own links
  NoIdempotenceCheck,    // a replayed entry of one's own reports a conflict
  ApplyBeforeCommit,     // journal=replicated: an engine applies entries not yet committed
  LeaderRecoversFromOne, // journal=replicated: a new leader keeps only its own log
};

// How applying an entry went, for the client whose entry it is.
enum class Outcome : std::uint8_t { None, Applied, Conflict };

// Engine events.
struct Apply { Entry entry; std::uint8_t position; };  // the next committed entry, in journal order
struct Checkpoint {};                                   // make the applied position durable
struct Crash {};
struct Restart {};
struct Wipe {};  // the region is lost: its table is rebuilt from the journal
// Journal events (the atomic journal).
// Durable at origin and peer; with `catch_up` each first receives what it lacks
// from the other (the relay), else both must already hold the whole journal.
struct Append { Entry entry; std::uint8_t origin, peer; bool catch_up; };
struct Store { std::uint8_t region; };                      // region receives its next entry
struct Forget { std::uint8_t region; };                     // region's journal copy is lost

}  // namespace replicheck::protocol::journal
