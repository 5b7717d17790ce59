// Faults, written once for every protocol. Each has a budget parameter
// (0 = off): what the explorer may inject along one run.
//  - On the network (done here, the same for every protocol): cut and heal a
//    directed link or both directions of a pair; isolate a region and let it
//    rejoin; take a region down and bring it back (an outage: the protocol
//    also refuses its clients there); drop or duplicate a message in flight.
//  - On roles (crash and restart, pause and resume): the budgets live here;
//    which roles can crash and what a crash loses is the protocol's business.
//  - Clock skew: a fixed offset per region, read by whoever stamps time.
#pragma once
#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "models/params.hpp"
#include "models/step_info.hpp"
#include "models/world/region.hpp"
#include "protocol/codec.hpp"

namespace replicheck::world {

constexpr int kMaxSkew = 3;

struct FaultBudget {
  int cuts = 0, isolations = 0, outages = 0, crashes = 0, pauses = 0, drops = 0, duplicates = 0;
  std::array<int, 4> skew{};  // clock offset per region, in ticks

  // The parameters every protocol shares; `crashes` names what crashes.
  static std::vector<ParamSpec> specs(const std::string& crash_meaning, const std::string& pause_meaning) {
    auto budget = [](const char* name, std::string meaning) {
      return ParamSpec{name, "0", fmt::format("fault budget: {}", meaning), 0, 2, {}};
    };
    ParamSpec skew{"skew", "0",
                   "clock offset per region against true time, in ticks: r0,r1,... (missing regions: 0)",
                   -kMaxSkew, kMaxSkew, {}};
    skew.list = true;
    return {budget("cuts", "directed links cut (cut-both cuts a pair at once), healed later"),
            budget("isolations", "regions cut off from every other region, rejoining later"),
            budget("outages", "regions taken down (no clients served, nothing in or out, data kept), back later"),
            budget("crashes", crash_meaning),
            budget("pauses", pause_meaning),
            budget("drops", "messages lost in flight"),
            budget("duplicates", "messages delivered twice"),
            skew};
  }

