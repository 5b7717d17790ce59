#include "models/journal/model.hpp"

#include <fmt/format.h>

namespace replicheck::models {

namespace jr = protocol::journal;
using world::ClientOp, world::OpKind;

namespace {
enum class Reads : std::uint8_t { Strong, Mixed };
enum class Level : std::uint8_t { Atomic, Replicated };
const Choices<Level> kLevels = {{"atomic", Level::Atomic}, {"replicated", Level::Replicated}};
const Choices<Reads> kReads = {{"strong", Reads::Strong}, {"mixed", Reads::Mixed}};
const Choices<jr::Bug> kBugs = {{"none", jr::Bug::None},
                                {"no-read-fence", jr::Bug::NoReadFence},
                                {"unconditional-entries", jr::Bug::UnconditionalEntries},
                                {"quorum-of-one", jr::Bug::QuorumOfOne},
                                {"no-relay", jr::Bug::NoRelay},
                                {"no-idempotence-check", jr::Bug::NoIdempotenceCheck},
                                {"apply-before-commit", jr::Bug::ApplyBeforeCommit},
                                {"leader-recovers-from-one", jr::Bug::LeaderRecoversFromOne}};

world::Defaults world_defaults() {
  auto d = world::Defaults::of<Mrsc>();
  d.regions = 3;
  d.keys = "1";
  d.ordering_meaning = "unused by mrsc: no journal message waits in flight";
  d.crash_meaning = "replication engine crashes (each resumes from its checkpoint and re-applies)";
  d.pause_meaning = "unused by mrsc";
  return d;
}

// An ordering that would silently do nothing here is refused (the unused
// budgets allow only 0: see param_specs).
void refuse_unused(const Params& p) {
  if (p.word("ordering") != "key-fifo")
    throw BadParam("parameter 'ordering': mrsc has no messages in flight, so no delivery order");
}
}  // namespace

std::vector<ParamSpec> Mrsc::param_specs() {
  std::vector<ParamSpec> specs = world::Config::specs(world_defaults());
  for (auto& s : specs) {
    if (s.name == "regions") s.min = s.max = kRegions, s.meaning = "number of regions (a journal needs exactly 3)";
    if (s.name == "ops") s.default_value = "2";
    if (s.name == "homes") s.meaning += "; never the witness";
    if (s.name == "drops" || s.name == "duplicates" || s.name == "pauses")
      s.max = 0, s.meaning = "unused by mrsc: no journal message waits in flight, no role pauses";
  }
  specs.push_back(choice_spec("journal", kLevels, "atomic",
                              "atomic (append and commit in one step) or replicated (a leader, ballots, recovery "
                              "from a majority; adds refines-atomic-journal and leader-change)"));
  specs.push_back({"elections", "1", "journal=replicated: leader elections the regions may hold", 0, 2, {}});
  specs.push_back({"witness", "0", "1: r2 is a witness (journal only: no table, no clients)", 0, 1, {}});
  specs.push_back(choice_spec("reads", kReads, "strong",
                              "strong: every read appends a read fence; mixed: each read may also be eventually "
                              "consistent (local); adds eventual-reads-linearizable"));
  specs.push_back({"retries", "1", "times a client (its SDK) retries a write after a replicated write conflict",
                   0, 9, {}});
  specs.push_back({"losses", "0", "fault budget: regions whose storage is lost (they rebuild from the journal)",
                   0, 1, {}});
  specs.push_back(choice_spec("bug", kBugs, "none", "seeded bug"));
  return specs;
}

Mrsc::Mrsc(const Params& p)
    : world_(world::Config::from(p)),
      witness_(p.integer("witness") == 1),
      mixed_reads_(p.choice("reads", kReads) == Reads::Mixed),
      replicated_(p.choice("journal", kLevels) == Level::Replicated),
      retries_(int(p.integer("retries"))),
      max_losses_(int(p.integer("losses"))),
      max_elections_(replicated_ ? int(p.integer("elections")) : 0),
      bug_(p.choice("bug", kBugs)) {
  refuse_unused(p);
  if (replicated_ && max_losses_ > 0)
    throw BadParam("parameter 'losses': journal=replicated does not model a lost region (a replica that forgets "
                   "its promises breaks any quorum protocol); use outages or isolations");
  const bool replicated_bug = bug_ == jr::Bug::ApplyBeforeCommit || bug_ == jr::Bug::LeaderRecoversFromOne;
  if (replicated_bug && !replicated_) throw BadParam("parameter 'bug': this seeded bug needs journal=replicated");
  if (!witness_) {
    symmetries_ = renamings();
    return;
  }
  // Clients live in the full regions: by default client c in r(c % 2).
  const bool given = !p.word("homes").empty();
  auto homes = given ? p.integers("homes") : std::vector<std::int64_t>{};
  for (int c = 0; c < world_.workload.clients; ++c) {
    if (c < int(homes.size()) && homes[c] == kRegions - 1)
      throw BadParam(fmt::format("parameter 'homes': client {} cannot live in r2, the witness", c));
    if (c >= int(homes.size())) world_.workload.homes[c] = c % 2;
  }
  symmetries_ = renamings();
}

std::vector<Mrsc::State> Mrsc::initial_states() const {
  State s;
  for (int r = 0; r < kRegions; ++r) {
    s.engines[r].data.bug = s.replicas[r].data.bug = bug_;
    s.engines[r].data.region = s.replicas[r].data.region = std::uint8_t(r);
  }
  if (replicated_) {  // r0 leads ballot 1, and every region knows it (so no one else can take ballot 1)
    s.replicas[0].fire(jr::TakeOver{1, &s.replicas[0].data});
    for (auto& replica : s.replicas) replica.data.promised = 1;
  }
  return {s};
}

bool Mrsc::route_exists(const State& s, int a, int b, bool relay) const {
  if (s.net.carries(a, b)) return true;
  const int m = kRegions - a - b;  // the third region
  return relay && s.net.carries(a, m) && s.net.carries(m, b);
}

int Mrsc::append_peer(const State& s, int o) const {
  if (bug_ == jr::Bug::QuorumOfOne) return o;
  const bool relay = bug_ != jr::Bug::NoRelay;
  for (int i = 1; i < kRegions; ++i) {
    const int q = (o + i) % kRegions;
    if (route_exists(s, o, q, relay) && route_exists(s, q, o, relay)) return q;
  }
  return -1;
}

bool Mrsc::in_majority(const State& s, int o) const {
  for (int q = 0; q < kRegions; ++q)
    if (q != o && route_exists(s, o, q, true) && route_exists(s, q, o, true)) return true;
  return false;
}

bool Mrsc::next(const State& s, const Action& a, State& out) const {
  switch (a.kind) {
    case Action::Client: return world::take(*this, s, a.client, out);
    case Action::Append: return append(s, a.a, out);
    case Action::Store: return store(s, a.a, out);
    case Action::Apply: return apply(s, a.a, out);
    case Action::Checkpoint:
      out = s;
      return s.engines[a.a].fire(jr::Checkpoint{}, out.engines[a.a]);
    case Action::RoleFault: {
      auto kind = world::RoleFault::Kind(a.c);
      const auto& engine = s.engines[a.a];
      out = s;
      bool taken = kind == world::RoleFault::Crash     ? engine.fire(jr::Crash{}, out.engines[a.a])
                   : kind == world::RoleFault::Restart ? engine.fire(jr::Restart{}, out.engines[a.a])
                                                       : false;  // engines are not paused
      if (taken) world::count(out.faults, kind);
      return taken;
    }
    case Action::Lose: return lose(s, a.a, out);
    case Action::Replicate: return replicate(s, a.a, a.b, out);
    case Action::Elect: return elect(s, a.a, out);
    case Action::Fault:
      out = s;
      world::apply_network_fault(out.net, out.faults, {a.fault, a.a, a.b, a.c});
      return true;
  }
  return false;
}

// The engine of the client's region reads the item and appends "put v if
// version = x" (an increment: v = the value read + 1), or a read fence.
bool Mrsc::append(const State& s, int c, State& out) const {
  if (c >= workload().clients || !s.clients.busy(c)) return false;
  const ClientOp& op = s.clients.pending_op(c);
  const Session& session = s.sessions[c];
  const int o = op.region;
  if (!uses_journal(op) || session.slot || session.outcome != jr::Outcome::None || session.lost) return false;
  if (s.net.is_down(o) || !s.engines[o].in<jr::EngineDef::Running>()) return false;
  const int peer = replicated_ ? reachable_leader(s, o) : append_peer(s, o);
  if (peer < 0) return false;
  jr::Entry e;
  e.origin = std::uint8_t(o), e.client = std::uint8_t(c);
  if (op.kind == OpKind::Read) {
    e.kind = jr::Entry::Fence;
  } else {
    e.key = op.key;
    const jr::Item& item = s.engines[o].data.items[op.key];
    e.expect = item.version;
    e.value = op.kind == OpKind::Increment ? std::uint8_t(item.value + 1) : op.values[op.key];
  }
  out = s;
  if (replicated_) {  // the entry reaches the leader, which answers with its position
    if (!s.replicas[peer].fire(jr::Propose{e}, out.replicas[peer])) return false;
    out.sessions[c].slot = out.replicas[peer].data.length;
    out.sessions[c].ballot = out.replicas[peer].data.promised;
    out.sessions[c].entry = e.pack();
    record_commits(s, out);
    return true;
  }
  const bool catch_up = peer != o && bug_ != jr::Bug::NoRelay;
  if (!s.journal.fire(jr::Append{e, std::uint8_t(o), std::uint8_t(peer), catch_up}, out.journal)) return false;
  out.sessions[c].slot = out.journal.data.length;
  out.sessions[c].entry = e.pack();
  if (!in_majority(s, o)) out.isolated_commit = true;
  return true;
}

// Region d can receive the next entry it lacks: a region that holds it
// sends it over a link that carries; without relay only the entry's maker.
bool Mrsc::can_store(const State& s, int d) const {
  const auto& j = s.journal.data;
  if (j.held[d] >= j.length) return false;
  const int p = j.held[d] + 1, maker = j.entries[p - 1].origin;
  for (int h = 0; h < kRegions; ++h)
    if (h != d && j.held[h] >= p && s.net.carries(h, d) && (bug_ != jr::Bug::NoRelay || h == maker)) return true;
  return false;
}

bool Mrsc::store(const State& s, int d, State& out) const {
  if (!can_store(s, d)) return false;
  const int maker = s.journal.data.entries[s.journal.data.held[d]].origin;
  out = s;
  if (!s.journal.fire(jr::Store{std::uint8_t(d)}, out.journal)) return false;
  if (maker != d && !s.net.carries(maker, d)) out.relayed = true;
  return true;
}

bool Mrsc::advances(const State& s, int c) const {
  if (ready(s, c)) return true;
  const int o = s.clients.pending_op(c).region;
  const auto& engine = s.engines[o];
  if (engine.in<jr::EngineDef::Crashed>()) return true;  // it can restart
  if (replicated_) return s.sessions[c].slot == 0 ? reachable_leader(s, o) >= 0 || can_elect(s) :
                          engine.data.applied < appliable(s, o) || journal_moves(s);
  const auto& j = s.journal.data;
  if (s.sessions[c].slot == 0) {  // it can append now, or receive what it must hold first
    const int peer = append_peer(s, o);
    if (peer < 0) return false;
    const bool origin_whole = j.held[o] == j.length, peer_whole = j.held[peer] == j.length;
    const bool catch_up = peer != o && bug_ != jr::Bug::NoRelay;  // as the journal's Room guard
    if (catch_up ? origin_whole || peer_whole : origin_whole && peer_whole) return true;
    return can_store(s, o) || can_store(s, peer);
  }
  const int p = engine.data.applied + 1;
  return j.held[o] >= p || can_store(s, o);
}

// The engine applies the next entry it holds (every entry in the atomic
// journal is committed); the engine of the entry's region answers its
// client: done, or a conflict to retry.
bool Mrsc::apply(const State& s, int d, State& out) const {
  const auto& engine = s.engines[d];
  const int p = engine.data.applied + 1;
  if (s.net.is_down(d) || p > appliable(s, d)) return false;
  const jr::Entry e = entry_at(s, d, p);
  out = s;
  if (!engine.fire(jr::Apply{e, std::uint8_t(p)}, out.engines[d])) return false;
  // The client of region d waiting on position p: its answer, or, if p
  // holds another entry (a new leader replaced its entry), it never learns.
  for (int c = 0; c < workload().clients; ++c) {
    Session& session = out.sessions[c];
    if (session.slot != p || !s.clients.busy(c) || s.clients.pending_op(c).region != d) continue;
    if (e.pack() != session.entry) {
      session.lost = true;
      continue;
    }
    const jr::Outcome outcome = jr::Engine::outbox().outcome;
    if (outcome == jr::Outcome::Conflict && session.tries < retries_) {  // the SDK retries: a fresh read, a new entry
      session.slot = 0;
      ++session.tries;
    } else {
      session.outcome = outcome;
    }
  }
  return true;
}

jr::Entry Mrsc::entry_at(const State& s, int r, int p) const {
  return replicated_ ? jr::Slot::entry(s.replicas[r].data.log[p - 1]) : s.journal.data.entries[p - 1];
}

int Mrsc::appliable(const State& s, int r) const {
  if (!replicated_) return s.journal.data.held[r];
  const auto& replica = s.replicas[r].data;
  return bug_ == jr::Bug::ApplyBeforeCommit ? replica.length : replica.commit;
}

// A region's storage is lost: its journal copy and its table. Clients whose
// entries went with it never learn their outcome; the region's answers not
// yet given are recomputed as it rebuilds.
bool Mrsc::lose(const State& s, int r, State& out) const {
  if (s.losses >= max_losses_) return false;
  out = s;
  s.journal.fire(jr::Forget{std::uint8_t(r)}, out.journal);
  if (full(r)) s.engines[r].fire(jr::Wipe{}, out.engines[r]);
  for (int c = 0; c < workload().clients; ++c) {
    Session& session = out.sessions[c];
    if (session.slot > out.journal.data.length) session.lost = true;
    if (s.clients.busy(c) && s.clients.pending_op(c).region == r) session.outcome = jr::Outcome::None;
  }
  ++out.losses;
  out.lost |= std::uint8_t(1 << r);
  return true;
}

void Mrsc::encode(const State& s, ByteWriter& w) const {
  const auto& j = s.journal.data;
  w.u32(std::uint32_t(j.length | j.held[0] << 8 | j.held[1] << 16) | std::uint32_t(j.held[2]) << 24);
  for (int i = 0; i < j.length; ++i) w.u32(j.entries[i].pack());
  if (replicated_) encode_replicas(s, w);
  for (int r = 0; r < kRegions; ++r) {
    if (!full(r)) continue;
    const auto& e = s.engines[r];
    w.u32(std::uint32_t(e.active() | e.data.applied << 8 | e.data.checkpoint << 16) |
          std::uint32_t(e.data.twice | e.data.false_conflict << 1) << 24);
    std::uint64_t items = 0;
    for (int k = 0; k < workload().keys; ++k)
      items |= std::uint64_t(e.data.items[k].value | e.data.items[k].version << 8) << (16 * k);
    w.u64(items);
    if (world_.faults.crashes == 0) continue;  // only a replay reads the answers
    std::uint64_t answers = 0;
    for (int c = 0; c < workload().clients; ++c)
      answers |= std::uint64_t(e.data.answers[c].value | e.data.answers[c].version << 8) << (16 * c);
    w.u64(answers);
  }
  for (int c = 0; c < workload().clients; ++c) {
    const Session& ss = s.sessions[c];
    w.u32(std::uint32_t(ss.slot | std::uint8_t(ss.outcome) << 8 | ss.tries << 16) |
          std::uint32_t(ss.lost | ss.ballot << 1) << 24);
    if (ss.slot) w.u32(ss.entry);
  }
  w.u32(std::uint32_t(s.losses | s.lost << 4 | s.relayed << 8 | s.isolated_commit << 9) |
        std::uint32_t(s.elections) << 16);
  s.encode_world(world_, w);
}

void Mrsc::decode(ByteReader& in, State& s) const {
  auto& j = s.journal.data;
  std::uint32_t x = in.u32();
  j.length = std::uint8_t(x), j.held = {std::uint8_t(x >> 8), std::uint8_t(x >> 16), std::uint8_t(x >> 24)};
  for (int i = 0; i < j.length; ++i) j.entries[i] = jr::Entry::unpack(in.u32());
  if (replicated_) decode_replicas(in, s);
  for (int r = 0; r < kRegions; ++r) {
    if (!full(r)) continue;
    auto& e = s.engines[r];
    std::uint32_t h = in.u32();
    e.restore_active(int(h & 0xff));
    e.data.applied = std::uint8_t(h >> 8), e.data.checkpoint = std::uint8_t(h >> 16);
    e.data.twice = h >> 24 & 1, e.data.false_conflict = h >> 25 & 1;
    std::uint64_t items = in.u64();
    for (int k = 0; k < workload().keys; ++k)
      e.data.items[k] = {std::uint8_t(items >> (16 * k)), std::uint8_t(items >> (16 * k + 8))};
    if (world_.faults.crashes == 0) continue;
    std::uint64_t answers = in.u64();
    for (int c = 0; c < workload().clients; ++c)
      e.data.answers[c] = {std::uint8_t(answers >> (16 * c)), std::uint8_t(answers >> (16 * c + 8))};
  }
  for (int c = 0; c < workload().clients; ++c) {
    std::uint32_t v = in.u32();
    Session& ss = s.sessions[c];
    ss.slot = std::uint8_t(v), ss.outcome = jr::Outcome(std::uint8_t(v >> 8)), ss.tries = std::uint8_t(v >> 16);
    ss.lost = (v >> 24) & 1, ss.ballot = std::uint8_t(v >> 25);
    ss.entry = ss.slot ? in.u32() : 0;
  }
  std::uint32_t f = in.u32();
  s.losses = std::uint8_t(f & 0xf), s.lost = std::uint8_t(f >> 4 & 0xf);
  s.relayed = f >> 8 & 1, s.isolated_commit = f >> 9 & 1, s.elections = std::uint8_t(f >> 16);
  s.decode_world(world_, in);
}

// Nothing but a new fault could happen: the world settled, every region
// holds the whole journal and every engine is running and has applied it.
bool Mrsc::quiescent(const State& s) const {
  if (!s.settled(world_)) return false;
  if (replicated_) return replicas_settled(s);
  const auto& j = s.journal.data;
  for (int r = 0; r < kRegions; ++r) {
    if (j.held[r] != j.length) return false;
    if (full(r) && (!s.engines[r].in<jr::EngineDef::Running>() || s.engines[r].data.applied != j.length)) return false;
  }
  return true;
}

}  // namespace replicheck::models
