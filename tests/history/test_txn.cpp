// Hand-made transactional histories, one or more per anomaly class, with the
// verdict each must get: the anomaly named, and the strongest model that
// still holds. Unless a test is about order, every transaction runs
// concurrently (invoked at 0, completed at 100) in its own process, so no
// process or real-time edge exists.
#include <catch2/catch.hpp>

#include <algorithm>

#include "properties/txn_check.hpp"
#include "tests/history/txn_ops.hpp"

using namespace replicheck::properties;
using namespace replicheck::testing;

namespace {

TxnHistory concurrent(std::vector<std::vector<Mop>> txns, std::vector<Status> statuses = {}) {
  TxnHistory h;
  for (std::size_t i = 0; i < txns.size(); ++i)
    h.txns.push_back(txn(static_cast<std::int64_t>(i), 0, 100, txns[i], i < statuses.size() ? statuses[i] : Status::kOk));
  return h;
}

bool has(const TxnCheckResult& r, std::string_view name) {
  return std::any_of(r.anomalies.begin(), r.anomalies.end(), [&](const Anomaly& a) { return a.name == name; });
}

std::string strongest(const TxnCheckResult& r) {
  const auto s = r.strongest();
  return s ? std::string(to_string(*s)) : "none";
}

std::string explain_all(const TxnCheckResult& r, const TxnHistory& h, Workload w) {
  std::string all;
  for (const Anomaly& a : r.anomalies) all += explain(a, h, w) + "\n";
  return all + r.note;
}

void expect(const TxnHistory& h, Workload w, std::string_view anomaly, std::string_view model) {
  const TxnCheckResult r = check_transactions(h, w);
  INFO(explain_all(r, h, w));
  if (!anomaly.empty()) CHECK(has(r, anomaly));
  CHECK(strongest(r) == model);
}

// rw-register, version orders not all known: `weakest_ruled_out` and all
// above it fail; the models below are not ruled out (maybe unknown).
void expect_reg(const TxnHistory& h, std::string_view anomaly, Consistency weakest_ruled_out) {
  const TxnCheckResult r = check_transactions(h, Workload::kRwRegister);
  INFO(explain_all(r, h, Workload::kRwRegister));
  CHECK(has(r, anomaly));
  for (std::size_t c = 0; c < kConsistencyCount; ++c)
    CHECK((r.holds[c] == Holds::kNo) == (c >= static_cast<std::size_t>(weakest_ruled_out)));
}

constexpr auto kList = Workload::kListAppend;
constexpr auto kReg = Workload::kRwRegister;

}  // namespace

TEST_CASE("a serial list-append history is strict serializable", "[txn]") {
  TxnHistory h;
  h.txns = {txn(0, 1, 2, {append("x", 1)}), txn(1, 3, 4, {read("x", {1}), append("x", 2)}),
            txn(0, 5, 6, {read("x", {1, 2}), read("y", {})})};
  const auto r = check_transactions(h, kList);
  CHECK(r.anomalies.empty());
  CHECK(strongest(r) == "strict-serializable");
}

TEST_CASE("G0: a write cycle", "[txn]") {
  expect(concurrent({{append("x", 1), append("y", 1)}, {append("x", 2), append("y", 2)},
                     {read("x", {1, 2}), read("y", {2, 1})}}),
         kList, "G0", "none");
}

TEST_CASE("G1a: aborted read", "[txn]") {
  expect(concurrent({{append("x", 1)}, {read("x", {1})}}, {Status::kFail}), kList, "G1a", "read-uncommitted");
  expect_reg(concurrent({{write("x", 1)}, {read_reg("x", 1)}}, {Status::kFail}), "G1a", Consistency::kReadCommitted);
}

TEST_CASE("G1b: intermediate read", "[txn]") {
  expect(concurrent({{append("x", 1), append("x", 2)}, {read("x", {1})}}), kList, "G1b", "read-uncommitted");
  expect_reg(concurrent({{write("x", 1), write("x", 2)}, {read_reg("x", 1)}}), "G1b", Consistency::kReadCommitted);
}

