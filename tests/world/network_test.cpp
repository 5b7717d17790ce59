// The shared network: each ordering delivers exactly what its transport
// promises, cut links hold messages until healed, encodings round-trip.
#include <catch2/catch.hpp>
#include <vector>

#include "models/world/network.hpp"

using namespace replicheck;
using namespace replicheck::world;

namespace {
struct Msg {
  std::uint8_t k = 0, v = 0;
  int key() const { return k; }
  void encode(ByteWriter& w) const { w.u16(std::uint16_t(k | v << 8)); }
  void decode(ByteReader& r) {
    auto x = r.u16();
    k = std::uint8_t(x & 0xff);
    v = std::uint8_t(x >> 8);
  }
};
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
