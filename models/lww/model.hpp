// LWW asynchronous replication (DynamoDB global tables, asynchronous mode):
// a region replica per region and a replicator per ordered pair of regions
// (protocol/lww/), in the shared world (models/world/): network, faults,
// clients and their history.
//
// Client operations: each is invoked in one step and completes in a later
// one, except a read that can be served at once. A region stamps a write
// with its clock (true time plus its skew) when the write completes.
//
// Client patterns from the seeds (parameter `pattern`), what each repairs
// and what it costs, as the properties show:
//  - sticky: after a write, the session's reads stay in the write's region
//    for `sticky-window` operations (seeds 000, 003);
//  - version-tokens: the session remembers the newest version it wrote or
//    read per item; a read waits until the region holds at least that
//    (seed 003's minimum freshness);
//  - conditional: a write applies only if the item still holds the version
//    the session last read (optimistic concurrency, seed 000);
//  - home-region: each item is written only in its home region, item k in
//    region k % regions (a transaction in the home of its first item);
//    writes from elsewhere are forwarded there (seed 001).
#pragma once
#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "models/params.hpp"
#include "models/step_info.hpp"
#include "models/world/footprint.hpp"
#include "models/world/serving.hpp"
#include "models/world/symmetry.hpp"
#include "models/world/world.hpp"
#include "properties/property.hpp"
#include "protocol/lww/region_replica.hpp"
#include "protocol/lww/replicator.hpp"

namespace replicheck::models {

class Lww {
 public:
  static constexpr std::string_view kName = "lww";
  static constexpr std::string_view kSummary =
      "LWW asynchronous replication (DynamoDB global tables, asynchronous mode)";
  static std::vector<ParamSpec> param_specs();

  static constexpr int kRegions = protocol::lww::kMaxRegions;
  static constexpr int kMaxKeys = protocol::lww::kMaxKeys;
  static constexpr int kMaxClients = 4, kMaxOps = 6;
  static constexpr int kLinkCapacity = 4;
  static_assert(kMaxKeys == world::kMaxKeys);
  // Every write of every item fits in a stream, so the bound never refuses one.
  static_assert(protocol::lww::kStreamCapacity >= kMaxClients * kMaxOps);

  enum class Pattern : std::uint8_t { None, Sticky, VersionTokens, Conditional, HomeRegion };

  // What a client remembers between operations, for the patterns that use it.
  struct Session {
    // Per item: the version token (version-tokens: the newest written or
    // read) or the expected version (conditional: the last read or written).
    std::array<protocol::lww::Item, kMaxKeys> seen{};
    std::uint8_t sticky_region = 0, sticky_left = 0;
  };

  // The world (network, clients, faults used) and LWW's roles.
  struct State : world::Part<protocol::lww::ReplicatedWrite, kRegions, kLinkCapacity, kMaxClients, kMaxOps> {
    std::array<protocol::lww::RegionReplica, kRegions> regions;
    std::array<protocol::lww::Replicator, kRegions * kRegions> replicators;  // [source * kRegions + dest]
    std::array<Session, kMaxClients> sessions{};
  };
  // next() copies the state for every action it takes: one memcpy.
  static_assert(std::is_trivially_copyable_v<State>);

  struct Action {
    enum Kind : std::uint8_t { Client, Ship, Deliver, Retry, RoleFault, Fault } kind;
    // Ship, Deliver, Retry, RoleFault: the replicator's source and destination
    // (, Deliver: the message's index on the link; RoleFault: its kind).
    // Fault: the network fault's regions.
    std::uint8_t a = 0, b = 0, c = 0;
    world::ClientStep client{};
    world::NetworkFault::Kind fault = world::NetworkFault::Cut;
  };
  static constexpr std::size_t kMaxActions = 2 * kMaxClients + 2 * kRegions +
                                             kRegions * kRegions * (7 + kLinkCapacity + 2 + 2 * kLinkCapacity);

  explicit Lww(const Params& p);

  std::vector<State> initial_states() const;

