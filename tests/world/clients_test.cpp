// The shared clients: operations pack into one word, the workload plans the
// operations the README describes, the record keeps real time, and the
// history handed to the properties holds exactly what took or may take effect.
#include <catch2/catch.hpp>
#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include "models/world/clients.hpp"
#include "models/world/history_properties.hpp"

using namespace replicheck;
using namespace replicheck::world;
namespace pr = replicheck::properties;

namespace {
// Every field of an operation, to compare operations as a whole.
using Fields = std::array<int, 14>;
Fields fields(const ClientOp& o) {
  return {o.client, o.region, int(o.kind), o.key, int(o.status), o.origin, o.stamp,
          o.values[0], o.values[1], o.values[2], o.invoke, o.response, o.eventual, o.conditional};
}
ClientOp op_of(const Fields& f) {
  auto b = [&](int i) { return std::uint8_t(f[i]); };
  ClientOp o;
  o.client = b(0), o.region = b(1), o.kind = OpKind(f[2]), o.key = b(3), o.status = OpStatus(f[4]);
  o.origin = b(5), o.stamp = b(6), o.values = {b(7), b(8), b(9)}, o.invoke = b(10), o.response = b(11);
  o.eventual = f[12] != 0, o.conditional = f[13] != 0;
  return o;
}

Workload register_workload(int regions, int keys) {
  Workload w;
  w.regions = regions, w.keys = keys, w.clients = 4, w.ops = 6;
  w.homes = {0, 1, 2 % regions, 3 % regions};
  return w;
}

using Record = Clients<2, 4>;

ClientOp write_op(int client, int key, std::uint8_t value) {
  ClientOp o;
  o.client = std::uint8_t(client), o.kind = OpKind::Write, o.key = std::uint8_t(key);
  for (int k = 0; k < kMaxKeys; ++k)
    if (o.touches(k)) o.values[k] = value;
  return o;
}
ClientOp read_op(int client, int region) {
  ClientOp o;
  o.client = std::uint8_t(client), o.region = std::uint8_t(region), o.key = kEveryKey;
  return o;
}
}  // namespace

TEST_CASE("client operations pack and unpack every field up to its largest value") {
  const Fields largest = {3, 3, int(OpKind::Increment), kEveryKey, int(OpStatus::Info), 3, 255, 255, 255, 255, 255, 255, 1, 1};
  CHECK(fields(ClientOp::unpack(op_of(largest).pack())) == largest);
  CHECK(fields(ClientOp::unpack(0)) == Fields{});
  // One field at a time: a field that leaks into its neighbour shows.
  for (int i = 0; i < 14; ++i) {
    Fields one{};
    one[i] = largest[i];
    INFO("field " << i);
    CHECK(fields(ClientOp::unpack(op_of(one).pack())) == one);
  }
  const Fields mixed = {2, 1, int(OpKind::Read), 1, int(OpStatus::Fail), 2, 128, 1, 0, 254, 7, 9, 1, 0};
  CHECK(fields(ClientOp::unpack(op_of(mixed).pack())) == mixed);
}

TEST_CASE("the register workload writes then reads at home then reads at the next region") {
  Workload w = register_workload(3, 2);
  ClientOp first = w.planned(1, 0, 6);
  CHECK(first.kind == OpKind::Write);
  CHECK(first.key == kEveryKey);  // a transaction over every item
  CHECK(first.region == 1);
  CHECK(first.values == std::array<std::uint8_t, 3>{7, 7, 0});  // 1 + client * max_ops + index, items 0 and 1 only

  ClientOp home_read = w.planned(1, 1, 6), away_read = w.planned(1, 2, 6);
  CHECK(home_read.kind == OpKind::Read);
  CHECK(home_read.key == kEveryKey);
  CHECK(home_read.region == 1);
  CHECK(away_read.kind == OpKind::Read);
  CHECK(away_read.key == kEveryKey);
  CHECK(away_read.region == 2);
  CHECK(w.planned(2, 2, 6).region == 0);  // the next region wraps around

  ClientOp second = w.planned(1, 3, 6);  // later writes touch one item, moving on per round
  CHECK(second.kind == OpKind::Write);
  CHECK(second.key == 0);
  CHECK(second.values == std::array<std::uint8_t, 3>{10, 0, 0});
  CHECK(w.planned(0, 3, 6).key == 1);
}

TEST_CASE("with one item the first write is a plain write") {
  ClientOp first = register_workload(2, 1).planned(0, 0, 3);
  CHECK(first.key == 0);
  CHECK(first.values == std::array<std::uint8_t, 3>{1, 0, 0});
}

TEST_CASE("every written value is unique and never nil") {
  Workload w = register_workload(4, 3);
  std::multiset<int> values;
  for (int c = 0; c < 4; ++c)
    for (int i = 0; i < 6; ++i) {
      ClientOp o = w.planned(c, i, 6);
      if (o.writes()) values.insert(o.values[o.key == kEveryKey ? 0 : o.key]);
    }
  CHECK(values.size() == 8);  // two writes per client
  CHECK(std::set<int>(values.begin(), values.end()).size() == values.size());
  CHECK(values.count(0) == 0);
}

