#include "models/lww.hpp"

#include <fmt/format.h>

namespace replicheck::models {

namespace lww = protocol::lww;

std::vector<ParamSpec> Lww::param_specs() {
  return {
      {"regions", "2", "number of regions", 2, kRegions, {}},
      {"keys", "1", "number of items", 1, lww::kMaxKeys, {}},
      {"clients", "2", "number of clients (client c lives in region c % regions)", 1, kMaxClients, {}},
      {"ops", "3", "operations per client: write, read at home, read elsewhere, write", 1, kMaxOps, {}},
      {"cuts", "0", "fault budget: directed links that may be cut (and healed)", 0, 2, {}},
      {"crashes", "1", "fault budget: replicator crashes (each restarts from its checkpoint)", 0, 2, {}},
      {"pauses", "0", "fault budget: replicator pauses (fault injection, seed 004)", 0, 2, {}},
      {"skew", "0", "clock offset of region 1 against true time, in ticks", -3, 3, {}},
      {"ordering", "link-fifo", "delivery order on each link", 0, 0, {"link-fifo", "key-fifo", "unordered"}},
      {"bug", "none", "seeded bug", 0, 0,
       {"none", "no-tiebreak", "apply-without-compare", "checkpoint-before-apply", "relay-no-origin-check"}},
  };
}

Lww::Lww(const Params& p)
    : regions_(int(p.integer("regions"))),
      keys_(int(p.integer("keys"))),
      clients_(int(p.integer("clients"))),
      ops_(int(p.integer("ops"))),
      max_cuts_(int(p.integer("cuts"))),
      max_crashes_(int(p.integer("crashes"))),
      max_pauses_(int(p.integer("pauses"))),
      skew_(int(p.integer("skew"))),
      ordering_(world::ordering_from(p.word("ordering"))) {
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

Lww::Op Lww::workload(int client, int index) const {
  int home = client % regions_;
  int key = (client + index / 3) % keys_;
  switch (index % 3) {
    case 0: return {false, std::uint8_t(home), std::uint8_t(key), std::uint8_t(1 + client * kMaxOps + index)};
    case 1: return {true, std::uint8_t(home), std::uint8_t(key), 0};
    default: return {true, std::uint8_t((home + 1) % regions_), std::uint8_t(key), 0};
  }
}

bool Lww::next(const State& s, const Action& a, State& out) const {
  const int src = a.a, dst = a.b;
  auto& replicator = s.replicators[src * kRegions + dst];
  lww::Replicator rep;
  switch (a.kind) {
    case Action::Invoke: {
      Op op = workload(a.a, s.ops_started[a.a]);
      out = s;
      ClientOp rec{a.a, op.region, op.is_read, op.key, op.value, out.now, kPending};
      if (op.is_read) {
        const lww::Item& item = out.regions[op.region].data.items[op.key];
        rec.value = item.present ? item.version.value : 0;
        rec.response = out.now;
      } else {
        out.pending[a.a] = std::int8_t(out.history_length);
      }
      out.history[out.history_length++] = rec;
      ++out.ops_started[a.a];
      ++out.now;
      return true;
    }
    case Action::Acknowledge: {
      const ClientOp& op = s.history[s.pending[a.a]];
      // The region stamps the write with its own clock: true time plus skew.
      auto ts = std::uint8_t(s.now + 3 + skew(op.region));
      if (s.regions[op.region].data.stream_length == lww::kStreamCapacity) return false;
      lww::RegionReplica region;
      if (!s.regions[op.region].fire(lww::LocalWrite{{op.key, op.value, ts, op.region}}, region)) return false;
      out = s;
      out.regions[op.region] = region;
      out.history[s.pending[a.a]].response = out.now++;
      out.pending[a.a] = -1;
      return true;
    }
    case Action::Ship: {
      const auto& source = s.regions[src].data;
      std::uint8_t at = replicator.data.position;
      if (at >= source.stream_length || s.net.in_flight(src, dst).size() == kLinkCapacity) return false;
      if (!replicator.fire(lww::Ship{source.stream[at], at}, rep)) return false;
      out = s;
      out.replicators[src * kRegions + dst] = rep;
      if (lww::Replicator::outbox().sent) out.net.send(src, dst, lww::Replicator::outbox().write);
      return true;
    }
    case Action::Deliver: {
      if (s.regions[dst].data.stream_length == lww::kStreamCapacity) return false;
      out = s;
      lww::ReplicatedWrite w = out.net.take(src, dst, a.c);
      out.regions[dst].fire(lww::ApplyReplicated{w.record});  // applied, or dropped as stale
      out.replicators[src * kRegions + dst].fire(lww::Ack{w.index});
      return true;
    }
    case Action::Cut:
    case Action::Heal:
      out = s;
      if (a.kind == Action::Cut) {
        out.net.cut(src, dst);
        ++out.cuts;
      } else {
        out.net.heal(src, dst);
      }
      return true;
    case Action::Crash:
      if (!replicator.fire(lww::Crash{}, rep)) return false;
      out = s;
      out.replicators[src * kRegions + dst] = rep;
      // Writes it had shipped but not seen acknowledged die with it.
      while (!out.net.in_flight(src, dst).empty()) out.net.drop(src, dst, 0);
      ++out.crashes;
      return true;
    case Action::Pause:
      if (!replicator.fire(lww::Pause{}, rep)) return false;
      out = s;
      out.replicators[src * kRegions + dst] = rep;
      ++out.pauses;
      return true;
    case Action::Restart:
    case Action::Resume: {
      bool taken = a.kind == Action::Restart ? replicator.fire(lww::Restart{}, rep) : replicator.fire(lww::Resume{}, rep);
      if (!taken) return false;
      out = s;
      out.replicators[src * kRegions + dst] = rep;
      return true;
    }
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
}  // namespace

void Lww::encode(const State& s, ByteWriter& w) const {
  for (int r = 0; r < regions_; ++r) {
    const auto& d = s.regions[r].data;
    for (int k = 0; k < keys_; ++k) w.u32(d.items[k].present ? pack(d.items[k].version) : 0);
    w.u8(std::uint8_t(d.stream_length | d.stale_dropped << 6 | d.overwrote_local << 7));
    for (int i = 0; i < d.stream_length; ++i) w.u32(pack(d.stream[i]));
  }
  for (int src = 0; src < regions_; ++src)
    for (int dst = 0; dst < regions_; ++dst) {
      if (src == dst) continue;
      const auto& rep = s.replicators[src * kRegions + dst];
      w.u32(std::uint32_t(rep.active() | rep.data.position << 8 | rep.data.checkpoint << 16));
    }
  s.net.encode(regions_, w);
  for (int c = 0; c < clients_; ++c) w.u16(std::uint16_t(s.ops_started[c] | std::uint8_t(s.pending[c]) << 8));
  w.u32(std::uint32_t(s.history_length | s.now << 8 | s.cuts << 16 | s.crashes << 20) | std::uint32_t(s.pauses) << 24);
  for (int i = 0; i < s.history_length; ++i) {
    const ClientOp& o = s.history[i];
    w.u64(std::uint64_t(o.client) | std::uint64_t(o.region) << 8 | std::uint64_t(o.is_read) << 16 |
          std::uint64_t(o.key) << 24 | std::uint64_t(o.value) << 32 | std::uint64_t(o.invoke) << 40 |
          std::uint64_t(o.response) << 48);
  }
}

void Lww::decode(ByteReader& in, State& s) const {
  for (int r = 0; r < regions_; ++r) {
    auto& d = s.regions[r].data;
    for (int k = 0; k < keys_; ++k) {
      std::uint32_t v = in.u32();
      d.items[k] = {unpack(v), v != 0};
    }
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
    }
  s.net.decode(regions_, in);
  for (int c = 0; c < clients_; ++c) {
    std::uint16_t v = in.u16();
    s.ops_started[c] = std::uint8_t(v);
    s.pending[c] = std::int8_t(v >> 8);
  }
  std::uint32_t h = in.u32();
  s.history_length = std::uint8_t(h);
  s.now = std::uint8_t(h >> 8);
  s.cuts = h >> 16 & 0xf;
  s.crashes = h >> 20 & 0xf;
  s.pauses = std::uint8_t(h >> 24);
  for (int i = 0; i < s.history_length; ++i) {
    std::uint64_t v = in.u64();
    s.history[i] = {std::uint8_t(v), std::uint8_t(v >> 8), std::uint8_t(v >> 16), std::uint8_t(v >> 24),
                    std::uint8_t(v >> 32), std::uint8_t(v >> 40), std::uint8_t(v >> 48)};
  }
}

bool Lww::quiescent(const State& s) const {
  for (int c = 0; c < clients_; ++c)
    if (s.pending[c] >= 0 || s.ops_started[c] < ops_) return false;
  for (int src = 0; src < regions_; ++src)
    for (int dst = 0; dst < regions_; ++dst) {
      if (src == dst) continue;
      const auto& rep = s.replicators[src * kRegions + dst];
      if (!rep.in<lww::ReplicatorDef::Running>() || s.net.is_cut(src, dst)) return false;
      if (rep.data.position < s.regions[src].data.stream_length) return false;
    }
  return s.net.drained(regions_);
}

std::string Lww::describe(const Action& a) const {
  switch (a.kind) {
    case Action::Invoke: return fmt::format("client{} invokes its next operation", a.a);
    case Action::Acknowledge: return fmt::format("client{}'s write is stamped and acknowledged", a.a);
    case Action::Ship: return fmt::format("replicator r{}->r{} reads the next stream record", a.a, a.b);
    case Action::Deliver: return fmt::format("r{} applies replicated write #{} from r{}", a.b, a.c, a.a);
    case Action::Cut: return fmt::format("link r{}->r{} is cut", a.a, a.b);
    case Action::Heal: return fmt::format("link r{}->r{} heals", a.a, a.b);
    case Action::Crash: return fmt::format("replicator r{}->r{} crashes", a.a, a.b);
    case Action::Restart: return fmt::format("replicator r{}->r{} restarts from its checkpoint", a.a, a.b);
    case Action::Pause: return fmt::format("replicator r{}->r{} is paused", a.a, a.b);
    case Action::Resume: return fmt::format("replicator r{}->r{} resumes", a.a, a.b);
  }
  return "?";
}

}  // namespace replicheck::models
