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
#include <vector>

#include "models/params.hpp"
#include "models/step_info.hpp"
#include "models/world/clients.hpp"
#include "models/world/faults.hpp"
#include "models/world/network.hpp"
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
  using Net = world::Network<protocol::lww::ReplicatedWrite, kRegions, kLinkCapacity>;
  using Clients = world::Clients<kMaxClients, kMaxOps>;

  enum class Pattern : std::uint8_t { None, Sticky, VersionTokens, Conditional, HomeRegion };

  // What a client remembers between operations, for the patterns that use it.
  struct Session {
    // Per item: the version token (version-tokens: the newest written or
    // read) or the expected version (conditional: the last read or written).
    std::array<protocol::lww::Item, kMaxKeys> seen{};
    std::uint8_t sticky_region = 0, sticky_left = 0;
  };

  struct State {
    std::array<protocol::lww::RegionReplica, kRegions> regions;
    std::array<protocol::lww::Replicator, kRegions * kRegions> replicators;  // [source * kRegions + dest]
    Net net;
    Clients clients;
    world::FaultsUsed faults;
    std::array<Session, kMaxClients> sessions{};
  };

  struct Action {
    enum Kind : std::uint8_t { Invoke, Complete, Ship, Deliver, Retry, Crash, Restart, Pause, Resume, Fault } kind;
    // Invoke: client (, 1: an eventually consistent read one record behind);
    // else source, destination (, message index); or the fault's regions.
    std::uint8_t a = 0, b = 0, c = 0;
    world::NetworkFault::Kind fault = world::NetworkFault::Cut;
  };
  static constexpr std::size_t kMaxActions = 2 * kMaxClients + 2 * kRegions +
                                             kRegions * kRegions * (7 + kLinkCapacity + 2 + 2 * kLinkCapacity);

  explicit Lww(const Params& p);

  std::vector<State> initial_states() const;

  template <class Sink>
  void actions(const State& s, Sink&& out) const {
    for (int c = 0; c < workload_.clients; ++c) {
      auto i = std::uint8_t(c);
      if (s.clients.busy(c)) out(Action{Action::Complete, i});
      else if (s.clients.started[c] < workload_.ops) {
        out(Action{Action::Invoke, i});
        // An eventually consistent read may be served one stream record behind.
        if (eventual_reads_ && workload_.planned(c, s.clients.started[c], kMaxOps).kind == world::OpKind::Read)
          out(Action{Action::Invoke, i, 1});
      }
    }
    for (int src = 0; src < regions_; ++src)
      for (int dst = 0; dst < regions_; ++dst) {
        if (src == dst) continue;
        auto a = std::uint8_t(src), b = std::uint8_t(dst);
        out(Action{Action::Ship, a, b});
        s.net.deliverable(src, dst, ordering_, [&](int k) { out(Action{Action::Deliver, a, b, std::uint8_t(k)}); });
        if (s.net.in_flight(src, dst).empty()) out(Action{Action::Retry, a, b});
        if (s.faults.crashes < faults_.crashes) out(Action{Action::Crash, a, b});
        out(Action{Action::Restart, a, b});
        if (s.faults.pauses < faults_.pauses) out(Action{Action::Pause, a, b});
        out(Action{Action::Resume, a, b});
      }
    world::network_faults(s.net, s.faults, faults_, regions_, [&](const world::NetworkFault& f) {
      out(Action{Action::Fault, f.a, f.b, f.c, f.kind});
    });
  }

  bool next(const State& s, const Action& a, State& out) const;
  void encode(const State& s, ByteWriter& w) const;
  void decode(ByteReader& r, State& s) const;
  // Nothing but a new fault could happen: clients done, the network whole
  // and drained, every replicator running with its whole stream applied.
  bool quiescent(const State& s) const;
  std::vector<Property<Lww>> properties() const;
  std::string describe(const Action& a) const;
  std::vector<std::pair<std::string, std::string>> fields(const State& s) const;
  // Timing diagrams: one lane per region, as seed 004 draws them.
  std::vector<std::string> lanes() const;
  StepInfo step_info(const State& before, const Action& a, const State& after) const;

  int regions() const { return regions_; }
  const world::Workload& workload() const { return workload_; }
  Pattern pattern() const { return pattern_; }
  // The region that applies a client's operation: where it was sent, or
  // with home-region partitioning the item's home.
  int executes_at(const world::ClientOp& op) const;
  // The pending operation of client c can complete in the next step.
  bool can_complete(const State& s, int c) const;

 private:
  bool invoke(const State& s, int c, int lag, State& out) const;
  bool complete(const State& s, int c, int lag, State& out) const;

  int regions_;
  world::Workload workload_;
  world::FaultBudget faults_;
  world::Ordering ordering_;
  Pattern pattern_;
  int sticky_window_;
  bool eventual_reads_;
  protocol::lww::Bug bug_;
};

}  // namespace replicheck::models
