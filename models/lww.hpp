// LWW asynchronous replication (DynamoDB global tables, asynchronous mode):
// a region replica per region, a replicator per ordered pair of regions, the
// shared network, replicator faults (crash, pause), link cuts, clock skew,
// and clients whose operations are recorded as a history.
//
// Clients: client c lives in region c % regions and runs `ops` operations:
// write, read at home, read at the next region (a session routed elsewhere),
// write, ... Each write is invoked, then stamped and acknowledged by its
// region in a later step, so writes of different clients can overlap in
// real time; reads are served at once.
#pragma once
#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "models/params.hpp"
#include "models/step_info.hpp"
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
  static constexpr int kMaxClients = 3, kMaxOps = 4, kMaxHistory = kMaxClients * kMaxOps;
  static constexpr int kLinkCapacity = 4;
  static constexpr std::uint8_t kPending = 0xff;  // response time of an unacknowledged write
  using Net = world::Network<protocol::lww::ReplicatedWrite, kRegions, kLinkCapacity>;

  // One client operation as the history records it. value 0 = nil.
  struct ClientOp {
    std::uint8_t client = 0, region = 0, is_read = 0, key = 0, value = 0, invoke = 0,
                 response = kPending;
  };

  struct State {
    std::array<protocol::lww::RegionReplica, kRegions> regions;
    std::array<protocol::lww::Replicator, kRegions * kRegions> replicators;  // [source * kRegions + dest]
    Net net;
    std::array<std::uint8_t, kMaxClients> ops_started{};
    std::array<std::int8_t, kMaxClients> pending{-1, -1, -1};  // history index of a write awaiting its ack
    std::array<ClientOp, kMaxHistory> history{};
    std::uint8_t history_length = 0;
    std::uint8_t now = 0;  // real time: client events so far
    std::uint8_t cuts = 0, crashes = 0, pauses = 0;  // faults used
  };

  struct Action {
    enum Kind : std::uint8_t { Invoke, Acknowledge, Ship, Deliver, Cut, Heal, Crash, Restart, Pause, Resume } kind;
    std::uint8_t a = 0, b = 0, c = 0;  // client; or source, destination (, message index)
  };
  static constexpr std::size_t kMaxActions = 2 * kMaxClients + kRegions * kRegions * (6 + kLinkCapacity);

  explicit Lww(const Params& p);

  std::vector<State> initial_states() const;

  template <class Sink>
  void actions(const State& s, Sink&& out) const {
    for (int c = 0; c < clients_; ++c) {
      auto i = std::uint8_t(c);
      if (s.pending[c] < 0 && s.ops_started[c] < ops_) out(Action{Action::Invoke, i});
      if (s.pending[c] >= 0) out(Action{Action::Acknowledge, i});
    }
    for (int src = 0; src < regions_; ++src)
      for (int dst = 0; dst < regions_; ++dst) {
        if (src == dst) continue;
        auto a = std::uint8_t(src), b = std::uint8_t(dst);
        out(Action{Action::Ship, a, b});
        s.net.deliverable(src, dst, ordering_, [&](int k) { out(Action{Action::Deliver, a, b, std::uint8_t(k)}); });
        if (s.cuts < max_cuts_ && !s.net.is_cut(src, dst)) out(Action{Action::Cut, a, b});
        if (s.net.is_cut(src, dst)) out(Action{Action::Heal, a, b});
        if (s.crashes < max_crashes_) out(Action{Action::Crash, a, b});
        out(Action{Action::Restart, a, b});
        if (s.pauses < max_pauses_) out(Action{Action::Pause, a, b});
        out(Action{Action::Resume, a, b});
      }
  }

  bool next(const State& s, const Action& a, State& out) const;
  void encode(const State& s, ByteWriter& w) const;
  void decode(ByteReader& r, State& s) const;
  // Nothing but a new fault could happen: clients done, streams shipped,
  // links drained and healed, every replicator running.
  bool quiescent(const State& s) const;
  std::vector<Property<State>> properties() const;
  std::string describe(const Action& a) const;
  std::vector<std::pair<std::string, std::string>> fields(const State& s) const;
  // Timing diagrams: one lane per region, as seed 004 draws them.
  std::vector<std::string> lanes() const;
  StepInfo step_info(const State& before, const Action& a, const State& after) const;

  int regions() const { return regions_; }
  int keys() const { return keys_; }
  int skew(int region) const { return region == 1 ? skew_ : 0; }

 private:
  struct Op {
    bool is_read;
    std::uint8_t region, key, value;
  };
  Op workload(int client, int index) const;

  int regions_, keys_, clients_, ops_, max_cuts_, max_crashes_, max_pauses_, skew_;
  world::Ordering ordering_;
  protocol::lww::Bug bug_;
};

}  // namespace replicheck::models
