// The world's parts as footprint bits (models/footprint.hpp), and the
// footprints of the world's own actions: client steps, network faults and
// role faults. Written once for every protocol; a protocol adds its roles'
// actions in the same terms.
#pragma once
#include <cstdint>

#include "models/footprint.hpp"
#include "models/world/faults.hpp"
#include "models/world/serving.hpp"

namespace replicheck::world::parts {

// A region's own state: its replica, its log, its journal.
constexpr std::uint64_t region(int r) { return 1ull << r; }
// The messages in flight from one region to another.
constexpr std::uint64_t link(int from, int to) { return 1ull << (4 + 4 * from + to); }
// The role that serves one ordered pair of regions (a replicator from -> to).
constexpr std::uint64_t pair_role(int from, int to) { return 1ull << (20 + 4 * from + to); }
// Cuts, isolations and outages.
constexpr std::uint64_t kTopology = 1ull << 36;
// The fault budgets spent so far.
constexpr std::uint64_t kBudgets = 1ull << 37;
// The clients: their history, real time (every step is a tick), sessions.
constexpr std::uint64_t kClients = 1ull << 38;
// State of the protocol as a whole (which region is primary, the leader).
constexpr std::uint64_t kProtocol = 1ull << 39;
constexpr std::uint64_t kEverything = ~0ull;

constexpr std::uint64_t regions(int a, int b) { return region(a) | region(b); }

}  // namespace replicheck::world::parts

namespace replicheck::world {

// A network fault and its repair change the topology (a lost or duplicated
// message, one link) and spend budget; which are on offer depends on both.
inline Footprint footprint(const NetworkFault& f) {
  using namespace parts;
  std::uint64_t touched =
      kBudgets | (f.kind == NetworkFault::Drop || f.kind == NetworkFault::Duplicate ? link(f.a, f.b) : kTopology);
  return {touched, touched};
}

// A fault of the role serving from -> to: a crash or a pause spends budget;
// a crash also loses what the role had in flight.
inline Footprint footprint(RoleFault::Kind k, int from, int to) {
  using namespace parts;
  std::uint64_t touched = pair_role(from, to);
  if (k == RoleFault::Crash || k == RoleFault::Pause) touched |= kBudgets;
  if (k == RoleFault::Crash) touched |= link(from, to);
  return {touched, touched};
}

// A client step. Every step is a tick of real time in the history, so any
// two client steps conflict. `sent_to` is where the operation went and
// `served_at` the region that applies it; `writes` when the step may change
// that region (a write completing), else it only reads it.
inline Footprint client_footprint(int sent_to, int served_at, bool writes) {
  using namespace parts;
  std::uint64_t at = regions(sent_to, served_at);
  return {kClients | kTopology | at, kClients | (writes ? at : 0)};
}

// A key naming an action of the shape every protocol here uses: a kind,
// up to three small numbers, a client step and a network fault's kind.
template <class Action>
std::uint16_t action_key(const Action& a) {
  if (a.kind == Action::Client)
    return std::uint16_t(a.kind << 12 | a.client.kind << 3 | a.client.client << 1 | a.client.lag);
  return std::uint16_t(a.kind << 12 | a.a << 10 | a.b << 8 | a.c << 4 | (a.kind == Action::Fault ? a.fault : 0));
}

}  // namespace replicheck::world
