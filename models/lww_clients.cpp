// How a region serves the clients of an async global table, and what the
// client patterns change about it (see models/lww.hpp).
#include "models/lww.hpp"

namespace replicheck::models {

namespace lww = protocol::lww;
using world::ClientOp;
using world::OpKind;
using world::OpStatus;

namespace {

bool at_least(const lww::Item& item, const lww::Item& token) {
  return !token.present || (item.present && !token.version.newer_than(item.version));
}

// The session remembers item k as seen: the newest (tokens) or the latest (conditional).
void remember(Lww::Session& session, Lww::Pattern pattern, int k, const lww::Item& item) {
  lww::Item& seen = session.seen[k];
  if (pattern == Lww::Pattern::VersionTokens && at_least(seen, item)) return;  // keeps the newer token
  seen = item;
}

}  // namespace

int Lww::executes_at(const ClientOp& op) const {
  if (pattern_ != Pattern::HomeRegion || op.kind == OpKind::Read) return op.region;
  return (op.key == world::kEveryKey ? 0 : op.key) % regions_;
}

bool Lww::can_complete(const State& s, int c) const {
  const ClientOp& op = s.clients.pending_op(c);
  int at = executes_at(op);
  if (s.net.is_down(op.region) || s.net.is_down(at)) return false;
  // A forwarded write needs the way to its home region and back.
  if (at != op.region && !(s.net.carries(op.region, at) && s.net.carries(at, op.region))) return false;
  if (op.kind != OpKind::Read || pattern_ != Pattern::VersionTokens) return true;
  const auto& items = s.regions[op.region].data.items;
  for (int k = 0; k < workload_.keys; ++k)
    if (op.touches(k) && !at_least(items[k], s.sessions[c].seen[k])) return false;
  return true;
}

bool Lww::invoke(const State& s, int c, int lag, State& out) const {
  ClientOp op = workload_.planned(c, s.clients.started[c], kMaxOps);
  Session session = s.sessions[c];
  if (pattern_ == Pattern::Sticky) {
    if (op.kind == OpKind::Read && session.sticky_left > 0) {
      op.region = session.sticky_region;
      --session.sticky_left;
    } else if (op.kind != OpKind::Read) {
      session.sticky_region = op.region;
      session.sticky_left = std::uint8_t(sticky_window_);
    }
  }
  op.origin = std::uint8_t(executes_at(op));
  out = s;
  out.sessions[c] = session;
  out.clients.invoke(op);
  if (s.net.is_down(op.region)) {  // an outage: the region serves nobody
    out.clients.respond(c, OpStatus::Fail);
    return true;
  }
  if (op.kind == OpKind::Read && can_complete(out, c)) {
    State served;
    complete(out, c, lag, served);
    out = served;
  }
  return true;
}

bool Lww::complete(const State& s, int c, int lag, State& out) const {
  if (!can_complete(s, c)) return false;
  const ClientOp& pending = s.clients.pending_op(c);
  int records = pending.key == world::kEveryKey ? workload_.keys : 1;
  if (s.regions[executes_at(pending)].data.stream_length + records > lww::kStreamCapacity)
    return false;  // cannot happen: see lww.hpp
  out = s;
  ClientOp& op = out.clients.pending_op(c);
  Session& session = out.sessions[c];
  const int at = executes_at(op);
  auto& region = out.regions[at];
  if (op.kind == OpKind::Read) {
    for (int k = 0; k < workload_.keys; ++k) {
      if (!op.touches(k)) continue;
      const lww::Item item = lww::read_item(region.data, k, lag);
      op.values[k] = item.present ? item.version.value : 0;
      if (pattern_ == Pattern::VersionTokens || pattern_ == Pattern::Conditional) remember(session, pattern_, k, item);
    }
    out.clients.respond(c, OpStatus::Ok);
    return true;
  }
  // The region stamps the write with its own clock: true time plus skew.
  op.ts = std::uint8_t(s.clients.now + 3 + faults_.skew[at]);
  op.origin = std::uint8_t(at);
  if (op.kind == OpKind::Increment) {
    region.fire(lww::LocalIncrement{{op.key, 0, op.ts, op.origin}});
    op.values[op.key] = lww::RegionReplica::outbox().value;
  } else {
    lww::LocalWrite w;
    w.count = 0;
    w.conditional = pattern_ == Pattern::Conditional;
    for (int k = 0; k < workload_.keys; ++k)
      if (op.touches(k)) {
        w.expected[w.count] = session.seen[k];
        w.records[w.count++] = {std::uint8_t(k), op.values[k], op.ts, op.origin};
      }
    if (!region.fire(w)) {
      out.clients.respond(c, OpStatus::Refused);
      return true;
    }
  }
  if (pattern_ == Pattern::VersionTokens || pattern_ == Pattern::Conditional)
    for (int k = 0; k < workload_.keys; ++k)
      if (op.touches(k))
        remember(session, pattern_, k, {{std::uint8_t(k), op.values[k], op.ts, op.origin}, true});
  out.clients.respond(c, OpStatus::Ok);
  return true;
}

}  // namespace replicheck::models
