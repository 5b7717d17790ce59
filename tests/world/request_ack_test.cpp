// Messages with acknowledgements as every protocol sends them: a role fills
// its outbox in one transition, the model posts it all or nothing, messages
// of several kinds share the network as Tagged. Driven by hand: region 0 is
// the sender, regions 1 and 2 its peers.
#include <catch2/catch.hpp>
#include <type_traits>
#include <vector>

#include "models/world/network.hpp"
#include "tests/world/request_ack.hpp"

using namespace replicheck;
using namespace replicheck::testing::request_ack;
using world::Ordering;

namespace {
using Net = world::Network<Message, 3, 2>;
using Box = protocol::Outbox<Message, 4>;

// What a model does: fire the event on a copy of the role, post what it
// sent, and keep the new role only when both succeed.
struct World {
  Net net;
  Sender sender;
  std::array<Peer, 3> peers;  // peers[0] unused: region 0 is the sender

  World() {
    sender.data.peers = 0b110;
    for (int r = 1; r < 3; ++r) peers[r].data.self = std::uint8_t(r);
  }
  template <class R, class E>
  bool step(R& role, int region, const E& e) {
    R next = role;
    if (!role.fire(e, next) || !net.post(region, R::outbox())) return false;
    role = next;
    return true;
  }
  // Delivers the head of the link (link FIFO) to the role of `to` as its event.
  bool deliver(int from, int to) {
    bool offered = false;
    net.deliverable(from, to, Ordering::LinkFifo, [&](int i) { offered |= i == 0; });
    if (!offered) return false;
    bool ok = net.in_flight(from, to)[0].visit([&](const auto& m) {
      return to == 0 ? step(sender, 0, m) : step(peers[to], to, m);
    });
    if (ok) net.take(from, to, 0);
    return ok;
  }
  std::vector<Message> on(int from, int to) const {
    const auto& q = net.in_flight(from, to);
    return {q.begin(), q.end()};
  }
};

std::vector<std::uint8_t> bytes(const Message& m) {
  std::vector<std::uint8_t> buf(16);
  ByteWriter w(buf.data(), buf.size());
  m.encode(w);
  buf.resize(w.size());
  return buf;
}
}  // namespace

TEST_CASE("a tagged message is copied as bytes and its encoding keeps kinds apart") {
  static_assert(std::is_trivially_copyable_v<Message>);
  static_assert(std::is_trivially_copyable_v<Box>);
  Message req = Request{7, 1}, ack = Ack{7, 1};
  CHECK(req.holds<Request>());
  CHECK(ack.holds<Ack>());
  CHECK(req != ack);  // same contents, different kind
  CHECK(req.key() == 7);
  CHECK(Message(Ack{5, 2}).key() == 5);
  CHECK(bytes(req) != bytes(ack));
  CHECK(bytes(req).size() == 3);  // tag, then the alternative's u16
  for (const Message& m : {req, ack}) {
    auto buf = bytes(m);
    Message back;
    ByteReader r(buf.data(), buf.size());
    back.decode(r);
    CHECK(r.done());
    CHECK(back == m);
  }
  std::uint8_t bad[] = {2, 0, 0};
  ByteReader r(bad, sizeof bad);
  Message m;
  CHECK_THROWS_AS(m.decode(r), std::out_of_range);
}

TEST_CASE("an outbox holds what one transition sent and is cleared before the next") {
  Box out;
  out.broadcast(0, 3, Request{1, 0});
  REQUIRE(out.size() == 2);
  CHECK(out[0].to == 1);
  CHECK(out[1].to == 2);
  CHECK(out[1].msg == Message(Request{1, 0}));
  out.send(1, Ack{1, 0});
  out.send(2, Ack{1, 0});
  CHECK_THROWS_AS(out.send(1, Ack{1, 0}), std::length_error);

  World w;
  REQUIRE(w.sender.fire(Start{}));
  CHECK(Sender::outbox().size() == 2);
  REQUIRE(w.sender.fire(Ack{1, 1}));  // sends nothing
  CHECK(Sender::outbox().empty());
}

TEST_CASE("one step sends the request to both peers") {
  World w;
  REQUIRE(w.step(w.sender, 0, Start{}));
  CHECK(w.sender.in<SenderDef::Waiting>());
  CHECK(w.on(0, 1) == std::vector<Message>{Request{1, 0}});
  CHECK(w.on(0, 2) == std::vector<Message>{Request{1, 0}});
  for (auto [f, t] : {std::pair{1, 0}, {2, 0}, {1, 2}, {2, 1}}) CHECK(w.on(f, t).empty());
}

TEST_CASE("acks come back and complete the round") {
  World w;
  REQUIRE(w.step(w.sender, 0, Start{}));
  REQUIRE(w.deliver(0, 1));
  CHECK(w.peers[1].data.applied == 1);
  CHECK(w.on(1, 0) == std::vector<Message>{Ack{1, 1}});
  REQUIRE(w.deliver(1, 0));
  CHECK(w.sender.in<SenderDef::Waiting>());  // peer 2 has not answered
  CHECK(w.sender.data.acked == 0b010);
  REQUIRE(w.deliver(0, 2));
  REQUIRE(w.deliver(2, 0));
  CHECK(w.sender.in<SenderDef::Idle>());
  CHECK(w.net.drained(3));
  REQUIRE(w.step(w.sender, 0, Start{}));  // the next round
  CHECK(w.on(0, 2) == std::vector<Message>{Request{2, 0}});
}

