#include "models/lww.hpp"

#include <fmt/format.h>

namespace replicheck::models {

namespace lww = protocol::lww;

std::vector<ParamSpec> Lww::param_specs() {
  std::vector<ParamSpec> specs = {{"regions", "2", "number of regions", 2, kRegions, {}}};
  for (auto& s : world::Workload::specs(kMaxClients, kMaxOps, "2")) specs.push_back(s);
  for (auto& s : world::FaultBudget::specs("replicator crashes (each restarts from its checkpoint)",
                                           "replicator pauses (fault injection, seed 004)")) {
    if (s.name == "crashes") s.default_value = "1";
    if (s.name == "outages") s.meaning = fmt::format("{}; adds outage-refuses-client", s.meaning);
    specs.push_back(s);
  }
  specs.push_back({"reads", "strong", "strong: a read sees every write applied in its region; eventual: it may "
                   "be served by a storage replica one stream record behind", 0, 0, {"strong", "eventual"}});
  // Seed 004 promises order per item only, so that is the default.
  specs.push_back({"ordering", "key-fifo",
                   "delivery order on each link: per item (what the protocol promises), whole link, or none", 0, 0,
                   {"key-fifo", "link-fifo", "unordered"}});
  specs.push_back({"pattern", "none", "client pattern: sticky (reads stay in the write's region for sticky-window operations), "
                   "version-tokens (a read waits for the newest version its session saw), conditional (a write "
                   "checks the version last read; adds conditional-write-refused), home-region (item k is written only "
                   "in region k % regions)", 0, 0,
                   {"none", "sticky", "version-tokens", "conditional", "home-region"}});
  specs.push_back({"sticky-window", "2", "pattern=sticky: operations after a write that read where it was made", 1,
                   kMaxOps, {}});
  specs.push_back({"bug", "none", "seeded bug", 0, 0,
                   {"none", "no-tiebreak", "apply-without-compare", "checkpoint-before-apply", "relay-no-origin-check"}});
  return specs;
}

Lww::Lww(const Params& p)
    : regions_(int(p.integer("regions"))),
      workload_(world::Workload::from(p, regions_)),
      faults_(world::FaultBudget::from(p, regions_)),
      ordering_(world::ordering_from(p.word("ordering"))),
      sticky_window_(int(p.integer("sticky-window"))),
      eventual_reads_(p.word("reads") == "eventual") {
  const std::string& pat = p.word("pattern");
  pattern_ = pat == "sticky"           ? Pattern::Sticky
             : pat == "version-tokens" ? Pattern::VersionTokens
             : pat == "conditional"    ? Pattern::Conditional
             : pat == "home-region"    ? Pattern::HomeRegion
                                       : Pattern::None;
  const std::string& b = p.word("bug");
  bug_ = b == "no-tiebreak"               ? lww::Bug::NoTiebreak
         : b == "apply-without-compare"   ? lww::Bug::ApplyWithoutCompare
         : b == "checkpoint-before-apply" ? lww::Bug::CheckpointBeforeApply
         : b == "relay-no-origin-check"   ? lww::Bug::RelayNoOriginCheck
                                          : lww::Bug::None;
}

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
    case Action::Invoke: return invoke(s, a.a, a.b, out);
    case Action::Complete: return complete(s, a.a, 0, out);
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
      if (s.regions[dst].data.stream_length == lww::kStreamCapacity) return false;  // cannot happen: see lww.hpp
      out = s;
      lww::ReplicatedWrite w = out.net.take(src, dst, a.c);
      out.regions[dst].fire(lww::ApplyReplicated{w.record});  // applied, or dropped as stale
      out.replicators[src * kRegions + dst].fire(lww::Ack{w.index});
      return true;
    }
    case Action::Retry: return replicator_event(lww::Retry{});
    case Action::Crash:
      if (!replicator_event(lww::Crash{})) return false;
      // Writes it had shipped but not seen acknowledged die with it.
      while (!out.net.in_flight(src, dst).empty()) out.net.drop(src, dst, 0);
      ++out.faults.crashes;
      return true;
    case Action::Pause:
      if (!replicator_event(lww::Pause{})) return false;
      ++out.faults.pauses;
      return true;
    case Action::Restart: return replicator_event(lww::Restart{});
    case Action::Resume: return replicator_event(lww::Resume{});
    case Action::Fault:
      out = s;
      world::apply_network_fault(out.net, out.faults, {a.fault, a.a, a.b, a.c});
      return true;
  }
  return false;
}

namespace {
std::uint32_t pack(const lww::Record& r) {
  return std::uint32_t(r.key | r.value << 8 | r.ts << 16) | std::uint32_t(r.origin) << 24;
}
lww::Record unpack(std::uint32_t v) {
  return {std::uint8_t(v), std::uint8_t(v >> 8), std::uint8_t(v >> 16), std::uint8_t(v >> 24)};
}
// An item: its version with bit 7 (above any key) marking it present.
std::uint32_t pack(const lww::Item& i) { return i.present ? pack(i.version) | 0x80 : 0; }
lww::Item unpack_item(std::uint32_t v) { return {unpack(v & ~0x80u), (v & 0x80) != 0}; }
}  // namespace

