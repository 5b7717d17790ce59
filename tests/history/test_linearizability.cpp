// Hand-made histories with known answers for the three specs, the semantics
// of fail/info, explanations and budgets.
#include <catch2/catch.hpp>

#include "properties/linearizability.hpp"
#include "tests/history/ops.hpp"

using namespace replicheck::properties;
using namespace replicheck::testing;

namespace {
Verdict verdict(const History& h, Model m = Model::kRegister) { return check_linearizability(h, m).verdict; }
constexpr Verdict kYes = Verdict::kLinearizable;
constexpr Verdict kNo = Verdict::kNotLinearizable;
}  // namespace

TEST_CASE("register: basic orders", "[linearizability]") {
  CHECK(verdict(History{}) == kYes);
  CHECK(verdict({{write_op(1, num(1), 0, 1), read_op(2, num(1), 2, 3)}}) == kYes);
  CHECK(verdict({{write_op(1, num(1), 0, 1), read_op(2, num(2), 2, 3)}}) == kNo);
  CHECK(verdict({{read_op(2, nil, 0, 1)}}) == kYes);  // never written: nil
  // Overlapping: the write may take effect before the read.
  CHECK(verdict({{write_op(1, num(1), 0, 10), read_op(2, num(1), 1, 2)}}) == kYes);
  CHECK(verdict({{write_op(1, num(1), 0, 10), read_op(2, nil, 1, 2)}}) == kYes);
  // A stale read after a newer write completed.
  CHECK(verdict({{write_op(1, num(1), 0, 1), write_op(1, num(2), 2, 3), read_op(2, num(1), 4, 5)}}) == kNo);
  // Once a read saw the new value, a later read cannot see the old one.
  CHECK(verdict({{write_op(1, num(1), 0, 1), write_op(1, num(2), 2, 20), read_op(2, num(2), 3, 4),
                  read_op(3, num(1), 5, 6)}}) == kNo);
}

TEST_CASE("register: a response at the same time as an invocation is concurrent", "[linearizability]") {
  // precedes() is strict: A.response < B.invoke.
  CHECK(verdict({{write_op(1, num(1), 0, 5), read_op(2, nil, 5, 6)}}) == kYes);
  CHECK(verdict({{write_op(1, num(1), 0, 4), read_op(2, nil, 5, 6)}}) == kNo);
}

TEST_CASE("register: compare-and-set, including failed cas", "[linearizability]") {
  CHECK(verdict({{write_op(1, num(0), 0, 1), cas_op(1, num(0), num(1), 2, 3), read_op(2, num(1), 4, 5)}}) == kYes);
  CHECK(verdict({{write_op(1, num(0), 0, 1), cas_op(1, num(2), num(3), 2, 3)}}) == kNo);
  // A failed cas ran and found another value...
  CHECK(verdict({{write_op(1, num(1), 0, 1), cas_op(2, num(3), num(4), 2, 3, Status::kFail)}}) == kYes);
  // ...so it cannot fail while the register holds its `from`.
  CHECK(verdict({{write_op(1, num(1), 0, 1), cas_op(2, num(1), num(4), 2, 3, Status::kFail)}}) == kNo);
  // Unless a concurrent write changed the value first.
  CHECK(verdict({{write_op(1, num(1), 0, 1), write_op(3, num(2), 2, 5),
                  cas_op(2, num(1), num(4), 3, 4, Status::kFail)}}) == kYes);
  // It changes nothing: the value stays.
  CHECK(verdict({{write_op(1, num(1), 0, 1), cas_op(2, num(3), num(4), 2, 3, Status::kFail),
                  read_op(2, num(4), 4, 5)}}) == kNo);
}

TEST_CASE("register: unknown (info) operations take effect after invocation or never", "[linearizability]") {
  const Operation maybe_write_1 = write_op(1, num(1), 0, kNever, Status::kInfo);
  CHECK(verdict({{maybe_write_1, read_op(2, num(1), 5, 6)}}) == kYes);  // it happened
  CHECK(verdict({{maybe_write_1, read_op(2, nil, 5, 6)}}) == kYes);     // not (yet)
  CHECK(verdict({{maybe_write_1, read_op(2, nil, 5, 6), read_op(2, num(1), 100, 101)}}) == kYes);  // later
  CHECK(verdict({{maybe_write_1, read_op(2, num(1), 5, 6), read_op(2, nil, 7, 8)}}) == kNo);  // not undone
  // It cannot take effect before its invocation.
  CHECK(verdict({{read_op(2, num(1), 0, 1), write_op(1, num(1), 2, kNever, Status::kInfo)}}) == kNo);
  // An unknown cas swaps only if the value matched.
  const Operation maybe_cas = cas_op(3, num(1), num(2), 2, kNever, Status::kInfo);
  CHECK(verdict({{write_op(1, num(1), 0, 1), maybe_cas, read_op(2, num(2), 5, 6)}}) == kYes);
  CHECK(verdict({{write_op(1, num(0), 0, 1), maybe_cas, read_op(2, num(2), 5, 6)}}) == kNo);
}

