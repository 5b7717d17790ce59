// The shared network: each ordering delivers exactly what its transport
// promises, cut links and isolated or down regions hold messages until
// repaired, encodings round-trip.
#include <catch2/catch.hpp>
#include <vector>

#include "models/world/network.hpp"
#include "tests/world/test_message.hpp"

using namespace replicheck;
using namespace replicheck::world;

namespace {
using testing::Msg;
using Net = Network<Msg, 3, 4>;

std::vector<int> next_of(const Net& n, Ordering o) {
  std::vector<int> out;
  n.deliverable(0, 1, o, [&](int i) { out.push_back(i); });
  return out;
}
}  // namespace

TEST_CASE("each ordering offers exactly the messages its transport may deliver next") {
  Net n;
  REQUIRE(n.send(0, 1, {1, 10}));
  REQUIRE(n.send(0, 1, {2, 20}));
  REQUIRE(n.send(0, 1, {1, 11}));
  CHECK(next_of(n, Ordering::LinkFifo) == std::vector<int>{0});
  CHECK(next_of(n, Ordering::KeyFifo) == std::vector<int>{0, 1});  // the second key-1 write waits
  CHECK(next_of(n, Ordering::Unordered) == std::vector<int>{0, 1, 2});
  CHECK(n.take(0, 1, 1).v == 20);
  CHECK(next_of(n, Ordering::KeyFifo) == std::vector<int>{0});
}

TEST_CASE("a cut link delivers nothing until healed, and loses nothing") {
  Net n;
  n.send(0, 1, {1, 1});
  n.cut(0, 1);
  CHECK(next_of(n, Ordering::Unordered).empty());
  CHECK(n.in_flight(0, 1).size() == 1);
  n.heal(0, 1);
  CHECK(next_of(n, Ordering::LinkFifo) == std::vector<int>{0});
}

TEST_CASE("links are bounded; drops and duplicates change only their link") {
  Net n;
  for (int i = 0; i < 4; ++i) REQUIRE(n.send(0, 1, {std::uint8_t(i), 0}));
  CHECK_FALSE(n.send(0, 1, {9, 9}));
  CHECK_FALSE(n.duplicate(0, 1, 0));
  n.drop(0, 1, 0);
  REQUIRE(n.duplicate(0, 1, 0));
  CHECK(n.in_flight(0, 1)[0].k == 1);
  CHECK(n.in_flight(0, 1)[1].k == 1);
  CHECK(n.in_flight(1, 0).empty());
  CHECK_FALSE(n.drained(3));
}

TEST_CASE("network encodings round-trip and tell states apart") {
  Net a, b;
  a.send(0, 1, {1, 5});
  a.send(2, 0, {3, 7});
  a.cut(1, 2);
  std::uint8_t buf[128], buf2[128];
  ByteWriter w(buf, sizeof buf);
  a.encode(3, w);
  ByteReader r(buf, w.size());
  b.decode(3, r);
  CHECK(r.done());
  ByteWriter w2(buf2, sizeof buf2);
  b.encode(3, w2);
  REQUIRE(w.size() == w2.size());
  CHECK(std::equal(buf, buf + w.size(), buf2));
  CHECK(b.is_cut(1, 2));
  b.heal(1, 2);
  ByteWriter w3(buf2, sizeof buf2);
  b.encode(3, w3);
  CHECK_FALSE(std::equal(buf, buf + w.size(), buf2));
}

TEST_CASE("isolating a region stops all its links both ways and rejoining restarts them") {
  Net n;
  n.send(0, 1, {1, 1});
  n.send(1, 2, {2, 2});
  n.isolate(1);
  CHECK(n.is_isolated(1));
  CHECK_FALSE(n.is_isolated(0));
  CHECK_FALSE(n.carries(0, 1));
  CHECK_FALSE(n.carries(1, 2));
  CHECK(n.carries(0, 2));  // links between other regions are untouched
  CHECK(next_of(n, Ordering::Unordered).empty());
  CHECK_FALSE(n.is_cut(0, 1));  // isolation is not a link cut: healing links must not end it
  CHECK(n.in_flight(1, 2).size() == 1);  // messages wait, none lost
  n.rejoin(1);
  CHECK(n.carries(0, 1));
  CHECK(next_of(n, Ordering::LinkFifo) == std::vector<int>{0});
}

TEST_CASE("a region that is down carries nothing and coming back up restarts it") {
  Net n;
  n.send(2, 0, {1, 1});
  n.take_down(0);
  CHECK(n.is_down(0));
  CHECK_FALSE(n.is_isolated(0));
  CHECK_FALSE(n.carries(2, 0));
  CHECK_FALSE(n.carries(0, 1));
  CHECK(n.carries(1, 2));
  CHECK(n.in_flight(2, 0).size() == 1);
  n.bring_up(0);
  CHECK(n.carries(2, 0));
}

TEST_CASE("cuts and isolation and outages are independent conditions") {
  Net n;
  n.cut(0, 1);
  n.isolate(0);
  n.take_down(0);
  n.bring_up(0);  // still isolated and cut
  CHECK(n.is_isolated(0));
  CHECK_FALSE(n.carries(0, 2));
  n.rejoin(0);  // still cut one way
  CHECK(n.carries(0, 2));
  CHECK(n.carries(1, 0));
  CHECK_FALSE(n.carries(0, 1));
  n.heal(0, 1);
  CHECK(n.carries(0, 1));
}

TEST_CASE("the network is whole only with no cut and no region isolated or down") {
  Net n;
  CHECK(n.whole(3));
  n.cut(2, 1);
  CHECK_FALSE(n.whole(3));
  n.heal(2, 1);
  n.isolate(2);
  CHECK_FALSE(n.whole(3));
  n.rejoin(2);
  n.take_down(1);
  CHECK_FALSE(n.whole(3));
  n.bring_up(1);
  n.send(0, 1, {1, 1});  // messages in flight do not break the network
  CHECK(n.whole(3));
}

TEST_CASE("network encodings round-trip isolated and down regions") {
  // Four regions: the highest region's bits are the top of each 4-bit mask.
  using Net4 = Network<Msg, 4, 2>;
  auto bytes = [](const Net4& n) {
    std::vector<std::uint8_t> buf(64);
    ByteWriter w(buf.data(), buf.size());
    n.encode(4, w);
    buf.resize(w.size());
    return buf;
  };
  Net4 a;
  a.isolate(3);
  a.take_down(1);
  a.take_down(3);
  auto buf = bytes(a);
  Net4 b;
  ByteReader r(buf.data(), buf.size());
  b.decode(4, r);
  CHECK(r.done());
  for (int region = 0; region < 4; ++region) {
    CHECK(b.is_isolated(region) == (region == 3));
    CHECK(b.is_down(region) == (region == 1 || region == 3));
  }
  CHECK(bytes(b) == buf);
  // Isolated and down regions must not encode alike.
  Net4 isolated, down;
  isolated.isolate(1);
  down.take_down(1);
  CHECK(bytes(isolated) != bytes(down));
  CHECK(bytes(isolated) != bytes(Net4{}));
}