void Lww::encode(const State& s, ByteWriter& w) const {
  for (int r = 0; r < regions_; ++r) {
    const auto& d = s.regions[r].data;
    for (int k = 0; k < workload_.keys; ++k) w.u32(pack(d.items[k]));
    w.u8(std::uint8_t(d.stream_length | d.stale_dropped << 6 | d.overwrote_local << 7));
    for (int i = 0; i < d.stream_length; ++i) w.u32(pack(d.stream[i]));
  }
  for (int src = 0; src < regions_; ++src)
    for (int dst = 0; dst < regions_; ++dst) {
      if (src == dst) continue;
      const auto& rep = s.replicators[src * kRegions + dst];
      w.u32(std::uint32_t(rep.active() | rep.data.position << 8 | rep.data.checkpoint << 16));
      w.u32(rep.data.acked);
    }
  s.net.encode(regions_, w);
  s.clients.encode(workload_.clients, w);
  s.faults.encode(w);
  if (pattern_ == Pattern::None || pattern_ == Pattern::HomeRegion) return;
  for (int c = 0; c < workload_.clients; ++c) {
    const Session& ss = s.sessions[c];
    w.u8(std::uint8_t(ss.sticky_region | ss.sticky_left << 4));
    for (int k = 0; k < workload_.keys; ++k) w.u32(pack(ss.seen[k]));
  }
}

void Lww::decode(ByteReader& in, State& s) const {
  for (int r = 0; r < regions_; ++r) {
    auto& d = s.regions[r].data;
    for (int k = 0; k < workload_.keys; ++k) d.items[k] = unpack_item(in.u32());
    std::uint8_t head = in.u8();
    d.stream_length = head & 0x3f;
    d.stale_dropped = head >> 6 & 1;
    d.overwrote_local = head >> 7 & 1;
    for (int i = 0; i < d.stream_length; ++i) d.stream[i] = unpack(in.u32());
  }
  for (int src = 0; src < regions_; ++src)
    for (int dst = 0; dst < regions_; ++dst) {
      if (src == dst) continue;
      auto& rep = s.replicators[src * kRegions + dst];
      std::uint32_t v = in.u32();
      rep.restore_active(int(v & 0xff));
      rep.data.position = std::uint8_t(v >> 8);
      rep.data.checkpoint = std::uint8_t(v >> 16);
      rep.data.acked = in.u32();
    }
  s.net.decode(regions_, in);
  s.clients.decode(workload_.clients, in);
  s.faults.decode(in);
  if (pattern_ == Pattern::None || pattern_ == Pattern::HomeRegion) return;
  for (int c = 0; c < workload_.clients; ++c) {
    Session& ss = s.sessions[c];
    std::uint8_t v = in.u8();
    ss.sticky_region = v & 0xf;
    ss.sticky_left = v >> 4;
    for (int k = 0; k < workload_.keys; ++k) ss.seen[k] = unpack_item(in.u32());
  }
}

bool Lww::quiescent(const State& s) const {
  if (!s.clients.done(workload_.clients, workload_.ops) || !s.net.whole(regions_) || !s.net.drained(regions_))
    return false;
  for (int src = 0; src < regions_; ++src)
    for (int dst = 0; dst < regions_; ++dst) {
      if (src == dst) continue;
      const auto& rep = s.replicators[src * kRegions + dst];
      if (!rep.in<lww::ReplicatorDef::Running>() || rep.data.checkpoint < s.regions[src].data.stream_length)
        return false;
    }
  return true;
}

std::string Lww::describe(const Action& a) const {
  switch (a.kind) {
    case Action::Invoke:
      return a.b ? fmt::format("client{} reads, eventually consistent, from a storage replica one stream record behind", a.a)
                 : fmt::format("client{} invokes its next operation", a.a);
    case Action::Complete: return fmt::format("client{}'s operation completes", a.a);
    case Action::Ship: return fmt::format("replicator r{0}->r{1} reads r{0}'s stream up to the next write made in r{0}", a.a, a.b);
    case Action::Deliver: return fmt::format("r{} applies replicated write #{} from r{}", a.b, a.c, a.a);
    case Action::Retry: return fmt::format("replicator r{}->r{} re-reads from its checkpoint (a write was lost)", a.a, a.b);
    case Action::Crash: return fmt::format("replicator r{}->r{} crashes", a.a, a.b);
    case Action::Restart: return fmt::format("replicator r{}->r{} restarts from its checkpoint", a.a, a.b);
    case Action::Pause: return fmt::format("replicator r{}->r{} is paused", a.a, a.b);
    case Action::Resume: return fmt::format("replicator r{}->r{} resumes", a.a, a.b);
    case Action::Fault: return world::describe({a.fault, a.a, a.b, a.c});
  }
  return "?";
}

}  // namespace replicheck::models
