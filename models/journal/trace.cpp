// How mrsc states and steps read in a counterexample: the journal (its
// entries, and how much of it each region holds), each region's engine and
// table, cut links, each client's entry, then the world's client operations;
// one lane per region.
#include <fmt/format.h>

#include "models/journal/model.hpp"
#include "models/world/trace.hpp"

namespace replicheck::models {

namespace jr = protocol::journal;
using world::region_name;

namespace {
// "put k0=2 if v1 (r0/c0)", "fence (r1/c1)".
std::string entry_text(const jr::Entry& e) {
  std::string who = fmt::format("({}/c{})", region_name(e.origin), e.client);
  if (e.kind == jr::Entry::Fence) return "fence " + who;
  return fmt::format("put k{}={} if v{} {}", e.key, e.value, e.expect, who);
}
// "k0=2@v3": value at version (journal position), "nil" when never written.
std::string item_text(const jr::Item& item, int k) {
  return item.version ? fmt::format("k{}={}@v{}", k, item.value, item.version) : fmt::format("k{}=nil", k);
}
// A replica: "leader b2, commit 1: [1: put k0=1 if v0 (r0/c0) @b2]".
std::string replica_text(const jr::JournalReplica& r) {
  std::string log;
  for (int i = 0; i < r.data.length; ++i)
    log += fmt::format("{}{}: {} @b{}", i ? ", " : "", i + 1, entry_text(jr::Slot::entry(r.data.log[i])),
                       jr::Slot::ballot(r.data.log[i]));
  return fmt::format("{} b{}, commit {}: [{}]", r.in<jr::ReplicaDef::Leader>() ? "leader" : "follower",
                     r.data.promised, r.data.commit, log);
}
}  // namespace

std::vector<std::pair<std::string, std::string>> Mrsc::fields(const State& s) const {
  world::Fields out;
  const auto& j = s.journal.data;
  std::string log;
  for (int i = 0; i < j.length; ++i) log += fmt::format("{}{}: {}", i ? ", " : "", i + 1, entry_text(j.entries[i]));
  out.emplace_back(replicated_ ? "committed" : "journal", fmt::format("[{}]", log));
  for (int r = 0; r < kRegions; ++r) {
    const std::string name = region_name(r);
    const std::string witness = full(r) ? "" : " (witness)";
    if (replicated_) out.emplace_back(name + ".journal", replica_text(s.replicas[r]) + witness);
    else out.emplace_back(name + ".journal", fmt::format("holds 1..{}{}", j.held[r], witness));
    if (full(r)) {
      const auto& e = s.engines[r];
      out.emplace_back(name + ".engine", fmt::format("{}, applied {} (checkpoint {})",
                                                     e.in<jr::EngineDef::Running>() ? "running" : "crashed",
                                                     e.data.applied, e.data.checkpoint));
      std::string table;
      for (int k = 0; k < workload().keys; ++k) table += (k ? " " : "") + item_text(e.data.items[k], k);
      out.emplace_back(name + ".table", table);
    }
    world::region_status_field(s.net, r, out);
    for (int d = 0; d < kRegions; ++d)
      if (d != r && s.net.is_cut(r, d)) out.emplace_back(fmt::format("{}.link->{}", name, region_name(d)), "cut");
  }
  for (int c = 0; c < workload().clients; ++c) {
    const Session& ss = s.sessions[c];
    if (!ss.slot && !ss.tries && !ss.lost) continue;
    std::string what = ss.lost ? "entry lost" : ss.slot ? fmt::format("entry {}", ss.slot) : "no entry";
    if (ss.outcome == jr::Outcome::Applied) what += ", applied";
    if (ss.outcome == jr::Outcome::Conflict) what += ", conflict";
    if (ss.tries) what += fmt::format(" (retry {})", ss.tries);
    out.emplace_back(fmt::format("c{}.entry", c), what);
  }
  world::operation_fields(s.clients, workload().keys, out);
  return out;
}

std::vector<std::string> Mrsc::lanes() const { return world::region_lanes(kRegions); }

std::string Mrsc::describe(const Action& a) const {
  const std::string r = region_name(a.a);
  switch (a.kind) {
    case Action::Client: return world::describe(a.client);
    case Action::Append: return fmt::format("client{}'s region appends its entry to the journal", a.a);
    case Action::Store: return fmt::format("{} receives the next journal entry it lacks", r);
    case Action::Apply: return fmt::format("{}'s engine applies the next committed entry", r);
    case Action::Checkpoint: return fmt::format("{}'s engine checkpoints its position", r);
    case Action::RoleFault: return world::describe(world::RoleFault::Kind(a.c), r + "'s replication engine");
    case Action::Lose: return fmt::format("{} loses its storage (journal copy and table)", r);
    case Action::Fault: return world::describe({a.fault, a.a, a.b, a.c});
    case Action::Replicate:
      return fmt::format("leader {} replicates to {}, which answers (acknowledges, or names a newer ballot)", r,
                         region_name(a.b));
    case Action::Elect: return fmt::format("{} takes over the journal with a higher ballot", r);
  }
  return "?";
}

StepInfo Mrsc::step_info(const State& before, const Action& a, const State& after) const {
  const std::string r = region_name(a.a);
  const auto& j = after.journal.data;
  switch (a.kind) {
    case Action::Client: return world::step_info(before.clients, after.clients, a.client, workload().keys);
    case Action::Append: {
      if (replicated_) {
        const int l = [&] {
          for (int q = 0; q < kRegions; ++q)
            if (after.replicas[q].data.length != before.replicas[q].data.length) return q;
          return 0;
        }();
        const auto& leader_log = after.replicas[l].data;
        const jr::Entry e = jr::Slot::entry(leader_log.log[leader_log.length - 1]);
        return {region_name(e.origin), e.origin == l ? StepKind::Local : StepKind::Send,
                e.origin == l ? "" : region_name(l), fmt::format("propose {}: {}", leader_log.length, entry_text(e)), ""};
      }
      const jr::Entry& e = j.entries[j.length - 1];
      int peer = -1;
      for (int q = 0; q < kRegions; ++q)
        if (q != e.origin && j.held[q] == j.length) peer = q;
      return {region_name(e.origin), StepKind::Send, peer < 0 ? "" : region_name(peer),
              fmt::format("append {}: {}", j.length, entry_text(e)), ""};
    }
    case Action::Store: {
      const int p = after.journal.data.held[a.a];
      const int maker = j.entries[p - 1].origin;
      int from = -1;
      for (int h = 0; h < kRegions && from < 0; ++h)
        if (h != a.a && before.journal.data.held[h] >= p && before.net.carries(h, a.a)) from = h;
      std::string via = maker != a.a && from != maker ? fmt::format(" (relayed for {})", region_name(maker)) : "";
      return {r, StepKind::Deliver, from < 0 ? "" : region_name(from), fmt::format("entry {}{}", p, via), ""};
    }
    case Action::Apply: {
      const int p = after.engines[a.a].data.applied;
      const auto& item_before = before.engines[a.a].data.items, &item_after = after.engines[a.a].data.items;
      const char* effect = item_before == item_after && j.entries[p - 1].kind == jr::Entry::Put ? " (skipped)" : "";
      return {r, StepKind::Local, "", fmt::format("apply {}{}", p, effect), ""};
    }
    case Action::Checkpoint: return {r, StepKind::Local, "", "checkpoint", ""};
    case Action::RoleFault: return world::step_info(world::RoleFault::Kind(a.c), r, "", "engine");
    case Action::Lose: return {r, StepKind::Fault, "", "storage lost", ""};
    case Action::Fault: return world::step_info({a.fault, a.a, a.b, a.c});
    case Action::Replicate:
      return {r, StepKind::Send, region_name(a.b),
              fmt::format("accept to {} (commit {})", after.replicas[a.a].data.match[a.b],
                          after.replicas[a.a].data.commit), ""};
    case Action::Elect: return {r, StepKind::Local, "", fmt::format("leader b{}", after.replicas[a.a].data.promised), ""};
  }
  return {r, StepKind::Local, "", "", ""};
}

}  // namespace replicheck::models