  template <class Sink>
  void actions(const State& s, Sink&& out) const {
    world::client_steps(s.clients, world_.workload, eventual_reads_,
                        [&](const world::ClientStep& c) { out(Action{Action::Client, 0, 0, 0, c}); });
    for (int src = 0; src < regions(); ++src)
      for (int dst = 0; dst < regions(); ++dst) {
        if (src == dst) continue;
        auto a = std::uint8_t(src), b = std::uint8_t(dst);
        out(Action{Action::Ship, a, b});
        s.net.deliverable(src, dst, world_.ordering, [&](int k) { out(Action{Action::Deliver, a, b, std::uint8_t(k)}); });
        if (s.net.in_flight(src, dst).empty()) out(Action{Action::Retry, a, b});
        world::role_faults(s.faults, world_.faults, [&](world::RoleFault::Kind k) {
          out(Action{Action::RoleFault, a, b, std::uint8_t(k)});
        });
      }
    world::network_faults(s.net, s.faults, world_.faults, regions(), [&](const world::NetworkFault& f) {
      out(Action{Action::Fault, f.a, f.b, f.c, {}, f.kind});
    });
  }

  bool next(const State& s, const Action& a, State& out) const;
  // Symmetry (explorer/search/symmetry.hpp; models/world/symmetry.hpp says
  // which renamings): regions by rotation with their clients, and clients
  // of one home with the same workload. Every LWW property quantifies over
  // all regions and clients. None with home-region (an item's home is a
  // region number) or with unequal clock skews.
  std::string symmetry() const;
  void canonicalize(State& s) const;
  State renamed(const State& s, const world::Renaming& g) const;
  const std::vector<world::Renaming>& symmetries() const { return symmetries_; }
  // Region r's replica as the renaming g writes it (into region g(r)).
  protocol::lww::RegionReplicaData renamed_region(const State& s, int r, const world::Renaming& g) const;
  void encode_region(const protocol::lww::RegionReplicaData& d, ByteWriter& w) const;
  // Partial-order reduction (models/footprint.hpp): a replicator's steps
  // touch its link, its source's stream and its destination's replica, so
  // replication between different pairs of regions commutes.
  Footprint footprint(const State& s, const Action& a) const;
  std::uint16_t action_key(const Action& a) const { return world::action_key(a); }
  // Persistent sets (explorer/search/persistent_sets.hpp): a replicator's
  // ship may be taken alone when it will ship a write whatever else happens
  // and no fault can stop it. It moves only the replicator's position and
  // the link's tail: writes appended to the stream behind the write it
  // ships, deliveries from the link's head, acknowledgements, cuts and
  // isolations all commute with it, and no property reads either.
  bool alone(const State& s, const Action& a) const;
  std::string persistent_sets() const;
  void encode(const State& s, ByteWriter& w) const;
  void decode(ByteReader& r, State& s) const;
  // Nothing but a new fault could happen: the world settled, and every
  // replicator running with its source's whole stream acknowledged.
  bool quiescent(const State& s) const;
  std::vector<Property<Lww>> properties() const;
  std::string describe(const Action& a) const;
  std::vector<std::pair<std::string, std::string>> fields(const State& s) const;
  // Timing diagrams: one lane per region, as seed 004 draws them.
  std::vector<std::string> lanes() const;
  StepInfo step_info(const State& before, const Action& a, const State& after) const;

  int regions() const { return world_.regions; }
  const world::Config& world_config() const { return world_; }
  const world::Workload& workload() const { return world_.workload; }
  Pattern pattern() const { return pattern_; }
  // The region that applies a client's operation: where it was sent, or
  // with home-region partitioning the item's home.
  int executes_at(const world::ClientOp& op) const;

  // Serving clients (models/world/serving.hpp; lww/serving.cpp).
  void route(const State& s, world::ClientOp& op, State& out) const;
  bool ready(const State& s, int c) const;
  world::OpStatus serve(State& out, int c, int lag) const;

 private:
  world::Config world_;
  Pattern pattern_;
  int sticky_window_;
  bool eventual_reads_;
  protocol::lww::Bug bug_;
  std::vector<world::Renaming> symmetries_;
};

}  // namespace replicheck::models