TEST_CASE("G1c: circular information flow", "[txn]") {
  expect(concurrent({{append("x", 1), read("y", {1})}, {append("y", 1), read("x", {1})}}), kList, "G1c", "read-uncommitted");
  expect_reg(concurrent({{write("x", 1), read_reg("y", 1)}, {write("y", 1), read_reg("x", 1)}}), "G1c",
             Consistency::kReadCommitted);
}

TEST_CASE("fractured read: one of a transaction's appends seen, another not", "[txn]") {
  expect(concurrent({{append("x", 1), append("y", 1)}, {read("x", {}), read("y", {1})}}), kList, "fractured-read",
         "read-committed");
  expect_reg(concurrent({{write("x", 1), write("y", 1)}, {read_reg("x", std::nullopt), read_reg("y", 1)}}),
             "fractured-read", Consistency::kReadAtomic);
}

TEST_CASE("G-single: read skew through a third transaction", "[txn]") {
  expect(concurrent({{append("x", 1)}, {read("x", {1}), append("y", 1)}, {read("y", {1}), read("x", {})}}), kList,
         "G-single", "read-atomic");
}

TEST_CASE("lost update", "[txn]") {
  expect(concurrent({{read("x", {}), append("x", 1)}, {read("x", {}), append("x", 2)}, {read("x", {1, 2})}}), kList,
         "lost-update", "read-atomic");
  // rw-register: the order of 1 and 2 is unknown, the lost update is not.
  expect_reg(concurrent({{read_reg("x", std::nullopt), write("x", 1)}, {read_reg("x", std::nullopt), write("x", 2)}}),
             "lost-update", Consistency::kSnapshotIsolation);
}

TEST_CASE("G2-item: write skew is snapshot isolation, not serializable", "[txn]") {
  expect(concurrent({{read("x", {}), read("y", {}), append("x", 1)}, {read("x", {}), read("y", {}), append("y", 1)},
                     {read("x", {1}), read("y", {1})}}),
         kList, "G2-item", "snapshot-isolation");
  expect_reg(concurrent({{read_reg("x", std::nullopt), read_reg("y", std::nullopt), write("x", 1)},
                         {read_reg("x", std::nullopt), read_reg("y", std::nullopt), write("y", 1)}}),
             "G2-item", Consistency::kSerializable);
}

TEST_CASE("G-nonadjacent: two rw edges that do not touch rule out snapshot isolation", "[txn]") {
  // T1 -rw-> T2 -wr-> T3 -rw-> T4 -wr-> T1
  expect(concurrent({{read("x", {}), read("w", {1})}, {append("x", 1), append("y", 1)}, {read("y", {1}), read("z", {})},
                     {append("z", 1), append("w", 1)}}),
         kList, "G-nonadjacent", "read-atomic");
}

TEST_CASE("real-time and process variants rule out only strict serializability", "[txn]") {
  TxnHistory h;  // T2 starts after T1 completed, yet does not see its append
  h.txns = {txn(0, 1, 2, {append("x", 1)}), txn(1, 3, 4, {read("x", {})})};
  expect(h, kList, "G-single-realtime", "serializable");
  h.txns[1].process = 0;
  expect(h, kList, "G-single-process", "serializable");
}

TEST_CASE("non-cyclic anomalies that no model explains", "[txn]") {
  expect(concurrent({{append("x", 1), read("x", {})}}), kList, "internal", "none");
  expect(concurrent({{write("x", 1), read_reg("x", 2)}, {write("x", 2)}}), kReg, "internal", "none");
  expect(concurrent({{append("x", 1)}, {read("x", {1, 1})}}), kList, "duplicate-elements", "none");
  expect(concurrent({{append("x", 1)}, {append("x", 2)}, {read("x", {1, 2})}, {read("x", {2, 1})}}), kList,
         "incompatible-order", "none");
  expect(concurrent({{read("x", {7})}}), kList, "garbage-read", "none");
}

