// Single-writer log shipping (Aurora Global Database): the redo log, the
// messages between regions, and the events the roles take.
//
// A commit is one log record: its LSN (position in the log, from 1), the
// items it writes (all with one value: a transaction is one record, so it
// is atomic wherever the record is applied) and the epoch of the primary
// that wrote it. Epochs number the primaries: a switchover or a failover
// promotes a region in a new epoch.
#pragma once
#include <array>
#include <cstdint>

#include "protocol/codec.hpp"
#include "protocol/tagged.hpp"

namespace replicheck::protocol::logship {

constexpr int kMaxRegions = 3;
constexpr int kMaxKeys = 3;
constexpr int kMaxLog = 16;

struct Commit {
  std::uint8_t lsn = 0, keys = 0, value = 0, epoch = 0;  // keys: bit k = item k written
  bool touches(int k) const { return keys >> k & 1; }
  bool operator==(const Commit&) const = default;
  std::uint32_t pack() const { return std::uint32_t(lsn | keys << 8 | value << 16) | std::uint32_t(epoch) << 24; }
  static Commit unpack(std::uint32_t v) {
    return {std::uint8_t(v), std::uint8_t(v >> 8), std::uint8_t(v >> 16), std::uint8_t(v >> 24)};
  }
};

// Seeded bugs, each caught by a test (see models/logship/model.hpp).
enum class Bug : std::uint8_t {
  None, PromoteWithoutDrain, ApplyOutOfOrder, RejoinWithoutDiscard, NoFence, TokenIgnored, ForwardEventualAsSession
};

// Messages. Redo: a record shipped to a secondary by the primary of
// `epoch` (the record itself may be older). Ack: the secondary's applied
// LSN, cumulative. Fence: a new primary tells the old one it is deposed.
struct Redo {
  Commit commit;
  std::uint8_t epoch = 0;
  int key() const { return 0; }
  void encode(ByteWriter& w) const { w.u64(std::uint64_t(commit.pack()) | std::uint64_t(epoch) << 32); }
  void decode(ByteReader& r) {
    std::uint64_t v = r.u64();
    commit = Commit::unpack(std::uint32_t(v)), epoch = std::uint8_t(v >> 32);
  }
  bool operator==(const Redo&) const = default;
};
struct Ack {
  std::uint8_t lsn = 0;
  int key() const { return 0; }
  void encode(ByteWriter& w) const { w.u8(lsn); }
  void decode(ByteReader& r) { lsn = r.u8(); }
  bool operator==(const Ack&) const = default;
};
struct Fence {
  std::uint8_t epoch = 0;
  int key() const { return 0; }
  void encode(ByteWriter& w) const { w.u8(epoch); }
  void decode(ByteReader& r) { epoch = r.u8(); }
  bool operator==(const Fence&) const = default;
};
using Message = Tagged<Redo, Ack, Fence>;

// Volume events.
struct LocalCommit { std::uint8_t keys, value; };  // the LSN and epoch are the volume's
struct ApplyRedo { Commit commit; std::uint8_t epoch; };  // from the primary of `epoch`
struct Demote {};                                  // switchover: the primary stops taking writes
struct Promote { std::uint8_t epoch; };
struct Follow { std::uint8_t epoch; };             // switchover: the old primary becomes a secondary
struct Deposed { std::uint8_t epoch; };            // a fence, or a lease renewal refused
struct Reattach { std::uint8_t epoch, length; };   // failover: follow the new primary from `length`
struct LeaseLost {};
struct LeaseRenewed {};
// Shipper events.
struct ShipNext { Commit commit; };  // the record at the shipper's position
struct Acked { std::uint8_t lsn; };
struct Resend {};                     // nothing in flight, something unacknowledged: a record was lost
struct Crash {};
struct Restart {};
struct Reset {};                      // its source became primary: start from the beginning

}  // namespace replicheck::protocol::logship
