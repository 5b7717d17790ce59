// The world every protocol's model is composed with, written once: its
// parameters (regions, delivery order, the workload, the fault budgets, with
// per-protocol defaults), the world's part of a system state (network,
// clients and their history, faults used) with its encoding, the clock, and
// the quiescence every protocol's own quiescence starts from.
//
// A protocol's model supplies its roles, how it serves a client operation
// (models/world/serving.hpp), its own actions, its lane names and its
// properties; models/lww/ is the worked example.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "models/params.hpp"
#include "models/world/clients.hpp"
#include "models/world/faults.hpp"
#include "models/world/network.hpp"
#include "protocol/codec.hpp"

namespace replicheck::world {

inline const Choices<Ordering> kOrderings = {
    {"key-fifo", Ordering::KeyFifo}, {"link-fifo", Ordering::LinkFifo}, {"unordered", Ordering::Unordered}};

// What a protocol changes about the world's parameters.
struct Defaults {
  int regions = 2, max_regions = 4;
  int max_clients = 4, max_ops = 6;
  const char* keys = "2";
  const char* ordering = "key-fifo";
  std::string ordering_meaning = "delivery order on each link: per item, whole link, or none";
  const char* crashes = "0";
  std::string crash_meaning = "roles that crash (each restarts from its durable state)";
  std::string pause_meaning = "roles paused for a while";

  // The bounds come from the model's own constants.
  template <class M>
  static Defaults of() {
    Defaults d;
    d.max_regions = M::kRegions, d.max_clients = M::kMaxClients, d.max_ops = M::kMaxOps;
    return d;
  }
};

// The world's configuration, read from parameters.
struct Config {
  int regions = 2;
  Workload workload;
  FaultBudget faults;
  Ordering ordering = Ordering::KeyFifo;

  static std::vector<ParamSpec> specs(const Defaults& d) {
    std::vector<ParamSpec> out = {{"regions", std::to_string(d.regions), "number of regions", 2, d.max_regions, {}}};
    for (auto& s : Workload::specs(d.max_clients, d.max_ops, d.keys)) out.push_back(s);
    for (auto& s : FaultBudget::specs(d.crash_meaning, d.pause_meaning)) {
      if (s.name == "crashes") s.default_value = d.crashes;
      if (s.name == "outages") s.meaning += "; adds outage-refuses-client";
      out.push_back(s);
    }
    out.push_back(choice_spec("ordering", kOrderings, d.ordering, d.ordering_meaning));
    return out;
  }
  static Config from(const Params& p) {
    Config c;
    c.regions = int(p.integer("regions"));
    c.workload = Workload::from(p, c.regions);
    c.faults = FaultBudget::from(p, c.regions);
    c.ordering = p.choice("ordering", kOrderings);
    return c;
  }

  // A region's clock: true time (the history's tick) plus the region's skew.
  // kMaxSkew is added so that a clock kMaxSkew behind still reads at least
  // 0 (stamps are bytes), and every stamp a write gets stays above 0, which
  // nothing written is stamped with.
  std::uint8_t clock(int now, int region) const { return std::uint8_t(now + kMaxSkew + faults.skew[region]); }
};

// The world's part of a system state. A protocol's State derives from it
// and adds its roles, so `s.net`, `s.clients` and `s.faults` read the same
// in every model.
template <class Msg, int MaxRegions, int LinkCapacity, int MaxClients, int MaxOps>
struct Part {
  using Net = Network<Msg, MaxRegions, LinkCapacity>;
  using ClientRecord = Clients<MaxClients, MaxOps>;
  static constexpr int kMaxClients = MaxClients, kMaxOps = MaxOps;
  Net net;
  ClientRecord clients;
  FaultsUsed faults;

  void encode_world(const Config& c, ByteWriter& w) const {
    net.encode(c.regions, w);
    clients.encode(c.workload.clients, w);
    faults.encode(w);
  }
  void decode_world(const Config& c, ByteReader& r) {
    net.decode(c.regions, r);
    clients.decode(c.workload.clients, r);
    faults.decode(r);
  }
  // Where every protocol's quiescence starts: clients done, no link cut or
  // region away, nothing in flight. The protocol adds its roles' part.
  bool settled(const Config& c) const {
    return clients.done(c.workload.clients, c.workload.ops) && net.whole(c.regions) && net.drained(c.regions);
  }
};

}  // namespace replicheck::world
