// A region's replica of the replicated journal (journal=replicated): a
// leader orders entries and replicates them; an entry is committed once a
// majority (two of three) holds it in the leader's ballot. When the leader's
// region is lost, a region with a promise from one other takes a higher
// ballot and recovers the log from that majority, slot by slot keeping the
// entry of the highest ballot (Paxos's rule: what a majority accepted, a
// majority still shows), then re-proposes it all in its own ballot.
//
// Each exchange (a proposal reaching the leader, an accept and its
// acknowledgement, a prepare and its promise) is one step that needs its
// route at that moment; the model checks the route and fires the events on
// both ends.
//
// Seeded bugs: leader-recovers-from-one (a new leader keeps only its own
// log), quorum-of-one (a leader commits what it alone holds).
#pragma once
#include <algorithm>
#include <array>
#include <cstdint>

#include "protocol/journal/entries.hpp"
#include "protocol/machine.hpp"

namespace replicheck::protocol::journal {

// A log slot: the entry and the ballot it was accepted in, one u32.
struct Slot {
  static std::uint32_t make(const Entry& e, int ballot) { return e.pack() | std::uint32_t(ballot) << 24; }
  static Entry entry(std::uint32_t s) { return Entry::unpack(s & 0xffffff); }
  static int ballot(std::uint32_t s) { return int(s >> 24); }
  static bool same_entry(std::uint32_t a, std::uint32_t b) { return (a & 0xffffff) == (b & 0xffffff); }
};

struct ReplicaData {
  std::array<std::uint32_t, kMaxEntries> log{};
  std::uint8_t length = 0, commit = 0, promised = 0;
  std::array<std::uint8_t, kRegions> match{};  // leader: how much of its log each region holds
  std::uint8_t region = 0;                     // configuration
  Bug bug = Bug::None;                         // configuration
  // Raises commit to the longest prefix a majority holds (the leader's
  // slots all carry its ballot: it re-proposed what it recovered).
  void advance_commit() {
    const int need = bug == Bug::QuorumOfOne ? 1 : 2;
    for (int p = length; p > commit; --p) {
      int holders = 0;
      for (auto m : match) holders += m >= p;
      if (holders >= need) {
        commit = std::uint8_t(p);
        return;
      }
    }
  }
};

// Events (the other end's data travels with them).
struct Propose { Entry entry; };                      // an engine's entry reaches the leader
struct AcceptFrom { const ReplicaData* leader; };     // the leader's log reaches a follower
struct AckedBy { std::uint8_t region, agreed; };      // ... and the follower's answer, the leader
struct Outvoted { std::uint8_t promised; };           // the follower had promised a higher ballot
struct Promise { std::uint8_t ballot; };              // a candidate's prepare
struct TakeOver { std::uint8_t ballot; const ReplicaData* peer; };  // the candidate, with one promise

struct ReplicaDef : RoleDef<ReplicaDef>, ReplicaData {
  using Data = ReplicaData;
  struct Follower : msm::front::state<> {};
  struct Leader : msm::front::state<> {};
  using initial_state = Follower;  // the model makes r0 the leader of ballot 1
  struct Outbox {
    std::uint8_t agreed = 0;  // AcceptFrom: how much of the leader's log this replica now holds
  } outbox;

  struct Room {
    template <class E, class F, class S, class T>
    bool operator()(const E&, F& r, S&, T&) { return r.length < kMaxEntries; }
  };
  struct Append {
    template <class E, class F, class S, class T>
    void operator()(const E& e, F& r, S&, T&) {
      r.log[r.length++] = Slot::make(e.entry, r.promised);
      r.match[r.region] = r.length;
      r.advance_commit();
    }
  };
  struct Current {
    template <class E, class F, class S, class T>
    bool operator()(const E& e, F& r, S&, T&) { return e.leader->promised >= r.promised; }
  };
  // Takes the leader's ballot for the prefix it shares with the leader's
  // log, then the leader's next slot; drops what disagrees after it.
  struct Accept {
    template <class E, class F, class S, class T>
    void operator()(const E& e, F& r, S&, T&) {
      const ReplicaData& l = *e.leader;
      r.promised = l.promised;
      int i = 0;
      while (i < r.length && i < l.length && Slot::same_entry(r.log[i], l.log[i])) r.log[i] = l.log[i], ++i;
      if (i < l.length) r.log[i] = l.log[i], ++i;
      r.length = std::uint8_t(i);
      r.commit = std::uint8_t(std::max<int>(r.commit, std::min<int>(l.commit, i)));
      r.outbox.agreed = std::uint8_t(i);
    }
  };
  struct Superseded {
    template <class E, class F, class S, class T>
    bool operator()(const E& e, F& r, S&, T&) { return e.leader->promised > r.promised; }
  };
  struct Record {
    template <class E, class F, class S, class T>
    void operator()(const E& e, F& r, S&, T&) {
      r.match[e.region] = e.agreed;
      r.advance_commit();
    }
  };
  struct StepDown {
    template <class E, class F, class S, class T>
    void operator()(const E& e, F& r, S&, T&) { r.promised = e.promised; }
  };
  struct Higher {
    template <class E, class F, class S, class T>
    bool operator()(const E& e, F& r, S&, T&) { return e.ballot > r.promised; }
  };
  struct Promised {
    template <class E, class F, class S, class T>
    void operator()(const E& e, F& r, S&, T&) { r.promised = e.ballot; }
  };
  // Recovery: slot by slot, the entry of the higher ballot of the two logs
  // (the seeded bug keeps its own log), all re-proposed in the new ballot.
  struct Recover {
    template <class E, class F, class S, class T>
    void operator()(const E& e, F& r, S&, T&) {
      const ReplicaData& q = *e.peer;
      if (r.bug != Bug::LeaderRecoversFromOne) {
        for (int i = 0; i < q.length; ++i)
          if (i >= r.length || Slot::ballot(q.log[i]) > Slot::ballot(r.log[i])) r.log[i] = q.log[i];
        r.length = std::max(r.length, q.length);
        r.commit = std::max(r.commit, q.commit);
      }
      for (int i = 0; i < r.length; ++i) r.log[i] = Slot::make(Slot::entry(r.log[i]), e.ballot);
      r.promised = e.ballot;
      r.match = {};
      r.match[r.region] = r.length;
    }
  };

  struct transition_table
      : rows<Row<Leader, Propose, Leader, Append, Room>,
             Row<Follower, AcceptFrom, Follower, Accept, Current>,
             Row<Leader, AcceptFrom, Follower, Accept, Superseded>,
             Row<Leader, AckedBy, Leader, Record>,
             Row<Leader, Outvoted, Follower, StepDown>,
             Row<Follower, Promise, Follower, Promised, Higher>,
             Row<Leader, Promise, Follower, Promised, Higher>,
             Row<Follower, TakeOver, Leader, Recover, Higher>> {};
};

using JournalReplica = Role<ReplicaDef>;

}  // namespace replicheck::protocol::journal