TEST_CASE("after a drop, retry sends again only where an ack is missing") {
  World w;
  REQUIRE(w.step(w.sender, 0, Start{}));
  w.net.drop(0, 2, 0);  // a request lost
  REQUIRE(w.deliver(0, 1));
  REQUIRE(w.deliver(1, 0));
  REQUIRE(w.net.drained(3));  // nothing in flight, an ack missing: the model may retry
  REQUIRE(w.step(w.sender, 0, Retry{}));
  CHECK(w.on(0, 1).empty());
  CHECK(w.on(0, 2) == std::vector<Message>{Request{1, 0}});
  REQUIRE(w.deliver(0, 2));
  REQUIRE(w.deliver(2, 0));
  CHECK(w.sender.in<SenderDef::Idle>());

  REQUIRE(w.step(w.sender, 0, Start{}));
  REQUIRE(w.deliver(0, 1));
  REQUIRE(w.deliver(0, 2));
  w.net.drop(2, 0, 0);  // an ack lost: peer 2 applied, the sender does not know
  REQUIRE(w.deliver(1, 0));
  REQUIRE(w.step(w.sender, 0, Retry{}));
  REQUIRE(w.deliver(0, 2));
  CHECK(w.peers[2].data.applied == 2);  // applied once, acked again
  REQUIRE(w.deliver(2, 0));
  CHECK(w.sender.in<SenderDef::Idle>());
  CHECK(w.net.drained(3));
}

TEST_CASE("duplicates are harmless: an ack counts once") {
  World w;
  REQUIRE(w.step(w.sender, 0, Start{}));
  REQUIRE(w.net.duplicate(0, 1, 0));
  REQUIRE(w.deliver(0, 1));
  REQUIRE(w.deliver(0, 1));
  CHECK(w.peers[1].data.applied == 1);
  CHECK(w.on(1, 0) == std::vector<Message>{Ack{1, 1}, Ack{1, 1}});
  REQUIRE(w.deliver(1, 0));
  REQUIRE(w.deliver(1, 0));  // consumed, changes nothing
  CHECK(w.on(1, 0).empty());
  CHECK(w.sender.data.acked == 0b010);
  CHECK(w.sender.in<SenderDef::Waiting>());  // two acks from peer 1 are not a quorum of two
  REQUIRE(w.deliver(0, 2));
  REQUIRE(w.deliver(2, 0));
  CHECK(w.sender.in<SenderDef::Idle>());

  REQUIRE(w.net.send(2, 0, Ack{1, 2}));  // two late copies of peer 2's ack
  REQUIRE(w.net.duplicate(2, 0, 0));
  REQUIRE(w.deliver(2, 0));  // after the round: consumed, changes nothing
  CHECK(w.sender.in<SenderDef::Idle>());
  CHECK(w.sender.data.seq == 1);
  REQUIRE(w.step(w.sender, 0, Start{}));
  REQUIRE(w.deliver(2, 0));  // round 1's ack during round 2
  CHECK(w.sender.data.acked == 0);
  CHECK(w.sender.in<SenderDef::Waiting>());
  CHECK(w.on(2, 0).empty());
}

TEST_CASE("a cut link holds the request until healed") {
  World w;
  w.net.cut(0, 2);
  REQUIRE(w.step(w.sender, 0, Start{}));  // a cut does not refuse a send
  CHECK(w.on(0, 2) == std::vector<Message>{Request{1, 0}});
  CHECK_FALSE(w.deliver(0, 2));
  REQUIRE(w.deliver(0, 1));
  REQUIRE(w.deliver(1, 0));
  CHECK(w.sender.in<SenderDef::Waiting>());
  w.net.heal(0, 2);
  REQUIRE(w.deliver(0, 2));
  REQUIRE(w.deliver(2, 0));
  CHECK(w.sender.in<SenderDef::Idle>());
}

TEST_CASE("a full link refuses the whole post and the step does not happen") {
  World w;
  REQUIRE(w.net.send(0, 2, Request{9, 0}));
  REQUIRE(w.net.send(0, 2, Request{9, 0}));
  CHECK_FALSE(w.step(w.sender, 0, Start{}));
  CHECK(w.on(0, 1).empty());  // nothing sent where there was room
  CHECK(w.on(0, 2).size() == 2);
  CHECK(w.sender.in<SenderDef::Idle>());
  CHECK(w.sender.data.seq == 0);
  w.net.drop(0, 2, 0);
  REQUIRE(w.step(w.sender, 0, Start{}));
  CHECK(w.on(0, 1).size() == 1);
  CHECK(w.on(0, 2).size() == 2);

  // Two entries for one link need two free places.
  Net net;
  REQUIRE(net.send(0, 1, Ack{0, 0}));
  Box out;
  out.send(1, Request{1, 0});
  out.send(1, Request{2, 0});
  CHECK_FALSE(net.post(0, out));
  CHECK(net.in_flight(0, 1).size() == 1);
  net.drop(0, 1, 0);
  REQUIRE(net.post(0, out));
  CHECK(net.in_flight(0, 1).size() == 2);
  CHECK(net.in_flight(0, 1)[1] == Message(Request{2, 0}));  // in outbox order

  Box self;
  self.send(0, Request{1, 0});
  CHECK_THROWS_AS(net.post(0, self), std::invalid_argument);
}