TEST_CASE("the counter workload increments items in turn at home starting on k0") {
  Workload w = register_workload(3, 2);
  w.kind = Workload::Counter;
  for (int c = 0; c < 3; ++c)
    for (int i = 0; i < 4; ++i) {
      ClientOp o = w.planned(c, i, 6);
      CHECK(o.kind == OpKind::Increment);
      CHECK(o.key == i % 2);
      CHECK(o.region == c);
      CHECK(o.values == std::array<std::uint8_t, 3>{});  // the protocol fills in the value produced
    }
}

TEST_CASE("clients place themselves in their home regions") {
  auto from = [](std::vector<std::string> a, int regions) {
    return Workload::from(Params(Workload::specs(4, 6, "1"), a), regions);
  };
  CHECK(from({"clients=4"}, 3).homes == std::array<int, 4>{0, 1, 2, 0});
  CHECK(from({"clients=3", "homes=2,0"}, 3).homes == std::array<int, 4>{2, 0, 2, 0});
  CHECK_THROWS_AS(from({"clients=2", "homes=0,1,1"}, 3), BadParam);
  CHECK_THROWS_AS(from({"homes=3"}, 3), BadParam);  // no region 3
}

TEST_CASE("invocations and responses each take one tick and track who is busy") {
  Record rec;
  ClientOp op = read_op(0, 0);
  op.status = OpStatus::Ok;  // ignored: an invoked operation is pending
  CHECK(rec.invoke(op).status == OpStatus::Pending);
  rec.invoke(write_op(1, 0, 5));
  CHECK(rec.busy(0));
  CHECK(rec.busy(1));
  CHECK(rec.pending_op(1).values[0] == 5);
  rec.respond(1, OpStatus::Ok);
  CHECK_FALSE(rec.busy(1));
  CHECK(rec.busy(0));
  rec.respond(0, OpStatus::Fail);
  CHECK(rec.length == 2);
  CHECK(rec.now == 4);
  // Real time as a wall clock sees it: write(1) overlaps read(0) on both sides.
  CHECK(std::vector<int>{rec.history[0].invoke, rec.history[1].invoke, rec.history[1].response,
                         rec.history[0].response} == std::vector<int>{0, 1, 2, 3});
  CHECK(rec.history[0].status == OpStatus::Fail);
  CHECK(rec.history[1].status == OpStatus::Ok);
}

TEST_CASE("clients are done when every operation started and none is pending") {
  Record rec;
  CHECK_FALSE(rec.done(2, 1));
  rec.invoke(read_op(0, 0));
  rec.invoke(read_op(1, 0));
  CHECK(rec.started[0] == 1);
  CHECK_FALSE(rec.done(2, 1));  // both started, both waiting
  rec.respond(0, OpStatus::Ok);
  CHECK_FALSE(rec.done(2, 1));
  CHECK(rec.done(1, 1));  // only client 0 counted
  rec.respond(1, OpStatus::Fail);  // a failed operation is done too
  CHECK(rec.done(2, 1));
  CHECK_FALSE(rec.done(2, 2));
}

TEST_CASE("client records round-trip through their encoding including a pending operation") {
  Record a;
  a.invoke(write_op(0, kEveryKey, 9));
  a.respond(0, OpStatus::Ok);
  a.invoke(read_op(1, 1));
  a.invoke(read_op(0, 0));
  a.respond(0, OpStatus::Ok);
  auto bytes = [](const Record& r) {
    std::vector<std::uint8_t> buf(64);
    ByteWriter w(buf.data(), buf.size());
    r.encode(2, w);
    buf.resize(w.size());
    return buf;
  };
  auto buf = bytes(a);
  Record b;
  ByteReader r(buf.data(), buf.size());
  b.decode(2, r);
  CHECK(r.done());
  CHECK(bytes(b) == buf);
  CHECK(b.started == a.started);
  CHECK_FALSE(b.busy(0));
  REQUIRE(b.busy(1));
  CHECK(fields(b.pending_op(1)) == fields(a.history[1]));
  CHECK(b.length == 3);
  CHECK(b.now == 5);
  for (int i = 0; i < 3; ++i) CHECK(fields(b.history[i]) == fields(a.history[i]));
  // A response changes the encoding, so the explorer tells the states apart.
  b.respond(1, OpStatus::Ok);
  CHECK(bytes(b) != buf);
}