TEST_CASE(":info transactions may have committed; :fail ones did not", "[txn]") {
  // The timed-out append was read: it committed, and the order holds.
  expect(concurrent({{append("x", 1)}, {read("x", {1})}}, {Status::kInfo}), kList, "", "strict-serializable");
  // Never read: it may not have committed, so it constrains nothing.
  expect(concurrent({{append("x", 1)}, {read("x", {})}}, {Status::kInfo}), kList, "", "strict-serializable");
  expect(concurrent({{append("x", 1)}, {read("x", {})}}, {Status::kFail}), kList, "", "strict-serializable");
}

TEST_CASE("rw-register: orders not inferred are searched for", "[txn]") {
  // Either order of the two writes could be the real one; the search finds one.
  auto r = check_transactions(concurrent({{write("x", 1)}, {write("x", 2)}, {read_reg("x", 1)}}), kReg);
  CHECK_FALSE(r.versions_exact);
  CHECK(strongest(r) == "strict-serializable");
  // Two readers see the two writes in opposite orders on two keys: no order works.
  r = check_transactions(concurrent({{write("x", 1), write("y", 1)}, {write("x", 2), write("y", 2)},
                                     {read_reg("x", 1), read_reg("y", 2)}}),
                         kReg);
  CHECK(r.holds_model(Consistency::kSerializable) == Holds::kNo);
  // A budget of one step cannot decide it.
  TxnCheckOptions tiny;
  tiny.max_steps = 1;
  r = check_transactions(concurrent({{write("x", 1)}, {write("x", 2)}, {read_reg("x", 1)}}), kReg, tiny);
  CHECK(r.holds_model(Consistency::kSerializable) == Holds::kUnknown);
}

TEST_CASE("rw-register: exact version orders from the caller decide without search", "[txn]") {
  const TxnHistory h = concurrent({{write("x", 1)}, {write("x", 2)}, {read_reg("x", 1)}});
  std::map<std::string, std::vector<std::int64_t>> orders{{"x", {1, 2}}};
  TxnCheckOptions given;
  given.version_orders = &orders;
  given.max_steps = 1;  // no search needed
  auto r = check_transactions(h, kReg, given);
  CHECK(r.versions_exact);
  CHECK(strongest(r) == "strict-serializable");
  orders["x"] = {2, 1};  // then the read of 1 comes after 2 was overwritten by 1: still fine
  CHECK(strongest(check_transactions(h, kReg, given)) == "strict-serializable");
}

TEST_CASE("an explanation names each edge and why it exists", "[txn]") {
  const TxnHistory h = concurrent({{read("x", {}), read("y", {}), append("x", 1)}, {read("x", {}), read("y", {}), append("y", 1)},
                                   {read("x", {1}), read("y", {1})}});
  const auto r = check_transactions(h, kList);
  const auto it = std::find_if(r.anomalies.begin(), r.anomalies.end(), [](const Anomaly& a) { return a.name == "G2-item"; });
  REQUIRE(it != r.anomalies.end());
  const std::string text = explain(*it, h, kList);
  CHECK(text.find("G2-item: T1 -rw-> T2 -rw-> T1") != std::string::npos);
  CHECK(text.find("T1 read key y as empty, and T2 appended 1, the next element") != std::string::npos);
}

TEST_CASE("future read: a transaction reads what it writes only later", "[txn]") {
  expect(concurrent({{read("x", {0, 1, 2}), append("x", 1)}, {append("x", 0), append("x", 2)}}), kList, "future-read", "none");
  // Appends 1, reads [0 1] (so 0 came before), then appends 0 itself.
  expect(concurrent({{append("x", 1), read("x", {0, 1}), append("x", 0)}}), kList, "future-read", "none");
  expect(concurrent({{read_reg("x", 5), write("x", 5)}}), kReg, "future-read", "none");
}

