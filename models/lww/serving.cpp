// How a region serves the clients of an async global table, and what the
// client patterns change about it (see models/lww/model.hpp). The steps
// around it (invoke, complete, outages) are the world's: models/world/serving.hpp.
#include <stdexcept>

#include "models/lww/model.hpp"

namespace replicheck::models {

namespace lww = protocol::lww;
using world::ClientOp, world::OpKind, world::OpStatus;

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
  return (op.key == world::kEveryKey ? 0 : op.key) % regions();
}

bool Lww::ready(const State& s, int c) const {
  const ClientOp& op = s.clients.pending_op(c);
  int at = executes_at(op);
  if (s.net.is_down(op.region) || s.net.is_down(at)) return false;
  // A forwarded write needs the way to its home region and back.
  if (at != op.region && !(s.net.carries(op.region, at) && s.net.carries(at, op.region))) return false;
  if (op.kind != OpKind::Read || pattern_ != Pattern::VersionTokens) return true;
  const auto& items = s.regions[op.region].data.items;
  for (int k = 0; k < workload().keys; ++k)
    if (op.touches(k) && !at_least(items[k], s.sessions[op.client].seen[k])) return false;
  return true;
}

// Sticky sessions send reads after a write to the write's region; every
// operation records where it will be applied.
void Lww::route(const State& s, ClientOp& op, State& out) const {
  Session& session = out.sessions[op.client];
  if (pattern_ == Pattern::Sticky) {
    if (op.kind == OpKind::Read && session.sticky_left > 0) {
      op.region = session.sticky_region;
      --session.sticky_left;
    } else if (op.kind != OpKind::Read) {
      session.sticky_region = op.region;
      session.sticky_left = std::uint8_t(sticky_window_);
    }
  }
  (void)s;
  op.origin = std::uint8_t(executes_at(op));
  op.conditional = pattern_ == Pattern::Conditional && op.writes();
}

OpStatus Lww::serve(State& out, int c, int lag) const {
  ClientOp& op = out.clients.pending_op(c);
  Session& session = out.sessions[c];
  const int at = executes_at(op);
  auto& region = out.regions[at];
  const bool remembers = pattern_ == Pattern::VersionTokens || pattern_ == Pattern::Conditional;
  if (op.kind == OpKind::Read) {
    for (int k = 0; k < workload().keys; ++k) {
      if (!op.touches(k)) continue;
      const lww::Item item = lww::read_item(region.data, k, lag);
      op.values[k] = item.present ? item.version.value : 0;
      if (remembers) remember(session, pattern_, k, item);
    }
    return OpStatus::Ok;
  }
  // Every write of every item fits in the stream: see model.hpp.
  int records = op.key == world::kEveryKey ? workload().keys : 1;
  if (region.data.stream_length + records > lww::kStreamCapacity) throw std::logic_error("LWW stream overflow");
  op.stamp = world_.clock(out.clients.now, at);
  op.origin = std::uint8_t(at);
  if (op.kind == OpKind::Increment) {
    region.fire(lww::LocalIncrement{{op.key, 0, op.stamp, op.origin}});
    op.values[op.key] = lww::RegionReplica::outbox().value;
  } else {
    lww::LocalWrite w;
    w.count = 0;
    w.conditional = op.conditional;
    for (int k = 0; k < workload().keys; ++k)
      if (op.touches(k)) {
        w.expected[w.count] = session.seen[k];
        w.records[w.count++] = {std::uint8_t(k), op.values[k], op.stamp, op.origin};
      }
    if (!region.fire(w)) return OpStatus::Refused;
  }
  if (remembers)
    for (int k = 0; k < workload().keys; ++k)
      if (op.touches(k)) remember(session, pattern_, k, {{std::uint8_t(k), op.values[k], op.stamp, op.origin}, true});
  return OpStatus::Ok;
}

}  // namespace replicheck::models