TEST_CASE("the history omits failed and refused operations and pending reads") {
  Record rec;
  rec.invoke(write_op(0, 0, 5));
  rec.respond(0, OpStatus::Fail);
  rec.invoke(write_op(1, 0, 6));
  rec.respond(1, OpStatus::Refused);
  rec.invoke(read_op(0, 0));  // never answered
  rec.invoke(write_op(1, 0, 7));  // never answered: it may yet take effect
  pr::History h = to_history(rec, 1, false);
  REQUIRE(h.ops.size() == 1);
  const pr::Operation& w = h.ops[0];
  CHECK(w.kind == pr::OpKind::kWrite);
  CHECK(w.status == pr::Status::kInfo);
  CHECK(w.response == pr::kNever);
  CHECK(w.invoke == 5);
  CHECK(w.session == 1);
  CHECK(w.input == std::vector<pr::Value>{std::int64_t(7)});
}

TEST_CASE("a transaction becomes one write per item and a read one read per item") {
  Record rec;
  rec.invoke(write_op(0, kEveryKey, 3));
  rec.respond(0, OpStatus::Ok);
  ClientOp read = read_op(1, 1);
  read.values = {3, 0, 0};
  rec.invoke(read);
  rec.respond(1, OpStatus::Ok);
  pr::History h = to_history(rec, 2, false);
  REQUIRE(h.ops.size() == 4);  // only the two items in play
  for (int k = 0; k < 2; ++k) {
    const pr::Operation& w = h.ops[k];
    CHECK(w.key == "k" + std::to_string(k));
    CHECK(w.kind == pr::OpKind::kWrite);
    CHECK(w.status == pr::Status::kOk);
    CHECK(w.input == std::vector<pr::Value>{std::int64_t(3)});
    CHECK(w.invoke == 0);
    CHECK(w.response == 1);
  }
  CHECK(h.ops[2].kind == pr::OpKind::kRead);
  CHECK(h.ops[2].key == "k0");
  CHECK(h.ops[2].output == std::vector<pr::Value>{std::int64_t(3)});
  CHECK(h.ops[3].key == "k1");
  CHECK(h.ops[3].output == std::vector<pr::Value>{pr::Nil{}});  // 0 is nil: nothing written yet
  CHECK(h.ops[3].response == 3);
}

TEST_CASE("per-region sessions put a write in the region that applied it") {
  Record rec;
  ClientOp forwarded = write_op(1, 0, 4);
  forwarded.region = 2, forwarded.origin = 0;  // sent to r2, applied in r0
  rec.invoke(forwarded);
  rec.respond(1, OpStatus::Ok);
  rec.invoke(read_op(1, 2));
  rec.respond(1, OpStatus::Ok);
  rec.invoke(forwarded);  // pending: not applied anywhere yet, so where it was sent
  pr::History h = to_history(rec, 1, true);  // session = client * 4 + region
  REQUIRE(h.ops.size() == 3);
  CHECK(std::vector<std::int64_t>{h.ops[0].session, h.ops[1].session, h.ops[2].session} ==
        std::vector<std::int64_t>{4, 6, 6});
  for (const auto& op : to_history(rec, 1, false).ops) CHECK(op.session == 1);  // one session per client
}

TEST_CASE("an operation of unknown outcome: a write may take effect or not, a read saw nothing known") {
  Record rec;
  rec.invoke(write_op(0, 0, 5));
  rec.respond(0, OpStatus::Info);
  rec.invoke(read_op(1, 0));
  rec.pending_op(1).values = {5, 0, 0};
  rec.respond(1, OpStatus::Info);
  pr::History h = to_history(rec, 1, false);
  REQUIRE(h.ops.size() == 1);  // the read of unknown outcome is left out
  CHECK(h.ops[0].kind == pr::OpKind::kWrite);
  CHECK(h.ops[0].status == pr::Status::kInfo);
  CHECK(h.ops[0].response == pr::kNever);
}

TEST_CASE("an increment touches only its item") {
  Record rec;
  ClientOp inc;
  inc.kind = OpKind::Increment, inc.key = 1, inc.values = {0, 2, 0};  // the protocol recorded the value produced
  rec.invoke(inc);
  rec.respond(0, OpStatus::Ok);
  pr::History h = to_history(rec, 3, false);
  REQUIRE(h.ops.size() == 1);
  CHECK(h.ops[0].key == "k1");
  CHECK(h.ops[0].input == std::vector<pr::Value>{std::int64_t(2)});
}

TEST_CASE("a history verdict is computed once per distinct history and salt") {
  Record c;
  int calls = 0;
  auto verdict = [&](std::uint64_t salt, bool answer) {
    return history_verdict(c, salt, [&] {
      ++calls;
      return answer;
    });
  };
  // The salt keeps a distinct history from any other test's in this thread.
  const std::uint64_t salt = 0x5eed;
  CHECK(verdict(salt, true));
  CHECK(verdict(salt, false));  // remembered: the check does not run again
  CHECK(calls == 1);
  CHECK_FALSE(verdict(salt + 1, false));  // another property: its own verdict
  CHECK(calls == 2);
  ClientOp w;
  w.kind = OpKind::Write;
  w.values = {9, 0, 0};
  c.invoke(w);
  CHECK_FALSE(verdict(salt, false));  // the history changed
  CHECK(calls == 3);
}
