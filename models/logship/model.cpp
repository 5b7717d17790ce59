#include "models/logship/model.hpp"

#include <algorithm>

#include <fmt/format.h>

namespace replicheck::models {

namespace ls = protocol::logship;
using VD = ls::VolumeDef;

namespace {
const Choices<LogShipping::Fencing> kFencings = {{"none", LogShipping::Fencing::None},
                                                 {"best-effort", LogShipping::Fencing::BestEffort},
                                                 {"lease", LogShipping::Fencing::Lease}};
const Choices<LogShipping::Pattern> kPatterns = {{"none", LogShipping::Pattern::None},
                                                 {"read-primary", LogShipping::Pattern::ReadPrimary},
                                                 {"sticky", LogShipping::Pattern::Sticky},
                                                 {"lsn-token", LogShipping::Pattern::LsnToken}};
const Choices<LogShipping::Forwarding> kForwardings = {{"off", LogShipping::Forwarding::Off},
                                                       {"eventual", LogShipping::Forwarding::Eventual},
                                                       {"session", LogShipping::Forwarding::Session},
                                                       {"global", LogShipping::Forwarding::Global}};
const Choices<ls::Bug> kBugs = {{"none", ls::Bug::None},
                                {"promote-without-drain", ls::Bug::PromoteWithoutDrain},
                                {"apply-out-of-order", ls::Bug::ApplyOutOfOrder},
                                {"rejoin-without-discard", ls::Bug::RejoinWithoutDiscard},
                                {"no-fence", ls::Bug::NoFence},
                                {"token-ignored", ls::Bug::TokenIgnored},
                                {"forward-eventual-as-session", ls::Bug::ForwardEventualAsSession}};

world::Defaults world_defaults() {
  auto d = world::Defaults::of<LogShipping>();
  d.keys = "1";
  // The storage layer ships each secondary's redo as one stream, in LSN order.
  d.ordering = "link-fifo";
  d.ordering_meaning = "delivery order on each link: whole link (a redo stream), per item, or none";
  d.crash_meaning = "redo shipper crashes (each resumes from what was acknowledged)";
  d.pause_meaning = "unused by logship";
  return d;
}
}  // namespace

std::vector<ParamSpec> LogShipping::param_specs() {
  std::vector<ParamSpec> specs = world::Config::specs(world_defaults());
  for (auto& s : specs) {
    if (s.name == "isolations") s.default_value = "1";  // what makes a failover, and hides a fence
    if (s.name == "ops") s.default_value = "2";
  }
  specs.push_back(choice_spec("fencing", kFencings, "best-effort",
                              "after a failover: none, best-effort (a fence message a partition can stop), lease "
                              "(a primary writes only under a lease; promotion waits it out)"));
  specs.push_back({"switchovers", "1", "planned switchovers the control plane may run", 0, 1, {}});
  specs.push_back({"failovers", "1", "failovers the control plane may run once the primary's region is down or "
                   "isolated", 0, 1, {}});
  specs.push_back({"rpo", "0", "managed RPO: a commit waits unless a secondary lags by fewer than this many "
                   "records (0 = off); adds lost-within-rpo and rpo-blocks", 0, 3, {}});
  specs.push_back(choice_spec("pattern", kPatterns, "none",
                              "reader pattern: read-primary (reads go to the primary), sticky (reads go to the "
                              "primary for sticky-window operations after a write), lsn-token (a secondary serves "
                              "a read once it has applied the session's newest LSN)"));
  specs.push_back({"sticky-window", "2", "pattern=sticky: operations after a write that read at the primary", 1,
                   kMaxOps, {}});
  specs.push_back(choice_spec("forwarding", kForwardings, "off",
                              "write forwarding from secondaries: eventual, session (reads wait for the session's "
                              "writes), global (reads wait for everything committed when they began)"));
  specs.push_back(choice_spec("bug", kBugs, "none", "seeded bug"));
  return specs;
}

LogShipping::LogShipping(const Params& p)
    : world_(world::Config::from(p)),
      fencing_(p.choice("fencing", kFencings)),
      pattern_(p.choice("pattern", kPatterns)),
      forwarding_(p.choice("forwarding", kForwardings)),
      rpo_(int(p.integer("rpo"))),
      max_switchovers_(int(p.integer("switchovers"))),
      max_failovers_(int(p.integer("failovers"))),
      sticky_window_(int(p.integer("sticky-window"))),
      bug_(p.choice("bug", kBugs)),
      symmetries_(world::symmetries(world_, kMaxOps, world::RegionMoves::AllButFirst)) {}

std::vector<LogShipping::State> LogShipping::initial_states() const {
  State s;
  for (auto& v : s.volumes) {
    v.data.epoch = 1;
    v.data.needs_lease = fencing_ == Fencing::Lease;
    v.data.bug = bug_;
  }
  s.volumes[0].fire(ls::Promote{1});  // r0 starts as the primary
  return {s};
}

int LogShipping::primary(const State& s) const {
  for (int r = 0; r < regions(); ++r) {
    const auto& v = s.volumes[r];
    if ((v.in<VD::Primary>() || v.in<VD::ReadOnly>()) && v.data.epoch == s.epoch) return r;
  }
  return -1;
}

bool LogShipping::rpo_blocks(const State& s, int r) const {
  if (rpo_ == 0) return false;
  int best = 0;
  for (int d = 0; d < regions(); ++d)
    if (d != r) best = std::max(best, int(s.shippers[r * kRegions + d].data.acked));
  return s.volumes[r].data.length + 1 - best > rpo_;
}

bool LogShipping::can_commit(const State& s, int r) const {
  const auto& v = s.volumes[r];
  return v.in<VD::Primary>() && !s.net.is_down(r) && (v.data.lease || fencing_ != Fencing::Lease) &&
         v.data.length < ls::kMaxLog && !rpo_blocks(s, r);
}

bool LogShipping::next(const State& s, const Action& a, State& out) const {
  const int src = a.a, dst = a.b;
  switch (a.kind) {
    case Action::Client: return world::take(*this, s, a.client, out);
    case Action::Ship: {
      const auto& from = s.volumes[src];
      const auto& shipper = s.shippers[src * kRegions + dst];
      // A read-only primary still ships: a switchover drains to its target.
      if (!(from.in<VD::Primary>() || from.in<VD::ReadOnly>()) || !s.volumes[dst].in<VD::Secondary>() ||
          s.net.is_down(src) || shipper.data.position >= from.data.length ||
          s.net.in_flight(src, dst).size() == kLinkCapacity)
        return false;
      ls::Shipper next_shipper;
      if (!shipper.fire(ls::ShipNext{from.data.log[shipper.data.position]}, next_shipper)) return false;
      out = s;
      out.shippers[src * kRegions + dst] = next_shipper;
      ls::Redo redo = ls::Shipper::outbox().redo;
      redo.epoch = from.data.epoch;
      out.net.send(src, dst, redo);
      return true;
    }
    case Action::Deliver: return deliver(s, a, out);
    case Action::Resend: {
      // Only when nothing is in flight either way: an acknowledgement on its
      // way back is not a loss.
      if (!s.net.in_flight(dst, src).empty()) return false;
      ls::Shipper next_shipper;
      if (!s.shippers[src * kRegions + dst].fire(ls::Resend{}, next_shipper)) return false;
      out = s;
      out.shippers[src * kRegions + dst] = next_shipper;
      return true;
    }
    case Action::RoleFault: {
      auto kind = world::RoleFault::Kind(a.c);
      if (kind == world::RoleFault::Pause || kind == world::RoleFault::Resume) return false;  // shippers crash only
      ls::Shipper next_shipper;
      const auto& shipper = s.shippers[src * kRegions + dst];
      bool taken = kind == world::RoleFault::Crash ? shipper.fire(ls::Crash{}, next_shipper)
                                                   : shipper.fire(ls::Restart{}, next_shipper);
      if (!taken) return false;
      out = s;
      out.shippers[src * kRegions + dst] = next_shipper;
      // Redo it had in flight dies with it.
      if (kind == world::RoleFault::Crash)
        for (int k = int(out.net.in_flight(src, dst).size()) - 1; k >= 0; --k)
          if (out.net.in_flight(src, dst)[k].holds<ls::Redo>()) out.net.drop(src, dst, k);
      world::count(out.faults, kind);
      return true;
    }
    case Action::Fault:
      out = s;
      world::apply_network_fault(out.net, out.faults, {a.fault, a.a, a.b, a.c});
      return true;
    default: return control(s, a, out);
  }
}

bool LogShipping::deliver(const State& s, const Action& a, State& out) const {
  const int from = a.a, to = a.b;
  const Msg& m = s.net.in_flight(from, to)[a.c];
  out = s;
  out.net.take(from, to, a.c);
  auto& v = out.volumes[to];
  if (m.holds<ls::Redo>()) {
    // Only a secondary following the sender applies and acknowledges: redo
    // from a deposed primary is dropped.
    const ls::Redo& redo = m.get<ls::Redo>();
    if (!v.in<VD::Secondary>() || redo.epoch != v.data.epoch) return true;
    v.fire(ls::ApplyRedo{redo.commit, redo.epoch});  // refused when not the next LSN: acknowledged all the same
    if (!out.net.send(to, from, ls::Ack{v.data.length})) return false;  // no room for the ack: wait
  } else if (m.holds<ls::Ack>()) {
    out.shippers[to * kRegions + from].fire(ls::Acked{m.get<ls::Ack>().lsn});
  } else {
    v.fire(ls::Deposed{m.get<ls::Fence>().epoch});
  }
  return true;
}

bool LogShipping::control(const State& s, const Action& a, State& out) const {
  const int r = a.a, p = primary(s);
  const auto& v = s.volumes[r];
  const bool reachable = !s.net.is_down(r) && !s.net.is_isolated(r);
  // The new primary ships from the start of its log to every secondary; the
  // other secondaries follow it from what they have in common with it (a
  // deposed primary must rejoin for that: Rejoin).
  auto promote = [&](int target, State& t) {
    ++t.epoch;
    t.volumes[target].fire(ls::Promote{t.epoch});
    for (int d = 0; d < regions(); ++d) t.shippers[target * kRegions + d].fire(ls::Reset{});
  };
  switch (a.kind) {
    case Action::BeginSwitchover:
      if (s.switchovers >= max_switchovers_ || s.switching_to || p < 0 || p == r || !v.in<VD::Secondary>() ||
          !reachable || s.net.is_down(p) || s.net.is_isolated(p))
        return false;
      out = s;
      if (!out.volumes[p].fire(ls::Demote{})) return false;
      out.switching_to = std::uint8_t(r + 1);
      ++out.switchovers;
      return true;
    case Action::CompleteSwitchover: {
      if (s.switching_to != r + 1 || p < 0) return false;
      // Drained: the target has applied the whole log (RPO 0).
      if (v.data.length != s.volumes[p].data.length && bug_ != ls::Bug::PromoteWithoutDrain) return false;
      out = s;
      promote(r, out);
      out.volumes[p].fire(ls::Follow{out.epoch});
      for (int d = 0; d < regions(); ++d)
        if (d != r && d != p && out.volumes[d].in<VD::Secondary>())
          out.volumes[d].fire(ls::Reattach{out.epoch, out.volumes[d].data.length});
      out.switching_to = 0;
      out.switched = 1;
      return true;
    }
    case Action::Failover: {
      if (s.failovers >= max_failovers_ || s.switching_to || p < 0 || p == r || !v.in<VD::Secondary>() ||
          !reachable || !(s.net.is_down(p) || s.net.is_isolated(p)))
        return false;
      if (fencing_ == Fencing::Lease && s.volumes[p].data.lease) return false;  // wait the lease out
      out = s;
      promote(r, out);
      const std::uint8_t kept = v.data.length;
      for (int d = 0; d < regions(); ++d)
        if (d != r && d != p && out.volumes[d].in<VD::Secondary>())
          out.volumes[d].fire(ls::Reattach{out.epoch, std::min(out.volumes[d].data.length, kept)});
      if (fencing_ == Fencing::BestEffort && bug_ != ls::Bug::NoFence &&
          !out.net.send(r, p, ls::Fence{out.epoch}))
        return false;
      ++out.failovers;
      return true;
    }
    case Action::LoseLease:
      // A primary that cannot reach the control plane cannot renew its lease.
      if (fencing_ != Fencing::Lease || reachable || !v.data.lease) return false;
      out = s;
      return v.fire(ls::LeaseLost{}, out.volumes[r]);
    case Action::RenewLease:
      if (fencing_ != Fencing::Lease || !reachable || v.data.lease || !v.in<VD::Primary>()) return false;
      out = s;
      // The control plane answers a deposed primary's renewal with the news.
      if (v.data.epoch < s.epoch) return v.fire(ls::Deposed{s.epoch}, out.volumes[r]);
      return v.fire(ls::LeaseRenewed{}, out.volumes[r]);
    case Action::Rejoin: {
      if (!v.in<VD::Fenced>() || !reachable || p < 0) return false;
      const auto& pv = s.volumes[p].data;
      std::uint8_t common = 0;
      while (common < v.data.length && common < pv.length && v.data.log[common] == pv.log[common]) ++common;
      out = s;
      return v.fire(ls::Reattach{s.epoch, common}, out.volumes[r]);
    }
    default: return false;
  }
}

void LogShipping::encode(const State& s, ByteWriter& w) const {
  for (int r = 0; r < regions(); ++r) {
    const auto& v = s.volumes[r];
    w.u32(std::uint32_t(v.active() | v.data.length << 8 | v.data.epoch << 16) |
          std::uint32_t(v.data.lease | v.data.rejoined << 1) << 24);
    for (int i = 0; i < v.data.length; ++i) w.u32(v.data.log[i].pack());
  }
  for (int src = 0; src < regions(); ++src)
    for (int dst = 0; dst < regions(); ++dst)
      if (src != dst) {
        const auto& sh = s.shippers[src * kRegions + dst];
        w.u32(std::uint32_t(sh.active() | sh.data.position << 8 | sh.data.acked << 16));
      }
  w.u64(std::uint64_t(s.epoch | s.switching_to << 8 | s.switchovers << 16 | s.failovers << 24) |
        std::uint64_t(s.switched) << 32);
  s.encode_world(world_, w);
  if (pattern_ == Pattern::None && forwarding_ == Forwarding::Off) return;
  for (int c = 0; c < workload().clients; ++c) {
    const Session& ss = s.sessions[c];
    w.u32(std::uint32_t(ss.token | ss.fence << 8 | ss.sticky_left << 16));
  }
}

void LogShipping::decode(ByteReader& in, State& s) const {
  for (int r = 0; r < regions(); ++r) {
    auto& v = s.volumes[r];
    std::uint32_t x = in.u32();
    v.restore_active(int(x & 0xff));
    v.data.length = std::uint8_t(x >> 8), v.data.epoch = std::uint8_t(x >> 16);
    v.data.lease = x >> 24 & 1, v.data.rejoined = x >> 25 & 1;
    for (int i = 0; i < v.data.length; ++i) v.data.log[i] = ls::Commit::unpack(in.u32());
  }
  for (int src = 0; src < regions(); ++src)
    for (int dst = 0; dst < regions(); ++dst)
      if (src != dst) {
        auto& sh = s.shippers[src * kRegions + dst];
        std::uint32_t x = in.u32();
        sh.restore_active(int(x & 0xff));
        sh.data.position = std::uint8_t(x >> 8), sh.data.acked = std::uint8_t(x >> 16);
      }
  std::uint64_t c = in.u64();
  s.epoch = std::uint8_t(c), s.switching_to = std::uint8_t(c >> 8), s.switchovers = std::uint8_t(c >> 16);
  s.failovers = std::uint8_t(c >> 24), s.switched = std::uint8_t(c >> 32);
  s.decode_world(world_, in);
  if (pattern_ == Pattern::None && forwarding_ == Forwarding::Off) return;
  for (int c = 0; c < workload().clients; ++c) {
    std::uint32_t x = in.u32();
    Session& ss = s.sessions[c];
    ss.token = std::uint8_t(x), ss.fence = std::uint8_t(x >> 8), ss.sticky_left = std::uint8_t(x >> 16);
  }
}

// Crashes and outages stop a shipper, drops make it resend (rewind) and
// duplicates fill its link: none commutes with a ship.
std::string LogShipping::persistent_sets() const {
  const world::FaultBudget& f = world_.faults;
  if (f.crashes || f.outages || f.drops || f.duplicates) return "";
  return "a redo shipper's next record, once the control plane can change no volume,";
}

bool LogShipping::alone(const State& s, const Action& a) const {
  if (a.kind != Action::Ship || persistent_sets().empty()) return false;
  // No promotion, demotion, reset or reattachment can come: every
  // switchover has run, and a failover has run or can never start (it needs
  // the primary down or isolated, and no isolation is left or in force).
  // With two regions a switchover's target is the ship's destination, and
  // it cannot complete before the ship: it waits for the target to hold
  // the whole log, and the target lacks this record (below). Not with the
  // bug that promotes without waiting.
  const bool isolation_possible = s.faults.isolations < world_.faults.isolations || s.net.any_isolated();
  const bool switchover_possible = s.switching_to || s.switchovers < max_switchovers_;
  const bool switchover_waits = regions() == 2 && bug_ != ls::Bug::PromoteWithoutDrain;
  if ((switchover_possible && !switchover_waits) || (s.failovers < max_failovers_ && isolation_possible))
    return false;
  // From the current primary (no fence or renewal can depose it) to a
  // secondary following it, so neither end changes role.
  const int src = a.a, dst = a.b;
  const auto& from = s.volumes[src];
  const auto& to = s.volumes[dst];
  if (from.data.epoch != s.epoch || !(from.in<VD::Primary>() || from.in<VD::ReadOnly>()) ||
      !to.in<VD::Secondary>() || to.data.epoch != s.epoch)
    return false;
  // The secondary lacks the record: so no acknowledgement can move the
  // shipper past it, and a secondary that caught up (a quiescent world)
  // is not re-sent what it holds.
  const auto& shipper = s.shippers[src * kRegions + dst].data;
  if (to.data.length > shipper.position) return false;
  const auto& back = s.net.in_flight(dst, src);
  for (int k = 0; k < int(back.size()); ++k)
    if (back[k].holds<ls::Ack>() && back[k].get<ls::Ack>().lsn > shipper.position) return false;
  // The way back carries no resend: the shipper the other way has nothing
  // unacknowledged (its region is a secondary, so it ships nothing more).
  const auto& reverse = s.shippers[dst * kRegions + src].data;
  return reverse.position <= reverse.acked;
}

// Nothing but a new fault could happen: the world settled, no switchover
// half done, no old primary still to be deposed or to rejoin, every shipper
// running and every secondary caught up with the one primary.
bool LogShipping::quiescent(const State& s) const {
  const int p = primary(s);
  if (!s.settled(world_) || s.switching_to || p < 0) return false;
  for (int r = 0; r < regions(); ++r) {
    const auto& v = s.volumes[r];
    // A deposed primary still to learn it (fence or lease renewal) or to rejoin.
    if (v.in<VD::Fenced>() || (r != p && (v.in<VD::Primary>() || v.in<VD::ReadOnly>()))) return false;
    if (v.in<VD::Secondary>() && v.data.length != s.volumes[p].data.length) return false;
    for (int d = 0; d < regions(); ++d)
      if (d != r && !s.shippers[r * kRegions + d].in<ls::ShipperDef::Running>()) return false;
  }
  return true;
}

}  // namespace replicheck::models
