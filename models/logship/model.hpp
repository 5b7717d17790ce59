// Single-writer log shipping (Aurora Global Database): one primary region
// takes writes and transactions, a storage-level redo stream per secondary
// ships them asynchronously in LSN order, and secondaries apply them in
// order and serve reads. Writes sent to a secondary are refused (CP), also
// during a partition. The control plane (actions of this model, not a
// role) switches over (planned: drain the target, promote it; RPO 0) and
// fails over (the primary's region is lost: promote a secondary with what it
// has applied; acknowledged writes not yet shipped are lost).
//
// Fencing of the old primary after a failover (`fencing`):
//  - none: nothing tells it; if it comes back it still takes writes;
//  - best-effort: the new primary sends it a fence message, which a
//    partition can hold up (the real system's behaviour);
//  - lease: a primary takes writes only under a lease it renews while it
//    can reach the other regions; the control plane promotes only once the
//    lost primary's lease has run out, and a renewal after that deposes it.
// A deposed primary rejoins as a secondary, discarding its unshipped tail.
// With `rpo=K` a commit waits unless some secondary has acknowledged all but
// at most K-1 records of the log (managed RPO, in records instead of seconds).
// On a failover the other secondaries follow the new primary from what it
// has (the control plane reattaches them).
#pragma once
#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "models/params.hpp"
#include "models/step_info.hpp"
#include "models/world/serving.hpp"
#include "models/world/symmetry.hpp"
#include "models/world/world.hpp"
#include "properties/property.hpp"
#include "protocol/logship/shipper.hpp"
#include "protocol/logship/volume.hpp"

namespace replicheck::models {

class LogShipping {
 public:
  static constexpr std::string_view kName = "logship";
  static constexpr std::string_view kSummary =
      "single-writer log shipping (Aurora Global Database): switchover, failover, fencing, managed RPO";
  static std::vector<ParamSpec> param_specs();

  static constexpr int kRegions = protocol::logship::kMaxRegions;
  static constexpr int kMaxClients = 3, kMaxOps = 4, kLinkCapacity = 3;
  static_assert(protocol::logship::kMaxLog >= kMaxClients * kMaxOps);
  using Msg = protocol::logship::Message;
  enum class Fencing : std::uint8_t { None, BestEffort, Lease };
  // Reader patterns from seed 003: reads go to the primary, stick to the
  // primary for `sticky-window` operations after a write, or carry the
  // session's LSN token (a secondary serves the read only once it has
  // applied that far, else the read waits).
  enum class Pattern : std::uint8_t { None, ReadPrimary, Sticky, LsnToken };
  // Write forwarding from a secondary to the primary, with the read
  // consistency of the real feature: eventual (no waiting), session (a read
  // waits for the session's own writes), global (a read waits for all that
  // was committed when it began).
  enum class Forwarding : std::uint8_t { Off, Eventual, Session, Global };

  // What a session remembers: the newest LSN it wrote or read (its token),
  // and for a global read the LSN it must wait for.
  struct Session {
    std::uint8_t token = 0, fence = 0, sticky_left = 0;
  };

  struct State : world::Part<Msg, kRegions, kLinkCapacity, kMaxClients, kMaxOps> {
    std::array<protocol::logship::Volume, kRegions> volumes;
    std::array<protocol::logship::Shipper, kRegions * kRegions> shippers;  // [source * kRegions + dest]
    std::uint8_t epoch = 1;         // the control plane's: the newest primary's epoch
    std::uint8_t switching_to = 0;  // a switchover in progress: target + 1
    std::uint8_t switchovers = 0, failovers = 0, switched = 0;
    std::array<Session, kMaxClients> sessions{};
  };

  struct Action {
    enum Kind : std::uint8_t {
      Client, Ship, Deliver, Resend, RoleFault, Fault,
      BeginSwitchover, CompleteSwitchover, Failover, LoseLease, RenewLease, Rejoin
    } kind;
    std::uint8_t a = 0, b = 0, c = 0;  // regions (source, destination, message index or fault)
    world::ClientStep client{};
    world::NetworkFault::Kind fault = world::NetworkFault::Cut;
  };
  static constexpr std::size_t kMaxActions =
      2 * kMaxClients + 4 * kRegions + kRegions * kRegions * (6 + kLinkCapacity + 2 * kLinkCapacity) + 4 * kRegions;

  explicit LogShipping(const Params& p);
  std::vector<State> initial_states() const;

