// Multi-region strong consistency (DynamoDB global tables, MRSC): three
// regions share a journal; a write commits once durable in two of them.
// Each full region's replication engine turns a write into an idempotent
// conditional entry ("put v if the item's version is x"), appends it, and
// applies committed entries in journal order; an entry whose condition no
// longer holds is skipped everywhere, and its client gets a retryable
// replicated write conflict (the SDK retries, `retries` times). A strongly
// consistent read appends a read fence and reads once it has applied up to
// it; an eventually consistent read reads the local table at once.
//
// With `witness=1`, r2 is a witness: it holds the journal, no table, and
// serves no clients. A region that cannot reach another one (isolated,
// down, or every link cut) cannot append: its writes and strong reads fail
// at once with an error; the other two stay available. With one link cut,
// entries take the longer route: a region forwards entries it holds to a
// region that lacks them, whoever made them (the relay). Transactions are
// refused (not supported in this mode).
//
// Two journal levels (`journal`):
//  - atomic (protocol/journal/atomic_journal.hpp): an append, its
//    durability in two regions and its commit are one step that needs a
//    two-way route at that moment; delivery to a third region is a later
//    step that needs a link from a region holding the entry;
//  - replicated (protocol/journal/journal_replica.hpp): a leader (r0 in
//    ballot 1) orders entries and replicates them, committing on two of
//    three; within `elections`, a region with a promise from another takes
//    a higher ballot and recovers the log from that majority. The atomic
//    journal's sequence is kept beside it as a ghost (every committed entry,
//    in order), and `refines-atomic-journal` checks the replicas against it.
// No journal message waits in flight (each exchange is one step that needs
// its route), so `drops`, `duplicates` and `ordering` do not apply.
// Faults: the world's cuts, isolations and outages; engine crashes (the
// engine resumes from its checkpoint and re-applies); `losses` (a region's
// storage is lost: it starts empty and rebuilds from the journal).
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
#include "protocol/journal/atomic_journal.hpp"
#include "protocol/journal/engine.hpp"
#include "protocol/journal/journal_replica.hpp"

namespace replicheck::models {

class Mrsc {
 public:
  static constexpr std::string_view kName = "mrsc";
  static constexpr std::string_view kSummary =
      "quorum journal (DynamoDB global tables, multi-region strong consistency): conditional entries, read fences, "
      "witness, relay";
  static std::vector<ParamSpec> param_specs();

  static constexpr int kRegions = protocol::journal::kRegions;
  static constexpr int kMaxClients = 3, kMaxOps = 5;
  static_assert(protocol::journal::kMaxKeys == world::kMaxKeys);
  struct NoMessage {  // the journal's steps carry nothing in flight
    int key() const { return 0; }
    void encode(ByteWriter&) const {}
    void decode(ByteReader&) {}
  };

  // A client's operation in the journal: the entry it appended (its
  // position), how applying it went, and the retries used so far.
  struct Session {
    std::uint8_t slot = 0;
    protocol::journal::Outcome outcome = protocol::journal::Outcome::None;
    std::uint8_t tries = 0;
    std::uint8_t ballot = 0;  // journal=replicated: the ballot of the leader that took the entry
    std::uint32_t entry = 0;  // the entry itself (packed): a retry's differs (a fresh read)
    bool lost = false;        // its entry is gone (lost with a region, replaced by a new leader's)
  };

  struct State : world::Part<NoMessage, kRegions, 1, kMaxClients, kMaxOps> {
    // journal=atomic: the journal; journal=replicated: the ghost of every
    // committed entry, in commit order (what the atomic journal would hold).
    protocol::journal::AtomicJournal journal;
    std::array<protocol::journal::JournalReplica, kRegions> replicas;  // journal=replicated
    std::uint8_t elections = 0;
    std::array<protocol::journal::Engine, kRegions> engines;
    std::array<Session, kMaxClients> sessions{};
    std::uint8_t losses = 0, lost = 0;  // regions lost so far; bit r: r was lost
    // Observers, set by the step that makes them true and never cleared.
    bool relayed = false;          // a region received an entry its maker could not send it
    bool isolated_commit = false;  // a region committed while it could reach no other
  };

  struct Action {
    enum Kind : std::uint8_t { Client, Append, Store, Apply, Checkpoint, RoleFault, Lose, Fault, Replicate, Elect } kind;
    // Append: client; Replicate: leader, follower; others: region (, RoleFault: its kind)
    std::uint8_t a = 0, b = 0, c = 0;
    world::ClientStep client{};
    world::NetworkFault::Kind fault = world::NetworkFault::Cut;
  };
  static constexpr std::size_t kMaxActions =
      3 * kMaxClients + 9 * kRegions + 2 * kRegions + 3 * kRegions * kRegions;

  explicit Mrsc(const Params& p);
  std::vector<State> initial_states() const;

