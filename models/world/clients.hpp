// Clients, written once for every protocol: a bounded workload given by
// parameters, and the history of what each operation saw. The protocol
// decides how to serve an operation; this file records it.
//
// Workload (client c lives in region `homes[c]`, by default c % regions;
// values are unique):
//  - register: write, read at home, read at the next region (a session
//    routed elsewhere, seed 000's refresh), write, ... A client's first write
//    is a transaction over every item when there are several; reads read
//    every item at once (a transactional read), so a torn transaction shows.
//  - counter: operation i increments item i % keys at home, a
//    read-modify-write; every client starts on k0 (seed 004's counter demo).
// Real time: every invocation and response is one tick, so the history
// orders operations as a wall clock would.
#pragma once
#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "models/params.hpp"
#include "properties/history.hpp"
#include "protocol/codec.hpp"

namespace replicheck::world {

constexpr int kMaxKeys = 3;
constexpr std::uint8_t kEveryKey = 3;  // the key of a transaction or a read of every item

enum class OpKind : std::uint8_t { Write, Read, Increment };
// Pending: invoked, no response yet. Fail: not served (its region was down,
// or could not reach the regions the protocol needs).
// Refused: a conditional write whose check failed; the client learns the
// item changed. Info: the client never learns the outcome (a timeout, a
// write acknowledged by a primary lost in a failover): like Jepsen's :info,
// it may or may not have taken effect.
enum class OpStatus : std::uint8_t { Pending, Ok, Fail, Refused, Info };

struct ClientOp {
  std::uint8_t client = 0;
  std::uint8_t region = 0;  // where the client sent it
  OpKind kind = OpKind::Read;
  std::uint8_t key = 0;  // or kEveryKey
  OpStatus status = OpStatus::Pending;
  // A write: the region that applied it first, and the stamp the protocol
  // ordered it by there: LWW's timestamp, a log's LSN, a journal position.
  std::uint8_t origin = 0, stamp = 0;
  bool eventual = false;     // a read that may be served by a lagging replica
  bool conditional = false;  // a write that applies only if the item is as the client last saw it
  std::array<std::uint8_t, kMaxKeys> values{};  // written, or seen per item (0 = nil)
  std::uint8_t invoke = 0, response = 0;

  bool touches(int k) const { return key == kEveryKey || key == k; }
  bool writes() const { return kind != OpKind::Read; }

  // One 64-bit word: client, region, kind, key | status, origin, flags |
  // stamp | three values | invocation | response. (Status's third bit sits
  // above origin, so an operation without flags packs as it did before
  // statuses grew: fingerprints, and so which shortest trace is found, stay.)
  std::uint64_t pack() const {
    auto st = std::uint8_t(status);
    return std::uint64_t(client | region << 2 | std::uint8_t(kind) << 4 | key << 6) |
           std::uint64_t((st & 3) | origin << 2 | (st >> 2) << 4 | eventual << 5 | conditional << 6) << 8 |
           std::uint64_t(stamp) << 16 | std::uint64_t(values[0]) << 24 | std::uint64_t(values[1]) << 32 |
           std::uint64_t(values[2]) << 40 | std::uint64_t(invoke) << 48 | std::uint64_t(response) << 56;
  }
  static ClientOp unpack(std::uint64_t v) {
    auto byte = [v](int i) { return std::uint8_t(v >> (8 * i)); };
    ClientOp o;
    o.client = byte(0) & 3, o.region = byte(0) >> 2 & 3, o.kind = OpKind(byte(0) >> 4 & 3), o.key = byte(0) >> 6;
    o.status = OpStatus((byte(1) & 3) | (byte(1) >> 4 & 1) << 2), o.origin = byte(1) >> 2 & 3;
    o.eventual = byte(1) >> 5 & 1, o.conditional = byte(1) >> 6 & 1;
    o.stamp = byte(2);
    o.values = {byte(3), byte(4), byte(5)};
    o.invoke = byte(6), o.response = byte(7);
    return o;
  }
};

struct Workload {
  enum Kind : std::uint8_t { Register, Counter };
  int regions = 2, keys = 1, clients = 1, ops = 1;
  Kind kind = Register;

  std::array<int, 4> homes{};

  static std::vector<ParamSpec> specs(int max_clients, int max_ops, const char* default_keys) {
    ParamSpec homes{"homes", "", "home region of each client: c0,c1,... (missing clients: c % regions)", 0, 3, {}};
    homes.list = true;
    return {{"keys", default_keys, "number of items", 1, kMaxKeys, {}},
            {"clients", "2", "number of clients (client c lives in region c % regions, or see homes)", 1, max_clients, {}},
            homes,
            {"ops", "3", "operations per client (see workload)", 1, max_ops, {}},
            {"workload", "register", "register: write (first one a transaction over every item), read at home, "
                                     "read at the next region, ...; counter: increments at home, of k0, k1, ... in turn "
                                     "(checked by no-lost-increment instead of no-lost-write and the history properties)",
             0, 0, {"register", "counter"}}};
  }
  static Workload from(const Params& p, int regions) {
    Workload w{regions, int(p.integer("keys")), int(p.integer("clients")), int(p.integer("ops")),
               p.word("workload") == "counter" ? Counter : Register};
    for (int c = 0; c < 4; ++c) w.homes[c] = c % regions;
    if (p.word("homes").empty()) return w;
    auto homes = p.integers("homes");
    if (int(homes.size()) > w.clients)
      throw BadParam(fmt::format("parameter 'homes': {} regions given for {} clients", homes.size(), w.clients));
    for (std::size_t c = 0; c < homes.size(); ++c) {
      if (homes[c] >= regions)
        throw BadParam(fmt::format("parameter 'homes': region {} does not exist ({} regions)", homes[c], regions));
      w.homes[c] = int(homes[c]);
    }
    return w;
  }