  static FaultBudget from(const Params& p, int regions) {
    FaultBudget b;
    b.cuts = int(p.integer("cuts"));
    b.isolations = int(p.integer("isolations"));
    b.outages = int(p.integer("outages"));
    b.crashes = int(p.integer("crashes"));
    b.pauses = int(p.integer("pauses"));
    b.drops = int(p.integer("drops"));
    b.duplicates = int(p.integer("duplicates"));
    auto skew = p.integers("skew");
    if (int(skew.size()) > regions)
      throw BadParam(fmt::format("parameter 'skew': {} offsets given for {} regions", skew.size(), regions));
    for (std::size_t r = 0; r < skew.size(); ++r) b.skew[r] = int(skew[r]);
    return b;
  }
};

// What a run has used of each budget (4 bits each).
struct FaultsUsed {
  std::uint8_t cuts = 0, isolations = 0, outages = 0, crashes = 0, pauses = 0, drops = 0, duplicates = 0;
  void encode(ByteWriter& w) const {
    w.u32(std::uint32_t(cuts | isolations << 4 | outages << 8 | crashes << 12 | pauses << 16 | drops << 20) |
          std::uint32_t(duplicates) << 24);
  }
  void decode(ByteReader& r) {
    std::uint32_t v = r.u32();
    auto nib = [v](int i) { return std::uint8_t(v >> (4 * i) & 0xf); };
    cuts = nib(0), isolations = nib(1), outages = nib(2), crashes = nib(3), pauses = nib(4), drops = nib(5),
    duplicates = nib(6);
  }
};

struct NetworkFault {
  enum Kind : std::uint8_t { Cut, CutBoth, Heal, Isolate, Rejoin, Down, Up, Drop, Duplicate };
  Kind kind = Cut;
  std::uint8_t a = 0, b = 0, c = 0;  // region; or source, destination (, message index)
};

// Healing a link, rejoining and coming back up undo a fault; the rest are
// new faults (random schedules drain with repairs only).
inline bool is_repair(NetworkFault::Kind k) {
  return k == NetworkFault::Heal || k == NetworkFault::Rejoin || k == NetworkFault::Up;
}

// Calls out(NetworkFault) for every network fault the budgets allow now.
template <class Net, class Out>
void network_faults(const Net& net, const FaultsUsed& used, const FaultBudget& budget, int regions, Out&& out) {
  using F = NetworkFault;
  for (int r = 0; r < regions; ++r) {
    auto x = std::uint8_t(r);
    if (net.is_isolated(r)) out(F{F::Rejoin, x});
    else if (used.isolations < budget.isolations) out(F{F::Isolate, x});
    if (net.is_down(r)) out(F{F::Up, x});
    else if (used.outages < budget.outages) out(F{F::Down, x});
  }
  for (int src = 0; src < regions; ++src)
    for (int dst = 0; dst < regions; ++dst) {
      if (src == dst) continue;
      auto a = std::uint8_t(src), b = std::uint8_t(dst);
      if (net.is_cut(src, dst)) out(F{F::Heal, a, b});
      else if (used.cuts < budget.cuts) {
        out(F{F::Cut, a, b});
        if (src < dst && !net.is_cut(dst, src)) out(F{F::CutBoth, a, b});
      }
      const auto& q = net.in_flight(src, dst);
      for (int k = 0; k < int(q.size()); ++k) {
        if (used.drops < budget.drops) out(F{F::Drop, a, b, std::uint8_t(k)});
        if (used.duplicates < budget.duplicates && q.size() < q.capacity()) out(F{F::Duplicate, a, b, std::uint8_t(k)});
      }
    }
}

template <class Net>
void apply_network_fault(Net& net, FaultsUsed& used, const NetworkFault& f) {
  switch (f.kind) {
    case NetworkFault::Cut: net.cut(f.a, f.b), ++used.cuts; break;
    case NetworkFault::CutBoth: net.cut(f.a, f.b), net.cut(f.b, f.a), ++used.cuts; break;
    case NetworkFault::Heal: net.heal(f.a, f.b); break;
    case NetworkFault::Isolate: net.isolate(f.a), ++used.isolations; break;
    case NetworkFault::Rejoin: net.rejoin(f.a); break;
    case NetworkFault::Down: net.take_down(f.a), ++used.outages; break;
    case NetworkFault::Up: net.bring_up(f.a); break;
    case NetworkFault::Drop: net.drop(f.a, f.b, f.c), ++used.drops; break;
    case NetworkFault::Duplicate: used.duplicates += net.duplicate(f.a, f.b, f.c); break;
  }
}

inline std::string describe(const NetworkFault& f) {
  std::string a = region_name(f.a), b = region_name(f.b);
  switch (f.kind) {
    case NetworkFault::Cut: return fmt::format("link {}->{} is cut", a, b);
    case NetworkFault::CutBoth: return fmt::format("links {}<->{} are cut both ways", a, b);
    case NetworkFault::Heal: return fmt::format("link {}->{} heals", a, b);
    case NetworkFault::Isolate: return fmt::format("{} is isolated from every other region", a);
    case NetworkFault::Rejoin: return fmt::format("{} rejoins", a);
    case NetworkFault::Down: return fmt::format("{} goes down (outage)", a);
    case NetworkFault::Up: return fmt::format("{} comes back up", a);
    case NetworkFault::Drop: return fmt::format("message #{} on {}->{} is lost", f.c, a, b);
    case NetworkFault::Duplicate: return fmt::format("message #{} on {}->{} is duplicated", f.c, a, b);
  }
  return "?";
}

inline StepInfo step_info(const NetworkFault& f) {
  std::string a = region_name(f.a), b = region_name(f.b);
  switch (f.kind) {
    case NetworkFault::Cut: return {a, StepKind::Fault, b, "link cut", ""};
    case NetworkFault::CutBoth: return {a, StepKind::Fault, b, "links cut both ways", ""};
    case NetworkFault::Heal: return {a, StepKind::Fault, b, "link healed", ""};
    case NetworkFault::Isolate: return {a, StepKind::Fault, "", "isolated", ""};
    case NetworkFault::Rejoin: return {a, StepKind::Fault, "", "rejoined", ""};
    case NetworkFault::Down: return {a, StepKind::Fault, "", "region down", ""};
    case NetworkFault::Up: return {a, StepKind::Fault, "", "region up", ""};
    case NetworkFault::Drop: return {a, StepKind::Fault, b, "message lost", ""};
    case NetworkFault::Duplicate: return {a, StepKind::Fault, b, "message duplicated", ""};
  }
  return {a, StepKind::Fault, "", "", ""};
}

// Faults of a role (a replicator, a journal replica, a shipper...), as data:
// the budgets say which are offered, the protocol says which of its roles
// can suffer them and maps each onto that role's own MSM events (what a crash
// loses is the protocol's business). Restart and resume are always offered;
// the role's machine refuses them unless it is crashed or paused.
struct RoleFault {
  enum Kind : std::uint8_t { Crash, Restart, Pause, Resume };
};

// Calls out(RoleFault::Kind) for each fault one role may suffer now, in a fixed order.
template <class Out>
void role_faults(const FaultsUsed& used, const FaultBudget& budget, Out&& out) {
  if (used.crashes < budget.crashes) out(RoleFault::Crash);
  out(RoleFault::Restart);
  if (used.pauses < budget.pauses) out(RoleFault::Pause);
  out(RoleFault::Resume);
}

// Counts a role fault that happened against its budget.
inline void count(FaultsUsed& used, RoleFault::Kind k) {
  if (k == RoleFault::Crash) ++used.crashes;
  if (k == RoleFault::Pause) ++used.pauses;
}

// "replicator r0->r1 crashes"; `role` names the role as the protocol does.
inline std::string describe(RoleFault::Kind k, const std::string& role) {
  static constexpr const char* kVerb[] = {"crashes", "restarts", "is paused", "resumes"};
  return fmt::format("{} {}", role, kVerb[k]);
}

// On the timing diagram: a fault on `lane` (towards `peer`, if the role
// serves a link); `kind` is the role's kind, "replicator".
inline StepInfo step_info(RoleFault::Kind k, const std::string& lane, const std::string& peer, const std::string& kind) {
  static constexpr const char* kWhat[] = {"crash", "restart", "paused", "resumed"};
  return {lane, StepKind::Fault, peer, fmt::format("{} {}", kind, kWhat[k]), ""};
}

}  // namespace replicheck::world