  template <class Sink>
  void actions(const State& s, Sink&& out) const {
    world::client_steps(s.clients, world_.workload, mixed_reads_,
                        [&](const world::ClientStep& c) { out(Action{Action::Client, 0, 0, 0, c}); });
    for (int c = 0; c < workload().clients; ++c) out(Action{Action::Append, std::uint8_t(c)});
    for (int r = 0; r < kRegions; ++r) {
      auto x = std::uint8_t(r);
      if (replicated_) {
        for (int f = 0; f < kRegions; ++f)
          if (f != r) out(Action{Action::Replicate, x, std::uint8_t(f)});
        if (s.elections < max_elections_) out(Action{Action::Elect, x});
      } else {
        out(Action{Action::Store, x});
      }
      if (!full(r)) continue;
      out(Action{Action::Apply, x});
      if (world_.faults.crashes > 0) out(Action{Action::Checkpoint, x});
      world::role_faults(s.faults, world_.faults,
                         [&](world::RoleFault::Kind k) { out(Action{Action::RoleFault, x, 0, std::uint8_t(k)}); });
    }
    if (s.losses < max_losses_)
      for (int r = 0; r < kRegions; ++r) out(Action{Action::Lose, std::uint8_t(r)});
    world::network_faults(s.net, s.faults, world_.faults, kRegions, [&](const world::NetworkFault& f) {
      out(Action{Action::Fault, f.a, f.b, f.c, {}, f.kind});
    });
  }

  bool next(const State& s, const Action& a, State& out) const;
  void encode(const State& s, ByteWriter& w) const;
  void decode(ByteReader& r, State& s) const;
  bool quiescent(const State& s) const;
  std::vector<Property<Mrsc>> properties() const;
  std::string describe(const Action& a) const;
  // Symmetry (explorer/search/symmetry.hpp; journal/symmetry.cpp says which
  // renamings): regions by rotation with their clients, and clients of one
  // home with the same workload.
  std::string symmetry() const;
  void canonicalize(State& s) const;
  State renamed(const State& s, const world::Renaming& g) const;
  const std::vector<world::Renaming>& symmetries() const { return symmetries_; }
  std::vector<std::pair<std::string, std::string>> fields(const State& s) const;
  std::vector<std::string> lanes() const;
  StepInfo step_info(const State& before, const Action& a, const State& after) const;

  int regions() const { return kRegions; }
  const world::Config& world_config() const { return world_; }
  const world::Workload& workload() const { return world_.workload; }
  protocol::journal::Bug bug() const { return bug_; }
  bool mixed_reads() const { return mixed_reads_; }
  int max_losses() const { return max_losses_; }
  // Region r has a table and an engine (not the witness).
  bool full(int r) const { return !(witness_ && r == kRegions - 1); }
  bool replicated() const { return replicated_; }
  // Entry p as region r's engine sees it (its region's copy of the journal).
  protocol::journal::Entry entry_at(const State& s, int r, int p) const;
  // How far region r's engine may apply: what its region holds, committed.
  int appliable(const State& s, int r) const;
  // journal=replicated: the leader of the highest ballot, or -1.
  int leader(const State& s) const;
  // a reaches b now, directly or (with relay, the protocol's way) through the third region.
  bool route_exists(const State& s, int a, int b, bool relay) const;
  // The region o appends with (two-way route), or -1; o itself under quorum-of-one.
  int append_peer(const State& s, int o) const;
  // o can reach some region both ways (relayed if need be): o is in a majority.
  bool in_majority(const State& s, int o) const;
  // journal=replicated: client c's entry went to a leader since replaced,
  // and the new leader's log does not have it: the client times out.
  bool abandoned(const State& s, int c) const;
  // Client c's pending operation can take a step towards its answer now.
  bool advances(const State& s, int c) const;
  // Needs the journal: a write or a strong read (not a refused transaction).
  bool uses_journal(const world::ClientOp& op) const;

  // Serving clients (models/world/serving.hpp; journal/serving.cpp).
  void route(const State& s, world::ClientOp& op, State& out) const;
  bool ready(const State& s, int c) const;
  world::OpStatus serve(State& out, int c, int lag) const;

 private:
  bool append(const State& s, int c, State& out) const;
  bool can_store(const State& s, int d) const;
  bool store(const State& s, int d, State& out) const;
  bool apply(const State& s, int d, State& out) const;
  bool lose(const State& s, int r, State& out) const;
  bool replicate(const State& s, int l, int f, State& out) const;
  bool elect(const State& s, int r, State& out) const;
  void record_commits(const State& before, State& s) const;
  int reachable_leader(const State& s, int o) const;
  bool can_elect(const State& s) const;
  bool journal_moves(const State& s) const;
  bool replicas_settled(const State& s) const;
  void encode_replicas(const State& s, ByteWriter& w) const;
  void decode_replicas(ByteReader& in, State& s) const;
  std::vector<world::Renaming> renamings() const;

  world::Config world_;
  bool witness_, mixed_reads_, replicated_;
  int retries_, max_losses_, max_elections_;
  protocol::journal::Bug bug_;
  std::vector<world::Renaming> symmetries_;
};

}  // namespace replicheck::models