TEST_CASE("register: failed writes and unknown or failed reads constrain nothing", "[linearizability]") {
  CHECK(verdict({{write_op(1, num(5), 0, 1, Status::kFail), read_op(2, nil, 2, 3)}}) == kYes);
  CHECK(verdict({{write_op(1, num(5), 0, 1, Status::kFail), read_op(2, num(5), 2, 3)}}) == kNo);
  CHECK(verdict({{write_op(1, num(1), 0, 1), read_op(2, {}, 2, 3, Status::kFail),
                  read_op(3, {}, 2, kNever, Status::kInfo)}}) == kYes);
}

TEST_CASE("kv: get, put and append per key", "[linearizability]") {
  const History appends{{append_op(1, "a", 0, 1, Status::kOk, "k"), append_op(1, "b", 2, 3, Status::kOk, "k"),
                         read_op(2, text("ab"), 4, 5, Status::kOk, "k")}};
  CHECK(verdict(appends, Model::kKv) == kYes);
  History reordered = appends;
  reordered.ops[2] = read_op(2, text("ba"), 4, 5, Status::kOk, "k");
  CHECK(verdict(reordered, Model::kKv) == kNo);
  // Concurrent appends may land in either order.
  CHECK(verdict({{append_op(1, "a", 0, 3, Status::kOk, "k"), append_op(2, "b", 0, 3, Status::kOk, "k"),
                  read_op(3, text("ba"), 4, 5, Status::kOk, "k")}},
                Model::kKv) == kYes);
  // A missing key reads as "" (nil is accepted too); put replaces.
  CHECK(verdict({{read_op(1, text(""), 0, 1, Status::kOk, "x"), read_op(1, nil, 2, 3, Status::kOk, "x"),
                  write_op(1, text("v"), 4, 5, Status::kOk, "x"), append_op(1, "w", 6, 7, Status::kOk, "x"),
                  read_op(2, text("vw"), 8, 9, Status::kOk, "x")}},
                Model::kKv) == kYes);
}

TEST_CASE("kv: keys are checked separately and the explanation names the key", "[linearizability]") {
  const History h{{write_op(1, text("1"), 0, 1, Status::kOk, "a"), write_op(1, text("2"), 2, 3, Status::kOk, "b"),
                   read_op(2, text("1"), 4, 5, Status::kOk, "a"), read_op(2, text("1"), 6, 7, Status::kOk, "b")}};
  const auto result = check_linearizability(h, Model::kKv);
  REQUIRE(result.verdict == kNo);
  CHECK(result.keys == 2);
  REQUIRE(result.violation);
  CHECK(result.violation->key == "b");
  CHECK(result.violation->blocked_op == 3);
}

TEST_CASE("counter: increments and reads", "[linearizability]") {
  const Operation inc1 = increment_op(1, 1, 0, 10), inc2 = increment_op(2, 2, 0, 10);
  CHECK(verdict({{inc1, inc2, read_op(3, num(1), 1, 2)}}, Model::kCounter) == kYes);
  CHECK(verdict({{inc1, inc2, read_op(3, num(3), 11, 12)}}, Model::kCounter) == kYes);
  CHECK(verdict({{inc1, inc2, read_op(3, num(2), 11, 12)}}, Model::kCounter) == kNo);
  CHECK(verdict({{inc1, inc2, read_op(3, num(4), 1, 2)}}, Model::kCounter) == kNo);
  CHECK(verdict({{increment_op(1, 5, 0, kNever, Status::kInfo), read_op(3, num(0), 1, 2),
                  read_op(3, num(5), 3, 4)}},
                Model::kCounter) == kYes);
  CHECK(verdict({{increment_op(1, -3, 0, 1), read_op(3, num(-3), 2, 3)}}, Model::kCounter) == kYes);
}

