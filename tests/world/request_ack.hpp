// Requests with acknowledgements, the pattern a quorum-journal append or a
// log-shipping primary follows: a Sender sends Request{seq} to every peer in
// one transition (its outbox), counts one Ack per peer, and on Retry (the
// model fires it when nothing is in flight) sends again to the peers whose
// ack has not come. A Peer applies each request once and acks every copy,
// so a lost ack is repaired by the retry. Messages are the roles' events.
#pragma once
#include <cstdint>

#include "protocol/codec.hpp"
#include "protocol/machine.hpp"
#include "protocol/outbox.hpp"
#include "protocol/tagged.hpp"

namespace replicheck::testing::request_ack {

namespace msm = protocol::msm;
using protocol::Role;
using protocol::RoleDef;

// Each message names its sender, so a role can reply without the network.
// Kind only makes Request and Ack distinct types (distinct MSM events).
template <int Kind>
struct Numbered {
  std::uint8_t seq = 0, from = 0;
  int key() const { return seq; }
  void encode(ByteWriter& w) const { w.u16(std::uint16_t(seq | from << 8)); }
  void decode(ByteReader& r) {
    auto x = r.u16();
    seq = std::uint8_t(x), from = std::uint8_t(x >> 8);
  }
  bool operator==(const Numbered&) const = default;
};
using Request = Numbered<0>;
using Ack = Numbered<1>;
using Message = protocol::Tagged<Request, Ack>;

struct Start {};
struct Retry {};

struct SenderData {
  std::uint8_t seq = 0;
  std::uint8_t acked = 0;  // bit r: peer r acknowledged seq
  std::uint8_t self = 0;   // configuration, not state
  std::uint8_t peers = 0;  // configuration: bit r for each peer
};

struct SenderDef : RoleDef<SenderDef>, SenderData {
  using Data = SenderData;
  struct Idle : msm::front::state<> {};     // nothing outstanding
  struct Waiting : msm::front::state<> {};  // seq sent, some ack missing
  using initial_state = Idle;
  protocol::Outbox<Message, 4> outbox;

  // To every peer that has not acknowledged seq: all of them on Start.
  static void send_missing(SenderDef& s) {
    for (int r = 0; r < 8; ++r)
      if ((s.peers & ~s.acked) >> r & 1) s.outbox.send(r, Request{s.seq, s.self});
  }
  struct SendRequest {
    template <class E, class F, class S, class T>
    void operator()(const E&, F& s, S&, T&) { ++s.seq, s.acked = 0, send_missing(s); }
  };
  struct Resend {
    template <class E, class F, class S, class T>
    void operator()(const E&, F& s, S&, T&) { send_missing(s); }
  };
  // An ack counts once per peer and only for the current seq: duplicates
  // and late acks of an earlier seq change nothing.
  static std::uint8_t with(const SenderDef& s, const Ack& a) {
    if (a.seq != s.seq || a.from >= 8) return s.acked;
    return std::uint8_t(s.acked | (1u << a.from & s.peers));
  }
  struct Count {
    template <class E, class F, class S, class T>
    void operator()(const E& e, F& s, S&, T&) { s.acked = with(s, e); }
  };
  struct Completes {
    template <class E, class F, class S, class T>
    bool operator()(const E& e, F& s, S&, T&) { return with(s, e) == s.peers; }
  };
  struct Incomplete {
    template <class E, class F, class S, class T>
    bool operator()(const E& e, F& s, S&, T&) { return with(s, e) != s.peers; }
  };

  // Every Ack delivery is a transition (a stale one changes nothing), so
  // the model can always consume it.
  struct transition_table
      : rows<Row<Idle, Start, Waiting, SendRequest>,
             Row<Waiting, Ack, Idle, Count, Completes>,
             Row<Waiting, Ack, Waiting, Count, Incomplete>,
             Row<Idle, Ack, Idle>,
             Row<Waiting, Retry, Waiting, Resend>> {};
};
using Sender = Role<SenderDef>;

struct PeerData {
  std::uint8_t applied = 0;  // highest seq applied (its journal's length)
  std::uint8_t self = 0;     // configuration, not state
};

struct PeerDef : RoleDef<PeerDef>, PeerData {
  using Data = PeerData;
  struct Serving : msm::front::state<> {};
  using initial_state = Serving;
  protocol::Outbox<Message, 1> outbox;

  // Applying is idempotent; the ack goes out for every copy, since the
  // first ack may have been lost.
  struct ApplyAndAck {
    template <class E, class F, class S, class T>
    void operator()(const E& e, F& p, S&, T&) {
      if (e.seq > p.applied) p.applied = e.seq;
      p.outbox.send(e.from, Ack{e.seq, p.self});
    }
  };
  struct transition_table : rows<Row<Serving, Request, Serving, ApplyAndAck>> {};
};
using Peer = Role<PeerDef>;

}  // namespace replicheck::testing::request_ack
