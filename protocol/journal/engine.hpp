// A region's replication engine (MRSC): applies the journal's committed
// entries to the region's table in journal order, each only if its
// condition still holds, and remembers how far it got. The table is durable;
// the applied position is volatile, and its durable copy (the checkpoint)
// lags behind it, so a crash sends the engine back to the checkpoint and it
// re-applies what follows: conditions make that harmless.
//
// The engine also makes entries (models/journal/serving.cpp reads the table
// to build "put v if version = x"); that is a read, not a transition.
#pragma once
#include <array>
#include <cstdint>

#include "protocol/journal/entries.hpp"
#include "protocol/machine.hpp"

namespace replicheck::protocol::journal {

struct EngineData {
  std::array<Item, kMaxKeys> items{};
  std::uint8_t applied = 0;     // volatile: every entry up to this position is applied
  std::uint8_t checkpoint = 0;  // durable: where a restart resumes
  // Durable, with the table: the answer given to each client of this region
  // for its latest entry (its position and outcome), so a replay answers the same.
  std::array<Item, kMaxClients> answers{};  // {outcome, position}
  std::uint8_t twice = 0;           // observer: a replayed entry changed the table again
  std::uint8_t false_conflict = 0;  // observer: a replay turned an answered success into a conflict
  std::uint8_t region = 0;          // configuration
  Bug bug = Bug::None;              // configuration
  // The furthest position whose effect the table shows.
  int high() const {
    int h = 0;
    for (const auto& item : items) h = item.version > h ? item.version : h;
    return h;
  }
};

// Applies entry `position` to the table: puts if the item is as the entry
// expects. After a crash the engine re-applies from its checkpoint against a
// table that is already ahead of it: an entry that finds its own position on
// the item was applied, and one that finds a later version was settled
// before; neither changes the table (the seeded bug puts regardless). The
// answer for one of this region's clients is the one already given, if any
// (the other seeded bug recomputes it, and a later write makes it a conflict).
// Written once: the engine's transition and the property that rebuilds a
// table from the journal (models/journal/properties.cpp) both call it.
inline Outcome apply_entry(EngineData& g, const Entry& entry, int position) {
  const bool replay = position <= g.high();
  g.applied = std::uint8_t(position);
  Outcome outcome = Outcome::Applied;
  if (entry.kind == Entry::Put) {
    Item& item = g.items[entry.key];
    if (item.version == position && g.bug != Bug::UnconditionalEntries) {
      // its own effect, already there
    } else if (item.version != entry.expect && g.bug != Bug::UnconditionalEntries) {
      outcome = Outcome::Conflict;
    } else {
      if (replay) g.twice = 1;
      item = {entry.value, std::uint8_t(position)};
    }
  }
  if (entry.origin != g.region || entry.kind == Entry::Fence) return outcome;
  Item& answer = g.answers[entry.client];
  if (answer.version > position) return outcome;  // the client has moved on
  if (answer.version == position && g.bug != Bug::NoIdempotenceCheck) return Outcome(answer.value);
  if (answer.version == position && Outcome(answer.value) == Outcome::Applied && outcome == Outcome::Conflict)
    g.false_conflict = 1;
  answer = {std::uint8_t(outcome), std::uint8_t(position)};
  return outcome;
}

struct EngineDef : RoleDef<EngineDef>, EngineData {
  using Data = EngineData;
  struct Running : msm::front::state<> {};
  struct Crashed : msm::front::state<> {};
  using initial_state = Running;
  // What applying the last entry meant for the client that made it.
  struct Outbox {
    Outcome outcome = Outcome::None;
  } outbox;

  struct Next {
    template <class E, class F, class S, class T>
    bool operator()(const E& e, F& g, S&, T&) { return e.position == g.applied + 1; }
  };
  struct ApplyEntry {
    template <class E, class F, class S, class T>
    void operator()(const E& e, F& g, S&, T&) { g.outbox.outcome = apply_entry(g, e.entry, e.position); }
  };
  struct Behind {
    template <class E, class F, class S, class T>
    bool operator()(const E&, F& g, S&, T&) { return g.checkpoint < g.applied; }
  };
  struct SaveCheckpoint {
    template <class E, class F, class S, class T>
    void operator()(const E&, F& g, S&, T&) { g.checkpoint = g.applied; }
  };
  struct Rewind {
    template <class E, class F, class S, class T>
    void operator()(const E&, F& g, S&, T&) { g.applied = g.checkpoint; }
  };
  struct Empty {
    template <class E, class F, class S, class T>
    void operator()(const E&, F& g, S&, T&) { g.items = {}, g.answers = {}, g.applied = g.checkpoint = 0; }
  };

  struct transition_table
      : rows<Row<Running, Apply, Running, ApplyEntry, Next>,
             Row<Running, Checkpoint, Running, SaveCheckpoint, Behind>,
             Row<Running, Crash, Crashed, Rewind>,
             Row<Crashed, Restart, Running>,
             Row<Running, Wipe, Running, Empty>,
             Row<Crashed, Wipe, Crashed, Empty>> {};
};

using Engine = Role<EngineDef>;

}  // namespace replicheck::protocol::journal