TEST_CASE("the explanation: longest prefix, blocked operation, values", "[linearizability][explain]") {
  // write 1; write 2; a read of 3 (nobody wrote 3) that must finish by t=4,
  // and a read of 4 still in flight.
  const History h{{write_op(1, num(1), 0, 1), write_op(1, num(2), 2, 3), read_op(2, num(3), 2, 4),
                   read_op(3, num(4), 2, 8)}};
  const auto result = check_linearizability(h, Model::kRegister);
  REQUIRE(result.verdict == kNo);
  const Violation& v = *result.violation;
  REQUIRE(v.prefix.size() == 2);
  CHECK(v.prefix[0].op == 0);
  CHECK(v.prefix[0].state_after == num(1));
  CHECK(v.prefix[1].op == 1);
  CHECK(v.prefix[1].state_after == num(2));
  CHECK(v.blocked_op == 2);
  CHECK(v.state == num(2));
  CHECK(v.reason == "the read saw 3, but the register holds 2");
  REQUIRE(v.pending.size() == 1);
  CHECK(v.pending[0] == 3);
  CHECK(why_illegal(Model::kRegister, h.ops[3], v.state) == "the read saw 4, but the register holds 2");
  // Deterministic: the same explanation every time.
  const auto again = check_linearizability(h, Model::kRegister);
  CHECK(again.violation->prefix.size() == v.prefix.size());
  CHECK(again.violation->blocked_op == v.blocked_op);
  CHECK(again.steps == result.steps);
}

TEST_CASE("the explanation when nothing can go first", "[linearizability][explain]") {
  const auto result = check_linearizability({{read_op(1, num(7), 0, 1)}}, Model::kRegister);
  REQUIRE(result.violation);
  CHECK(result.violation->prefix.empty());
  CHECK(result.violation->state == nil);
  CHECK(result.violation->reason == "the read saw 7, but the register holds nil");
}

namespace {
// n concurrent writes of distinct values, then a read of a value nobody
// wrote: the search must try every subset of the writes (with the memo,
// about n * 2^n configurations) before it can say no.
History hard_history(int n) {
  History h;
  for (int i = 0; i < n; ++i) h.ops.push_back(write_op(i, num(i + 1), 0, 100));
  for (int i = 0; i < n; ++i) h.ops.push_back(read_op(n + i, num(i + 1), 1, 99));
  h.ops.push_back(read_op(2 * n, num(-1), 200, 201));
  return h;
}
}  // namespace

TEST_CASE("budgets give unknown, never a wrong verdict", "[linearizability][budget]") {
  CHECK(verdict(hard_history(6)) == kNo);
  LinearizabilityOptions steps;
  steps.max_steps = 1000;
  const auto by_steps = check_linearizability(hard_history(16), Model::kRegister, steps);
  CHECK(by_steps.verdict == Verdict::kUnknown);
  CHECK(by_steps.steps == 1000);
  CHECK(by_steps.unknown_reason.find("step budget") != std::string::npos);
  LinearizabilityOptions time;
  time.budget_seconds = 1e-6;
  const auto by_time = check_linearizability(hard_history(16), Model::kRegister, time);
  CHECK(by_time.verdict == Verdict::kUnknown);
  CHECK(by_time.unknown_reason.find("time budget") != std::string::npos);
  LinearizabilityOptions memory;
  memory.max_memory_bytes = 1 << 20;
  CHECK(check_linearizability(hard_history(16), Model::kRegister, memory).verdict == Verdict::kUnknown);
  // A budget large enough changes nothing.
  steps.max_steps = 10'000'000;
  CHECK(check_linearizability(hard_history(8), Model::kRegister, steps).verdict == kNo);
}

TEST_CASE("operations that do not fit the model are rejected", "[linearizability]") {
  CHECK_THROWS_AS(check_linearizability({{cas_op(1, num(1), num(2), 0, 1)}}, Model::kCounter), std::invalid_argument);
  CHECK_THROWS_AS(check_linearizability({{append_op(1, "x", 0, 1)}}, Model::kRegister), std::invalid_argument);
  CHECK_THROWS_AS(check_linearizability({{write_op(1, num(1), 0, 1)}}, Model::kKv), std::invalid_argument);
  CHECK_THROWS_AS(check_linearizability({{write_op(1, num(1), 5, 1)}}, Model::kRegister), std::invalid_argument);
}