  template <class Sink>
  void actions(const State& s, Sink&& out) const {
    world::client_steps(s.clients, world_.workload, false,
                        [&](const world::ClientStep& c) { out(Action{Action::Client, 0, 0, 0, c}); });
    for (int src = 0; src < regions(); ++src)
      for (int dst = 0; dst < regions(); ++dst) {
        if (src == dst) continue;
        auto a = std::uint8_t(src), b = std::uint8_t(dst);
        out(Action{Action::Ship, a, b});
        s.net.deliverable(src, dst, world_.ordering, [&](int k) { out(Action{Action::Deliver, a, b, std::uint8_t(k)}); });
        if (s.net.in_flight(src, dst).empty()) out(Action{Action::Resend, a, b});
        world::role_faults(s.faults, world_.faults,
                           [&](world::RoleFault::Kind k) { out(Action{Action::RoleFault, a, b, std::uint8_t(k)}); });
      }
    for (int r = 0; r < regions(); ++r) {
      auto x = std::uint8_t(r);
      out(Action{Action::BeginSwitchover, x});
      out(Action{Action::CompleteSwitchover, x});
      out(Action{Action::Failover, x});
      out(Action{Action::LoseLease, x});
      out(Action{Action::RenewLease, x});
      out(Action{Action::Rejoin, x});
    }
    world::network_faults(s.net, s.faults, world_.faults, regions(), [&](const world::NetworkFault& f) {
      out(Action{Action::Fault, f.a, f.b, f.c, {}, f.kind});
    });
  }

  bool next(const State& s, const Action& a, State& out) const;
  void encode(const State& s, ByteWriter& w) const;
  void decode(ByteReader& r, State& s) const;
  bool quiescent(const State& s) const;
  std::vector<Property<LogShipping>> properties() const;
  std::string describe(const Action& a) const;
  // Symmetry (explorer/search/symmetry.hpp; logship/symmetry.cpp says which
  // renamings): the secondaries with their clients, and clients of one home
  // with the same workload.
  std::string symmetry() const;
  void canonicalize(State& s) const;
  State renamed(const State& s, const world::Renaming& g) const;
  const std::vector<world::Renaming>& symmetries() const { return symmetries_; }
  // Persistent sets (explorer/search/persistent_sets.hpp): a shipper's next
  // record may be taken alone once the control plane can change no volume
  // again (every switchover run, no failover possible) and the shipper goes
  // from the current primary to a secondary of its epoch. It moves only the
  // shipper's position and the link's tail, which no property reads.
  bool alone(const State& s, const Action& a) const;
  std::string persistent_sets() const;
  std::vector<std::pair<std::string, std::string>> fields(const State& s) const;
  std::vector<std::string> lanes() const;
  StepInfo step_info(const State& before, const Action& a, const State& after) const;

  int regions() const { return world_.regions; }
  const world::Config& world_config() const { return world_; }
  const world::Workload& workload() const { return world_.workload; }
  Fencing fencing() const { return fencing_; }
  int rpo() const { return rpo_; }
  Forwarding forwarding() const { return forwarding_; }
  // Where a write sent to region r is committed: r if it is the primary,
  // the primary if r forwards writes to it; -1 if r refuses it.
  int commits_at(const State& s, int r) const;
  // The LSN a pending read must wait for at its region (0: none).
  int read_waits_for(const State& s, int c) const;
  // The region that is primary in the control plane's epoch, or -1.
  int primary(const State& s) const;
  // Region r's volume can acknowledge a write now (primary, lease, RPO).
  bool can_commit(const State& s, int r) const;
  // The managed-RPO bound alone holds up a commit at r.
  bool rpo_blocks(const State& s, int r) const;

  // Serving clients (models/world/serving.hpp; logship/serving.cpp).
  void route(const State& s, world::ClientOp& op, State& out) const;
  bool ready(const State& s, int c) const;
  world::OpStatus serve(State& out, int c, int lag) const;

 private:
  bool control(const State& s, const Action& a, State& out) const;
  bool deliver(const State& s, const Action& a, State& out) const;

  world::Config world_;
  Fencing fencing_;
  Pattern pattern_;
  Forwarding forwarding_;
  int rpo_, max_switchovers_, max_failovers_, sticky_window_;
  protocol::logship::Bug bug_;
  std::vector<world::Renaming> symmetries_;
};

}  // namespace replicheck::models
