#include "models/lww/model.hpp"

#include <stdexcept>

#include <fmt/format.h>

namespace replicheck::models {

namespace lww = protocol::lww;

namespace {
const Choices<Lww::Pattern> kPatterns = {{"none", Lww::Pattern::None},
                                         {"sticky", Lww::Pattern::Sticky},
                                         {"version-tokens", Lww::Pattern::VersionTokens},
                                         {"conditional", Lww::Pattern::Conditional},
                                         {"home-region", Lww::Pattern::HomeRegion}};
const Choices<lww::Bug> kBugs = {{"none", lww::Bug::None},
                                 {"no-tiebreak", lww::Bug::NoTiebreak},
                                 {"apply-without-compare", lww::Bug::ApplyWithoutCompare},
                                 {"checkpoint-before-apply", lww::Bug::CheckpointBeforeApply},
                                 {"relay-no-origin-check", lww::Bug::RelayNoOriginCheck}};
const Choices<bool> kReads = {{"strong", false}, {"eventual", true}};

world::Defaults world_defaults() {
  auto d = world::Defaults::of<Lww>();
  // Seed 004 promises order per item only, so that is the default.
  d.ordering_meaning = "delivery order on each link: per item (what the protocol promises), whole link, or none";
  d.crashes = "1";
  d.crash_meaning = "replicator crashes (each restarts from its checkpoint)";
  d.pause_meaning = "replicator pauses (fault injection, seed 004)";
  return d;
}
}  // namespace

std::vector<ParamSpec> Lww::param_specs() {
  std::vector<ParamSpec> specs = world::Config::specs(world_defaults());
  specs.push_back(choice_spec("reads", kReads, "strong",
                              "strong: a read sees every write applied in its region; eventual: it may be served by "
                              "a storage replica one stream record behind"));
  specs.push_back(choice_spec("pattern", kPatterns, "none",
                              "client pattern: sticky (reads stay in the write's region for sticky-window operations), "
                              "version-tokens (a read waits for the newest version its session saw), conditional (a "
                              "write checks the version last read; adds conditional-write-refused), home-region (item "
                              "k is written only in region k % regions)"));
  specs.push_back({"sticky-window", "2", "pattern=sticky: operations after a write that read where it was made", 1,
                   kMaxOps, {}});
  specs.push_back(choice_spec("bug", kBugs, "none", "seeded bug"));
  return specs;
}

Lww::Lww(const Params& p)
    : world_(world::Config::from(p)),
      pattern_(p.choice("pattern", kPatterns)),
      sticky_window_(int(p.integer("sticky-window"))),
      eventual_reads_(p.choice("reads", kReads)),
      bug_(p.choice("bug", kBugs)),
      symmetries_(world::symmetries(world_, kMaxOps,
                                    pattern_ == Pattern::HomeRegion ? world::RegionMoves::None
                                                                    : world::RegionMoves::Rotations)) {}

std::vector<Lww::State> Lww::initial_states() const {
  State s;
  for (auto& r : s.regions) r.data.bug = bug_;
  for (int src = 0; src < kRegions; ++src)
    for (int dst = 0; dst < kRegions; ++dst) {
      auto& rep = s.replicators[src * kRegions + dst];
      rep.data.source = std::uint8_t(src);
      rep.data.bug = bug_;
    }
  return {s};
}

bool Lww::next(const State& s, const Action& a, State& out) const {
  const int src = a.a, dst = a.b;
  const auto& replicator = s.replicators[src * kRegions + dst];
  lww::Replicator rep;
  // A replicator fault or retry: the new replicator, nothing else changes.
  auto replicator_event = [&](const auto& event) {
    if (!replicator.fire(event, rep)) return false;
    out = s;
    out.replicators[src * kRegions + dst] = rep;
    return true;
  };
  switch (a.kind) {
    case Action::Client: return world::take(*this, s, a.client, out);
    case Action::Ship: {
      // The replicator reads its source's stream up to the next write it
      // ships: records replicated from elsewhere are skipped in the same
      // step, as nothing observes a replicator between them.
      const auto& source = s.regions[src].data;
      if (s.net.is_down(src) || replicator.data.position >= source.stream_length ||
          s.net.in_flight(src, dst).size() == kLinkCapacity)
        return false;
      lww::Replicator reading = replicator;
      do {
        std::uint8_t at = reading.data.position;
        if (!reading.fire(lww::Ship{source.stream[at], at})) return false;
      } while (!lww::Replicator::outbox().sent && reading.data.position < source.stream_length);
      out = s;
      out.replicators[src * kRegions + dst] = reading;
      if (lww::Replicator::outbox().sent) out.net.send(src, dst, lww::Replicator::outbox().write);
      return true;
    }
    case Action::Deliver: {
      if (s.regions[dst].data.stream_length == lww::kStreamCapacity) return false;  // cannot happen: see lww/model.hpp
      out = s;
      lww::ReplicatedWrite w = out.net.take(src, dst, a.c);
      out.regions[dst].fire(lww::ApplyReplicated{w.record});  // applied, or dropped as stale
      out.replicators[src * kRegions + dst].fire(lww::Ack{w.index});
      return true;
    }
    case Action::Retry: return replicator_event(lww::Retry{});
    case Action::RoleFault: {
      auto kind = world::RoleFault::Kind(a.c);
      bool taken = kind == world::RoleFault::Crash     ? replicator_event(lww::Crash{})
                   : kind == world::RoleFault::Restart ? replicator_event(lww::Restart{})
                   : kind == world::RoleFault::Pause   ? replicator_event(lww::Pause{})
                                                       : replicator_event(lww::Resume{});
      if (!taken) return false;
      // Writes it had shipped but not seen acknowledged die with it.
      if (kind == world::RoleFault::Crash)
        while (!out.net.in_flight(src, dst).empty()) out.net.drop(src, dst, 0);
      world::count(out.faults, kind);
      return true;
    }
    case Action::Fault:
      out = s;
      world::apply_network_fault(out.net, out.faults, {a.fault, a.a, a.b, a.c});
      return true;
  }
  return false;
}

Footprint Lww::footprint(const State& s, const Action& a) const {
  using namespace world::parts;
  const int src = a.a, dst = a.b;
  const std::uint64_t pair = pair_role(src, dst) | link(src, dst);
  switch (a.kind) {
    case Action::Client: {
      const int c = a.client.client;
      if (a.client.kind == world::ClientStep::Complete) {
        const world::ClientOp& op = s.clients.pending_op(c);
        return world::client_footprint(op.region, executes_at(op), op.writes());
      }
      // An invocation serves only a read in place; where it goes may be
      // the session's sticky region.
      world::ClientOp op = workload().planned(c, s.clients.started[c], kMaxOps);
      const Session& session = s.sessions[c];
      if (pattern_ == Pattern::Sticky && op.kind == world::OpKind::Read && session.sticky_left > 0)
        op.region = session.sticky_region;
      return world::client_footprint(op.region, executes_at(op), false);
    }
    case Action::Ship: return {region(src) | kTopology | pair, pair};
    case Action::Deliver: return {kTopology | region(dst) | pair, region(dst) | pair};
    case Action::Retry: return {pair, pair_role(src, dst)};
    case Action::RoleFault: return world::footprint(world::RoleFault::Kind(a.c), src, dst);
    case Action::Fault: return world::footprint(world::NetworkFault{a.fault, a.a, a.b, a.c});
  }
  return {kEverything, kEverything};
}

// Faults that stop or rewind a replicator (crash, pause, outage), lose what
// it shipped (drop: then a retry rewinds it) or fill its link (duplicate)
// would not commute with a ship; nor would the bug that checkpoints on read,
// and the bug that relays writes from elsewhere makes a ship visible (a
// property watches the link for relayed writes).
std::string Lww::persistent_sets() const {
  const world::FaultBudget& f = world_.faults;
  if (f.crashes || f.pauses || f.outages || f.drops || f.duplicates || bug_ == lww::Bug::CheckpointBeforeApply ||
      bug_ == lww::Bug::RelayNoOriginCheck)
    return "";
  return "a replicator's ship of the next write from its source";
}

bool Lww::alone(const State& s, const Action& a) const {
  if (a.kind != Action::Ship || persistent_sets().empty()) return false;
  // A ship reads up to the first write it ships. Only when that write is
  // already in the stream does a write appended behind it change nothing.
  const auto& source = s.regions[a.a].data;
  for (int i = s.replicators[a.a * kRegions + a.b].data.position; i < source.stream_length; ++i)
    if (source.stream[i].origin == a.a) return true;
  return false;
}

// A region's replica: its items, then its stream. Two records a store, the
// bytes of one u32 each: fewer, wider stores (see protocol/codec.hpp). A
// memcpy compiled to `rep movsq`, slower than this for a few records.
void Lww::encode_region(const lww::RegionReplicaData& d, ByteWriter& w) const {
  for (int k = 0; k < workload().keys; ++k) w.u32(d.items[k].pack());
  w.u8(std::uint8_t(d.stream_length | d.stale_dropped << 6 | d.overwrote_local << 7));
  int i = 0;
  for (; i + 1 < d.stream_length; i += 2) w.u64(d.stream[i].pack() | std::uint64_t(d.stream[i + 1].pack()) << 32);
  if (i < d.stream_length) w.u32(d.stream[i].pack());
}

// Encoding and decoding work on a local copy of the writer (reader): the
// byte stores into the buffer (into the state's byte fields) may alias
// anything the compiler cannot see is private, so with the caller's object
// its length (position) was reloaded from memory after every value.
void Lww::encode(const State& s, ByteWriter& out) const {
  ByteWriter w = out;
  for (int r = 0; r < regions(); ++r) encode_region(s.regions[r].data, w);
  // A replicator in one store: its state word, then acked.
  for (int src = 0; src < regions(); ++src)
    for (int dst = 0; dst < regions(); ++dst) {
      if (src == dst) continue;
      const auto& rep = s.replicators[src * kRegions + dst];
      w.u64(std::uint32_t(rep.active() | rep.data.position << 8 | rep.data.checkpoint << 16) |
            std::uint64_t(rep.data.acked) << 32);
    }
  s.encode_world(world_, w);
  if (pattern_ != Pattern::None && pattern_ != Pattern::HomeRegion)
    for (int c = 0; c < workload().clients; ++c) {
      const Session& ss = s.sessions[c];
      w.u8(std::uint8_t(ss.sticky_region | ss.sticky_left << 4));
      for (int k = 0; k < workload().keys; ++k) w.u32(ss.seen[k].pack());
    }
  out = w;
}

void Lww::decode(ByteReader& reader, State& s) const {
  ByteReader in = reader;
  for (int r = 0; r < regions(); ++r) {
    auto& d = s.regions[r].data;
    for (int k = 0; k < workload().keys; ++k) d.items[k] = lww::Item::unpack(in.u32());
    std::uint8_t head = in.u8();
    d.stream_length = head & 0x3f;
    d.stale_dropped = head >> 6 & 1;
    d.overwrote_local = head >> 7 & 1;
    if (d.stream_length > lww::kStreamCapacity) throw std::out_of_range("lww: corrupt stream length");
    int i = 0;
    for (; i + 1 < d.stream_length; i += 2) {
      std::uint64_t v = in.u64();
      d.stream[i] = lww::Record::unpack(std::uint32_t(v)), d.stream[i + 1] = lww::Record::unpack(std::uint32_t(v >> 32));
    }
    if (i < d.stream_length) d.stream[i] = lww::Record::unpack(in.u32());
  }
  for (int src = 0; src < regions(); ++src)
    for (int dst = 0; dst < regions(); ++dst) {
      if (src == dst) continue;
      auto& rep = s.replicators[src * kRegions + dst];
      std::uint64_t v = in.u64();
      rep.restore_active(int(v & 0xff));
      rep.data.position = std::uint8_t(v >> 8);
      rep.data.checkpoint = std::uint8_t(v >> 16);
      rep.data.acked = std::uint32_t(v >> 32);
    }
  s.decode_world(world_, in);
  if (pattern_ != Pattern::None && pattern_ != Pattern::HomeRegion)
    for (int c = 0; c < workload().clients; ++c) {
      Session& ss = s.sessions[c];
      std::uint8_t v = in.u8();
      ss.sticky_region = v & 0xf;
      ss.sticky_left = v >> 4;
      for (int k = 0; k < workload().keys; ++k) ss.seen[k] = lww::Item::unpack(in.u32());
    }
  reader = in;
}

bool Lww::quiescent(const State& s) const {
  if (!s.settled(world_)) return false;
  for (int src = 0; src < regions(); ++src)
    for (int dst = 0; dst < regions(); ++dst) {
      if (src == dst) continue;
      const auto& rep = s.replicators[src * kRegions + dst];
      if (!rep.in<lww::ReplicatorDef::Running>() || rep.data.checkpoint < s.regions[src].data.stream_length)
        return false;
    }
  return true;
}

std::string Lww::describe(const Action& a) const {
  std::string replicator = fmt::format("replicator {}->{}", world::region_name(a.a), world::region_name(a.b));
  switch (a.kind) {
    case Action::Client: return world::describe(a.client);
    case Action::Ship:
      return fmt::format("{} reads {}'s stream up to the next write made in {}", replicator,
                         world::region_name(a.a), world::region_name(a.a));
    case Action::Deliver:
      return fmt::format("{} applies replicated write #{} from {}", world::region_name(a.b), a.c, world::region_name(a.a));
    case Action::Retry: return replicator + " re-reads from its checkpoint (a write was lost)";
    case Action::RoleFault: {
      auto kind = world::RoleFault::Kind(a.c);
      return world::describe(kind, replicator) + (kind == world::RoleFault::Restart ? " from its checkpoint" : "");
    }
    case Action::Fault: return world::describe({a.fault, a.a, a.b, a.c});
  }
  return "?";
}

}  // namespace replicheck::models