  int home(int client) const { return homes[client]; }
  // Distinct regions clients write in (writes are made at home): with one,
  // no two writes come from different regions, so no conflict can happen.
  int writing_regions() const {
    int seen = 0, count = 0;
    for (int c = 0; c < clients; ++c)
      if (!(seen & 1 << home(c))) seen |= 1 << home(c), ++count;
    return count;
  }
  // Operation `index` of `client`, before the protocol serves it.
  ClientOp planned(int client, int index, int max_ops) const {
    ClientOp o;
    o.client = std::uint8_t(client);
    o.region = std::uint8_t(home(client));
    if (kind == Counter) {
      o.kind = OpKind::Increment;
      o.key = std::uint8_t(index % keys);
      return o;
    }
    switch (index % 3) {
      case 0: {
        o.kind = OpKind::Write;
        o.key = index == 0 && keys > 1 ? kEveryKey : std::uint8_t((client + index / 3) % keys);
        auto value = std::uint8_t(1 + client * max_ops + index);
        for (int k = 0; k < keys; ++k)
          if (o.touches(k)) o.values[k] = value;
        return o;
      }
      case 1: o.key = kEveryKey; return o;
      default: o.key = kEveryKey, o.region = std::uint8_t((home(client) + 1) % regions); return o;
    }
  }
};

// Every operation so far, and each client's progress.
template <int MaxClients, int MaxOps>
struct Clients {
  static constexpr int kMaxOps = MaxOps, kMaxHistory = MaxClients * MaxOps;
  std::array<std::uint8_t, MaxClients> started{};
  std::array<std::int8_t, MaxClients> pending{};  // history index + 1 of the operation awaiting its response
  std::array<ClientOp, kMaxHistory> history{};
  std::uint8_t length = 0, now = 0;

  bool busy(int c) const { return pending[c] != 0; }
  ClientOp& pending_op(int c) { return history[pending[c] - 1]; }
  const ClientOp& pending_op(int c) const { return history[pending[c] - 1]; }
  // Records the invocation; the operation stays pending until respond().
  ClientOp& invoke(const ClientOp& op) {
    ClientOp& o = history[length++];
    o = op;
    o.status = OpStatus::Pending;
    o.invoke = now++;
    ++started[op.client];
    pending[op.client] = std::int8_t(length);
    return o;
  }
  void respond(int c, OpStatus status) {
    ClientOp& o = pending_op(c);
    o.status = status;
    o.response = now++;
    pending[c] = 0;
  }
  bool done(int clients, int ops) const {
    for (int c = 0; c < clients; ++c)
      if (busy(c) || started[c] < ops) return false;
    return true;
  }

  void encode(int clients, ByteWriter& w) const {
    for (int c = 0; c < clients; ++c) w.u16(std::uint16_t(started[c] | std::uint8_t(pending[c]) << 8));
    w.u16(std::uint16_t(length | now << 8));
    for (int i = 0; i < length; ++i) w.u64(history[i].pack());
  }
  void decode(int clients, ByteReader& r) {
    for (int c = 0; c < clients; ++c) {
      std::uint16_t v = r.u16();
      started[c] = std::uint8_t(v);
      pending[c] = std::int8_t(v >> 8);
    }
    std::uint16_t h = r.u16();
    length = std::uint8_t(h), now = std::uint8_t(h >> 8);
    for (int i = 0; i < length; ++i) history[i] = ClientOp::unpack(r.u64());
  }
};

// The history as properties/ checks it: one operation per item touched.
// Sessions are clients or, with `per_region`, a client at one region (a
// client routed to another region starts a new session there). Failed
// operations did nothing; pending reads saw nothing yet, and a read of
// unknown outcome saw nothing the client learnt. A write still pending or of
// unknown outcome may take effect at any time after its invocation, or never.
// Item k's name in properties/ histories, built once: formatting it for
// every operation of every checked history was a malloc-heavy part of the
// checks (short strings copy without allocating).
inline const std::string& key_name(int k) {
  static const std::array<std::string, kMaxKeys> names = {"k0", "k1", "k2"};
  return names[k];
}

template <class C>
properties::History to_history(const C& clients, int keys, bool per_region) {
  namespace pr = properties;
  pr::History h;
  h.ops.reserve(std::size_t(clients.length) * keys);
  for (int i = 0; i < clients.length; ++i) {
    const ClientOp& o = clients.history[i];
    bool unknown = o.status == OpStatus::Pending || o.status == OpStatus::Info;
    if (o.status == OpStatus::Fail || o.status == OpStatus::Refused || (o.kind == OpKind::Read && unknown)) continue;
    for (int k = 0; k < keys; ++k) {
      if (!o.touches(k)) continue;
      pr::Operation op;
      // A write's session region is the one that applied it (a forwarded
      // write is made in the item's home region, not where it was sent).
      int region = o.writes() && o.status == OpStatus::Ok ? o.origin : o.region;
      op.session = per_region ? o.client * 4 + region : o.client;
      op.key = key_name(k);
      op.invoke = o.invoke;
      if (o.kind == OpKind::Read) {
        op.kind = pr::OpKind::kRead;
        op.output = {o.values[k] ? pr::Value{std::int64_t(o.values[k])} : pr::Value{pr::Nil{}}};
        op.response = o.response;
      } else {
        op.kind = pr::OpKind::kWrite;
        op.input = {pr::Value{std::int64_t(o.values[k])}};
        op.status = unknown ? pr::Status::kInfo : pr::Status::kOk;
        op.response = unknown ? pr::kNever : o.response;
      }
      h.ops.push_back(std::move(op));
    }
  }
  return h;
}

}  // namespace replicheck::world