// Cases of Elle's own checker test (test/elle/list_append_test.clj,
// checker-test), with the anomalies it expects; "ax1" there is append("x", 1).
TEST_CASE("Elle's checker-test cases", "[txn][elle]") {
  SECTION("G1b: an intermediate read, which is also G-single") {
    const TxnHistory h = concurrent({{append("x", 1), append("x", 2)}, {read("x", {1})}});
    expect(h, kList, "G1b", "read-uncommitted");
    expect(h, kList, "G-single", "read-uncommitted");
  }
  SECTION("G1c") {
    expect(concurrent({{append("x", 1), read("y", {1})}, {append("x", 2), append("y", 1)}, {read("x", {1, 2}), read("y", {1})}}),
           kList, "G1c", "read-uncommitted");
  }
  SECTION("G-single: read-committed holds, repeatable read does not") {
    expect(concurrent({{append("x", 1), append("y", 1)}, {append("x", 2), read("y", {})}, {read("x", {1, 2})}}), kList,
           "G-single", "read-atomic");
  }
  SECTION("G2: a pure anti-dependency cycle; read-committed holds") {
    expect(concurrent({{append("x", 1), read("y", {})}, {append("y", 1), read("x", {})}}), kList, "G2-item",
           "snapshot-isolation");
  }
  SECTION("strong SI violation: serializable, not strict") {
    TxnHistory h;
    h.txns = {txn(0, 0, 1, {append("x", 1)}), txn(1, 2, 3, {append("x", 2)}), txn(2, 4, 5, {read("x", {1})}),
              txn(3, 6, 7, {read("x", {1, 2})})};
    expect(h, kList, "G-single-realtime", "serializable");
    h.txns[2].process = 1;  // the session variant: the reader is the second writer's process
    expect(h, kList, "G-single-process", "serializable");
  }
  SECTION("G-nonadjacent with process order: serializable, not strict") {
    TxnHistory h;
    h.txns = {txn(0, 0, 1, {read("x", {}), read("z", {1})}), txn(1, 2, 3, {append("x", 1)}), txn(1, 4, 5, {read("z", {})}),
              txn(2, 6, 7, {append("z", 1)})};
    expect(h, kList, "", "serializable");
  }
  SECTION("contradictory read orders") {
    expect(concurrent({{append("x", 1), read("y", {1})}, {append("x", 2)}, {append("x", 3), append("y", 1)}, {read("x", {1, 3})},
                       {read("x", {1, 2, 3})}}),
           kList, "incompatible-order", "none");
  }
}

// Cases of Elle's rw-register checker test (test/elle/rw_register_test.clj).
TEST_CASE("Elle's rw-register checker-test cases", "[txn][elle]") {
  SECTION("a read of a value nobody wrote (Elle's test calls passing it a bug)") {
    TxnHistory h;
    h.txns = {txn(0, 0, 1, {write("x", 1)}), txn(0, 2, 3, {read_reg("x", 2)})};
    expect(h, kReg, "garbage-read", "none");
  }
  SECTION("G1a") {
    expect_reg(concurrent({{read_reg("x", 1)}, {write("x", 1)}}, {Status::kOk, Status::kFail}), "G1a",
               Consistency::kReadCommitted);
  }
  SECTION("the 'G0' history: a write cycle only if keys are linearizable, which Elle assumes there") {
    // T1 writes x=1 y=2, T2 x=2 y=1, then T3 reads x=2, then T4 reads y=2, one after the other.
    // Serial order T2 T3 T1 T4 explains every read; real time forbids it.
    TxnHistory h;
    h.txns = {txn(0, 0, 1, {write("x", 1), write("y", 2)}), txn(1, 2, 3, {write("x", 2), write("y", 1)}),
              txn(0, 4, 5, {read_reg("x", 2)}), txn(1, 6, 7, {read_reg("y", 2)})};
    const auto r = check_transactions(h, kReg);
    CHECK(r.holds_model(Consistency::kSerializable) == Holds::kYes);
    CHECK(r.holds_model(Consistency::kStrictSerializable) == Holds::kNo);
    CHECK(has(r, "no-serial-order-realtime"));
  }
}
