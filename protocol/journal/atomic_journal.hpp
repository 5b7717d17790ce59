// The multi-region journal as one atomic primitive (journal=atomic): an
// append-only sequence of entries, each durable in the regions that hold it.
// An append commits in one step once durable in two of the three regions
// (the appender and one region it can reach); committed entries reach the
// other regions later, one at a time, each region holding a prefix of the
// sequence. Losing a region loses its copy; a committed entry survives in the
// other region that holds it.
//
// Seeded bug quorum-of-one: an append commits once durable at the appender
// alone, so losing that region loses acknowledged entries.
#pragma once
#include <algorithm>
#include <array>
#include <cstdint>

#include "protocol/journal/entries.hpp"
#include "protocol/machine.hpp"

namespace replicheck::protocol::journal {

struct JournalData {
  std::array<Entry, kMaxEntries> entries{};
  std::uint8_t length = 0;
  std::array<std::uint8_t, kRegions> held{};  // region r holds entries 1..held[r]
};

struct JournalDef : RoleDef<JournalDef>, JournalData {
  using Data = JournalData;
  struct Open : msm::front::state<> {};
  using initial_state = Open;
  struct Outbox {} outbox;  // the journal answers through its data: the model reads the new length

  // Catching up, one of the two must hold the whole sequence to give the
  // other what it lacks (after a region's storage is lost, neither may);
  // without (no relay, or an append at one region alone) both must.
  struct Room {
    template <class E, class F, class S, class T>
    bool operator()(const E& e, F& j, S&, T&) {
      const bool origin_whole = j.held[e.origin] == j.length, peer_whole = j.held[e.peer] == j.length;
      return j.length < kMaxEntries && (e.catch_up ? origin_whole || peer_whole : origin_whole && peer_whole);
    }
  };
  struct Durable {
    template <class E, class F, class S, class T>
    void operator()(const E& e, F& j, S&, T&) {
      j.entries[j.length++] = e.entry;
      j.held[e.origin] = j.held[e.peer] = j.length;  // each catches up on the way
    }
  };
  struct Missing {
    template <class E, class F, class S, class T>
    bool operator()(const E& e, F& j, S&, T&) { return j.held[e.region] < j.length; }
  };
  struct Receive {
    template <class E, class F, class S, class T>
    void operator()(const E& e, F& j, S&, T&) { ++j.held[e.region]; }
  };
  // What no region holds any more is gone from the journal.
  struct Lose {
    template <class E, class F, class S, class T>
    void operator()(const E& e, F& j, S&, T&) {
      j.held[e.region] = 0;
      j.length = *std::max_element(j.held.begin(), j.held.end());
    }
  };

  struct transition_table
      : rows<Row<Open, Append, Open, Durable, Room>,
             Row<Open, Store, Open, Receive, Missing>,
             Row<Open, Forget, Open, Lose>> {};
};

using AtomicJournal = Role<JournalDef>;

}  // namespace replicheck::protocol::journal
