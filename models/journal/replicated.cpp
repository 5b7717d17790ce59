// The replicated journal's steps (journal=replicated; roles in
// protocol/journal/journal_replica.hpp): a proposal reaching the leader, an
// accept with its acknowledgement, an election; each needs its route at that
// moment (two hops through the third region are the relay), and every
// commit is recorded in the ghost atomic journal the replicas must refine.
#include "models/journal/model.hpp"

namespace replicheck::models {

namespace jr = protocol::journal;

namespace {
bool two_way(const Mrsc& m, const Mrsc::State& s, int a, int b, bool relay) {
  return m.route_exists(s, a, b, relay) && m.route_exists(s, b, a, relay);
}
}  // namespace

int Mrsc::leader(const State& s) const {
  int best = -1;
  for (int r = 0; r < kRegions; ++r)
    if (s.replicas[r].in<jr::ReplicaDef::Leader>() &&
        (best < 0 || s.replicas[r].data.promised > s.replicas[best].data.promised))
      best = r;
  return best;
}

// The leader of the highest ballot that region o can reach both ways (its own region needs no route).
int Mrsc::reachable_leader(const State& s, int o) const {
  int best = -1;
  for (int r = 0; r < kRegions; ++r) {
    if (!s.replicas[r].in<jr::ReplicaDef::Leader>() || s.net.is_down(r)) continue;
    if (r != o && !two_way(*this, s, o, r, bug_ != jr::Bug::NoRelay)) continue;
    if (best < 0 || s.replicas[r].data.promised > s.replicas[best].data.promised) best = r;
  }
  return best;
}

// Every commit extends the ghost journal; a region that commits while it
// reaches no other is recorded (it cannot, with a majority quorum).
void Mrsc::record_commits(const State& before, State& s) const {
  auto& ghost = s.journal.data;
  for (int r = 0; r < kRegions; ++r) {
    const auto& replica = s.replicas[r].data;
    if (replica.commit > before.replicas[r].data.commit && !in_majority(before, r)) s.isolated_commit = true;
    for (int p = ghost.length + 1; p <= replica.commit; ++p) ghost.entries[ghost.length++] = jr::Slot::entry(replica.log[p - 1]);
  }
}

// The leader l sends follower f what f lacks; f answers how much it now
// shares. A follower that promised a higher ballot tells l it was replaced.
bool Mrsc::replicate(const State& s, int l, int f, State& out) const {
  const auto& leader_role = s.replicas[l];
  if (!leader_role.in<jr::ReplicaDef::Leader>() || !two_way(*this, s, l, f, bug_ != jr::Bug::NoRelay)) return false;
  out = s;
  if (s.replicas[f].data.promised > leader_role.data.promised)
    return leader_role.fire(jr::Outvoted{s.replicas[f].data.promised}, out.replicas[l]);
  if (!s.replicas[f].fire(jr::AcceptFrom{&leader_role.data}, out.replicas[f])) return false;
  const std::uint8_t agreed = jr::JournalReplica::outbox().agreed;
  const auto &was = s.replicas[f].data, &now = out.replicas[f].data;
  const bool changed = was.length != now.length || was.commit != now.commit || was.promised != now.promised ||
                       !std::equal(was.log.begin(), was.log.begin() + was.length, now.log.begin()) ||
                       leader_role.data.match[f] != agreed || out.replicas[f].active() != s.replicas[f].active();
  if (!changed) return false;  // nothing new for f: not a step
  out.replicas[l].fire(jr::AckedBy{std::uint8_t(f), agreed});
  if (!s.net.carries(l, f) || !s.net.carries(f, l)) out.relayed = true;
  record_commits(s, out);
  return true;
}

// Region r, which has lost touch with the leader (down, or no route both
// ways), takes a ballot above what it and one region it reaches have
// promised, gets that region's promise and its log, and recovers.
bool Mrsc::elect(const State& s, int r, State& out) const {
  if (s.elections >= max_elections_ || s.net.is_down(r) || !s.replicas[r].in<jr::ReplicaDef::Follower>()) return false;
  const int l = leader(s);
  if (l >= 0 && !s.net.is_down(l) && two_way(*this, s, r, l, bug_ != jr::Bug::NoRelay)) return false;
  int q = -1;
  for (int i = 1; i < kRegions && q < 0; ++i)
    if (two_way(*this, s, r, (r + i) % kRegions, bug_ != jr::Bug::NoRelay)) q = (r + i) % kRegions;
  if (q < 0) return false;
  const auto ballot = std::uint8_t(std::max(s.replicas[r].data.promised, s.replicas[q].data.promised) + 1);
  out = s;
  if (!s.replicas[q].fire(jr::Promise{ballot}, out.replicas[q])) return false;
  if (!s.replicas[r].fire(jr::TakeOver{ballot, &out.replicas[q].data}, out.replicas[r])) return false;
  ++out.elections;
  return true;
}

bool Mrsc::abandoned(const State& s, int c) const {
  const Session& session = s.sessions[c];
  const int l = leader(s);
  if (!replicated_ || !session.slot || l < 0 || s.replicas[l].data.promised <= session.ballot) return false;
  const auto& log = s.replicas[l].data;
  if (log.length < session.slot) return true;
  return jr::Slot::entry(log.log[session.slot - 1]).pack() != session.entry;
}

bool Mrsc::can_elect(const State& s) const {
  State scratch;
  for (int r = 0; r < kRegions; ++r)
    if (elect(s, r, scratch)) return true;
  return false;
}

// Some leader can bring a follower something, or a new leader can be elected.
bool Mrsc::journal_moves(const State& s) const {
  State scratch;
  for (int l = 0; l < kRegions; ++l)
    for (int f = 0; f < kRegions; ++f)
      if (l != f && replicate(s, l, f, scratch)) return true;
  return can_elect(s);
}

// One leader, every replica holding its whole log, committed, and every
// engine has applied it.
bool Mrsc::replicas_settled(const State& s) const {
  const int l = leader(s);
  if (l < 0) return false;
  const auto& lead = s.replicas[l].data;
  for (int r = 0; r < kRegions; ++r) {
    const auto& replica = s.replicas[r].data;
    if ((r != l && !s.replicas[r].in<jr::ReplicaDef::Follower>()) || replica.length != lead.length ||
        replica.commit != lead.length || replica.promised != lead.promised ||
        !std::equal(replica.log.begin(), replica.log.begin() + lead.length, lead.log.begin()))
      return false;
    if (full(r) && (!s.engines[r].in<jr::EngineDef::Running>() || s.engines[r].data.applied != lead.length))
      return false;
  }
  return true;
}

void Mrsc::encode_replicas(const State& s, ByteWriter& w) const {
  for (const auto& replica : s.replicas) {
    const auto& d = replica.data;
    w.u64(std::uint64_t(replica.active() | d.length << 8 | d.commit << 16 | d.promised << 24) |
          std::uint64_t(d.match[0] | d.match[1] << 8 | d.match[2] << 16) << 32);
    for (int i = 0; i < d.length; ++i) w.u32(d.log[i]);
  }
}

void Mrsc::decode_replicas(ByteReader& in, State& s) const {
  for (auto& replica : s.replicas) {
    auto& d = replica.data;
    std::uint64_t h = in.u64();
    replica.restore_active(int(h & 0xff));
    d.length = std::uint8_t(h >> 8), d.commit = std::uint8_t(h >> 16), d.promised = std::uint8_t(h >> 24);
    d.match = {std::uint8_t(h >> 32), std::uint8_t(h >> 40), std::uint8_t(h >> 48)};
    for (int i = 0; i < d.length; ++i) d.log[i] = in.u32();
  }
}

}  // namespace replicheck::models
