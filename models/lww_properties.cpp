// What users of an asynchronous global table can and cannot rely on, as
// properties of the LWW model (issue 3's table), and the fields traces show.
#include <fmt/format.h>

#include "models/lww.hpp"
#include "properties/linearizability.hpp"
#include "properties/session.hpp"

namespace replicheck::models {

namespace lww = protocol::lww;
namespace pr = properties;

namespace {

// The history the clients saw, for the checkers in properties/. A session
// is a client, or with `per_region` a client at one region: a client whose
// requests are routed to another region starts a new session there.
pr::History client_history(const Lww::State& s, bool per_region) {
  pr::History h;
  for (int i = 0; i < s.history_length; ++i) {
    const Lww::ClientOp& o = s.history[i];
    pr::Operation op;
    op.session = per_region ? o.client * Lww::kRegions + o.region : o.client;
    op.key = fmt::format("k{}", o.key);
    op.invoke = o.invoke;
    if (o.is_read) {
      op.kind = pr::OpKind::kRead;
      op.output = {o.value ? pr::Value{std::int64_t(o.value)} : pr::Value{pr::Nil{}}};
      op.response = o.response;
    } else {
      op.kind = pr::OpKind::kWrite;
      op.input = {pr::Value{std::int64_t(o.value)}};
      op.status = o.response == Lww::kPending ? pr::Status::kInfo : pr::Status::kOk;
      op.response = o.response == Lww::kPending ? pr::kNever : o.response;
    }
    h.ops.push_back(std::move(op));
  }
  return h;
}

bool session_holds(const Lww::State& s, bool per_region, pr::Guarantee g) {
  return pr::check_session_guarantees(client_history(s, per_region), pr::Model::kRegister, {g}).ok();
}

bool converged(const Lww& m, const Lww::State& s) {
  for (int r = 1; r < m.regions(); ++r)
    for (int k = 0; k < m.keys(); ++k) {
      const lww::Item &a = s.regions[0].data.items[k], &b = s.regions[r].data.items[k];
      if (a.present != b.present || (a.present && (a.version.value != b.version.value || a.version.ts != b.version.ts ||
                                                   a.version.origin != b.version.origin)))
        return false;
    }
  return true;
}

// Every acknowledged write is still visible, or was overwritten by a write
// invoked after it was acknowledged (one that came after it in real time).
bool no_lost_write(const Lww::State& s) {
  for (int i = 0; i < s.history_length; ++i) {
    const Lww::ClientOp& w = s.history[i];
    if (w.is_read || w.response == Lww::kPending) continue;
    const lww::Item& final_item = s.regions[0].data.items[w.key];
    if (final_item.present && final_item.version.value == w.value) continue;
    bool superseded = false;
    for (int j = 0; j < s.history_length; ++j) {
      const Lww::ClientOp& v = s.history[j];
      if (!v.is_read && final_item.present && v.value == final_item.version.value) superseded = v.invoke > w.response;
    }
    if (!superseded) return false;
  }
  return true;
}

// Streams reflect applied writes only (seed 004): a stale replicated write
// leaves no record, an applied one always does. So per region and item, the
// newest record is the version the item holds, and records only move forward.
bool stream_matches_table(const Lww& m, const Lww::State& s) {
  for (int r = 0; r < m.regions(); ++r) {
    const auto& d = s.regions[r].data;
    for (int k = 0; k < m.keys(); ++k) {
      const lww::Record* newest = nullptr;
      for (int i = 0; i < d.stream_length; ++i)
        if (d.stream[i].key == k) {
          if (newest && !d.stream[i].newer_than(*newest)) return false;
          newest = &d.stream[i];
        }
      const lww::Item& item = d.items[k];
      if (item.present != (newest != nullptr)) return false;
      if (newest && (newest->value != item.version.value || newest->ts != item.version.ts ||
                     newest->origin != item.version.origin))
        return false;
    }
  }
  return true;
}

}  // namespace

std::vector<Property<Lww::State>> Lww::properties() const {
  const Lww& m = *this;
  using G = pr::Guarantee;
  return {
      {"converge", PropertyKind::AtQuiescence,
       "once replication is drained and links healed, every region holds the same items",
       [&m](const State& s) { return converged(m, s); }},
      {"no-lost-write", PropertyKind::AtQuiescence,
       "every acknowledged write is visible or overwritten by a write that came after it in real time",
       [](const State& s) { return no_lost_write(s); }},
      {"no-relay", PropertyKind::Always,
       "a replicator ships only writes that originated in its source region",
       [&m](const State& s) {
         for (int src = 0; src < m.regions(); ++src)
           for (int dst = 0; dst < m.regions(); ++dst)
             if (src != dst)
               for (const auto& w : s.net.in_flight(src, dst))
                 if (w.record.origin != src) return false;
         return true;
       }},
      {"stream-matches-table", PropertyKind::Always,
       "a region's stream records exactly the writes it applied: its newest record for an item is the item",
       [&m](const State& s) { return stream_matches_table(m, s); }},
      {"read-your-writes-in-region", PropertyKind::History,
       "a client reading in the region it wrote to sees its own writes",
       [](const State& s) { return session_holds(s, true, G::kReadYourWrites); }},
      {"read-your-writes-routed", PropertyKind::History,
       "a client routed to another region still sees its own writes",
       [](const State& s) { return session_holds(s, false, G::kReadYourWrites); }},
      {"monotonic-reads-in-region", PropertyKind::History,
       "per item, reads in one region never go back in time",
       [](const State& s) { return session_holds(s, true, G::kMonotonicReads); }},
      {"monotonic-reads-routed", PropertyKind::History,
       "per item, a client's reads never go back in time, even when it switches regions",
       [](const State& s) { return session_holds(s, false, G::kMonotonicReads); }},
      {"linearizable", PropertyKind::History, "reads are linearizable",
       [](const State& s) {
         return pr::check_linearizability(client_history(s, false), pr::Model::kRegister).verdict !=
                pr::Verdict::kNotLinearizable;
       }},
      {"stale-write-dropped", PropertyKind::Sometimes,
       "a conflict happens: a replicated write loses to a newer one and is dropped",
       [&m](const State& s) {
         for (int r = 0; r < m.regions(); ++r)
           if (s.regions[r].data.stale_dropped) return true;
         return false;
       }},
      {"replicated-overwrites-local", PropertyKind::Sometimes,
       "a replicated write replaces a write made in the destination region",
       [&m](const State& s) {
         for (int r = 0; r < m.regions(); ++r)
           if (s.regions[r].data.overwrote_local) return true;
         return false;
       }},
  };
}

std::vector<std::pair<std::string, std::string>> Lww::fields(const State& s) const {
  std::vector<std::pair<std::string, std::string>> out;
  auto version = [](const lww::Record& r) { return fmt::format("{}@{}.r{}", r.value, r.ts, r.origin); };
  for (int r = 0; r < regions_; ++r) {
    const auto& d = s.regions[r].data;
    for (int k = 0; k < keys_; ++k)
      out.emplace_back(fmt::format("r{}.k{}", r, k), d.items[k].present ? version(d.items[k].version) : "nil");
    std::string stream;
    for (int i = 0; i < d.stream_length; ++i) stream += fmt::format("{}{}", i ? " " : "", version(d.stream[i]));
    out.emplace_back(fmt::format("r{}.stream", r), fmt::format("[{}]", stream));
  }
  for (int src = 0; src < regions_; ++src)
    for (int dst = 0; dst < regions_; ++dst) {
      if (src == dst) continue;
      const auto& rep = s.replicators[src * kRegions + dst];
      const char* st = rep.in<lww::ReplicatorDef::Running>() ? "running"
                       : rep.in<lww::ReplicatorDef::Paused>() ? "paused"
                                                              : "crashed";
      out.emplace_back(fmt::format("r{}.replicator->r{}", src, dst),
                       fmt::format("{} at {} (checkpoint {})", st, rep.data.position, rep.data.checkpoint));
      std::string wire;
      for (const auto& w : s.net.in_flight(src, dst))
        wire += fmt::format("{}{}", wire.empty() ? "" : " ", version(w.record));
      out.emplace_back(fmt::format("r{}.link->r{}", src, dst),
                       fmt::format("{}[{}]", s.net.is_cut(src, dst) ? "cut " : "", wire));
    }
  // One field per client operation, so a trace's diff shows just the
  // operation a step invoked or completed.
  for (int i = 0; i < s.history_length; ++i) {
    const ClientOp& o = s.history[i];
    std::string seen = o.value ? std::to_string(o.value) : "nil";
    out.emplace_back(fmt::format("op{}", i),
                     fmt::format("c{} {}@r{} {}{}{}", o.client, o.is_read ? "read" : "write", o.region,
                                 o.is_read ? "-> " : "", o.is_read ? seen : std::to_string(o.value),
                                 !o.is_read && o.response == kPending ? " (pending)" : ""));
  }
  return out;
}

std::vector<std::string> Lww::lanes() const {
  std::vector<std::string> out;
  for (int r = 0; r < regions_; ++r) out.push_back(fmt::format("r{}", r));
  return out;
}

StepInfo Lww::step_info(const State& before, const Action& a, const State& after) const {
  auto lane = [](int r) { return fmt::format("r{}", r); };
  auto version = [](const lww::Record& r) { return fmt::format("{}@{}.r{}", r.value, r.ts, r.origin); };
  std::string src = lane(a.a), dst = lane(a.b);
  switch (a.kind) {
    case Action::Invoke: {
      // The operation it started is the newest in the history.
      const ClientOp& op = after.history[after.history_length - 1];
      std::string id = fmt::format("c{}#{}", a.a, before.ops_started[a.a]);
      std::string label = op.is_read ? fmt::format("c{} read -> {}", a.a, op.value ? std::to_string(op.value) : "nil")
                                     : fmt::format("c{} write {}", a.a, op.value);
      return {lane(op.region), StepKind::Client, "", label, id};
    }
    case Action::Acknowledge: {
      const ClientOp& op = before.history[before.pending[a.a]];
      return {lane(op.region), StepKind::Client, "", fmt::format("c{} write {} ok", a.a, op.value),
              fmt::format("c{}#{}", a.a, before.ops_started[a.a] - 1)};
    }
    case Action::Ship: {
      const auto& sent = after.net.in_flight(a.a, a.b);
      if (sent.size() > before.net.in_flight(a.a, a.b).size())
        return {src, StepKind::Send, dst, version(sent.back().record), ""};
      return {src, StepKind::Local, "", "skip a replicated record", ""};
    }
    case Action::Deliver: {
      const auto& w = before.net.in_flight(a.a, a.b)[a.c];
      bool applied = after.regions[a.b].data.stream_length > before.regions[a.b].data.stream_length;
      return {dst, StepKind::Deliver, src, version(w.record) + (applied ? "" : " (stale, dropped)"), ""};
    }
    case Action::Cut: return {src, StepKind::Fault, dst, "link cut", ""};
    case Action::Heal: return {src, StepKind::Fault, dst, "link healed", ""};
    case Action::Crash: return {src, StepKind::Fault, dst, "replicator crash", ""};
    case Action::Restart: return {src, StepKind::Fault, dst, "replicator restart", ""};
    case Action::Pause: return {src, StepKind::Fault, dst, "replicator paused", ""};
    case Action::Resume: return {src, StepKind::Fault, dst, "replicator resumed", ""};
  }
  return {src, StepKind::Local, "", "", ""};
}

}  // namespace replicheck::models
