// Properties of the linearizability checker on random histories:
//  - a history recorded from a sequential execution, with each operation's
//    interval stretched around its linearization point, is linearizable;
//  - breaking one read of such a history makes it non-linearizable;
//  - on small random histories the checker agrees with the brute force, and
//    every explanation it gives replays correctly.
#include <catch2/catch.hpp>
#include <rapidcheck/catch.h>

#include "properties/linearizability.hpp"
#include "tests/history/brute_force.hpp"
#include "tests/history/ops.hpp"

using namespace replicheck::properties;
using namespace replicheck::testing;

namespace {

const char* kKeys[] = {"a", "b", "c"};

Model any_model() { return *rc::gen::element(Model::kRegister, Model::kKv, Model::kCounter); }

// A random operation of `model` with values from a small domain (so that
// reads often match and cas often fails).
Operation random_op(Model model, std::int64_t session, std::size_t keys) {
  const std::string key = keys > 1 ? kKeys[*rc::gen::inRange<std::size_t>(0, keys)] : "";
  auto reg_value = [] { return Value{*rc::gen::inRange<std::int64_t>(0, 3)}; };
  auto kv_value = [] { return Value{std::string(*rc::gen::element("", "a", "b", "ab", "ba"))}; };
  Operation op;
  op.session = session;
  op.key = model == Model::kKv && key.empty() ? "k" : key;
  switch (model) {
    case Model::kRegister:
      op.kind = *rc::gen::element(OpKind::kRead, OpKind::kWrite, OpKind::kCas);
      if (op.kind == OpKind::kWrite) op.input = {reg_value()};
      if (op.kind == OpKind::kCas) op.input = {*rc::gen::element(reg_value(), nil), reg_value()};
      if (op.kind == OpKind::kRead) op.output = {*rc::gen::element(reg_value(), nil)};
      break;
    case Model::kKv:
      op.kind = *rc::gen::element(OpKind::kRead, OpKind::kWrite, OpKind::kAppend);
      if (op.kind == OpKind::kRead) op.output = {kv_value()};
      else op.input = {*rc::gen::element(text("a"), text("b"))};
      break;
    case Model::kCounter:
      op.kind = *rc::gen::element(OpKind::kRead, OpKind::kIncrement);
      if (op.kind == OpKind::kRead) op.output = {Value{*rc::gen::inRange<std::int64_t>(0, 4)}};
      else op.input = {Value{*rc::gen::inRange<std::int64_t>(-1, 3)}};
      break;
  }
  return op;
}

// Runs `op` at its linearization point on the reference state (if it takes
// effect) and records what a client would have seen: a read's value, and
// whether a cas found its `from`.
Operation execute(Operation op, Model model, Value& state, bool takes_effect) {
  if (op.kind == OpKind::kRead) op.output = {state};
  if (op.kind == OpKind::kCas) op.status = op.input[0] == state ? Status::kOk : Status::kFail;
  Value next = state;
  if (takes_effect && reference_step(op, model, next)) state = next;
  return op;
}

History sequential_history(Model model) {
  const auto n = *rc::gen::inRange<std::size_t>(0, 40);
  const std::size_t keys = *rc::gen::inRange<std::size_t>(1, 4);
  std::map<std::string, Value> objects;
  History h;
  for (std::size_t i = 0; i < n; ++i) {
    Operation op = random_op(model, *rc::gen::inRange<std::int64_t>(0, 5), keys);
    const std::uint64_t point = 10 * (i + 1);
    op.invoke = point - *rc::gen::inRange<std::uint64_t>(0, 40 < point ? 40 : point);
    op.response = point + *rc::gen::inRange<std::uint64_t>(0, 40);
    // 1 in 8 ops times out (and may or may not take effect); 1 in 8 writes fails.
    const int fate = *rc::gen::inRange(0, 8);
    const bool unknown = fate == 0, failed = fate == 1 && op.kind != OpKind::kRead && op.kind != OpKind::kCas;
    Value& state = objects.try_emplace(op.key, initial_value(model)).first->second;
    op = execute(std::move(op), model, state, !failed && (!unknown || *rc::gen::arbitrary<bool>()));
    if (unknown) op.status = Status::kInfo;
    if (failed) op.status = Status::kFail;
    if (op.status != Status::kOk) op.output.clear();
    if (op.status == Status::kInfo) op.response = kNever;
    h.ops.push_back(std::move(op));
  }
  return h;
}

// Checks that the explanation is a true account: the prefix replays legally
// in an order real time allows, and the blocked op is illegal after it.
void check_explanation(const History& h, Model model, const Violation& v) {
  Value state = initial_value(model);
  std::vector<bool> placed(h.ops.size(), false);
  for (const PlacedOp& p : v.prefix) {
    RC_ASSERT(h.ops[p.op].key == v.key);
    RC_ASSERT(reference_step(h.ops[p.op], model, state));
    RC_ASSERT(state == p.state_after);
    placed[p.op] = true;
    for (std::size_t j = 0; j < h.ops.size(); ++j) {  // whatever precedes it is placed (or optional)
      if (h.ops[j].key == v.key && precedes(h.ops[j], h.ops[p.op]) && h.ops[j].status != Status::kInfo &&
          !(h.ops[j].status == Status::kFail && h.ops[j].kind != OpKind::kCas))
        RC_ASSERT(placed[j]);
    }
  }
  RC_ASSERT(state == v.state);
  RC_ASSERT(!placed[v.blocked_op]);
  Value after = state;
  RC_ASSERT(!reference_step(h.ops[v.blocked_op], model, after));
  for (std::size_t op : v.pending) {
    Value tried = state;
    RC_ASSERT(!reference_step(h.ops[op], model, tried));
  }
}

}  // namespace

TEST_CASE("histories of sequential executions are linearizable", "[linearizability][property]") {
  rc::prop("stretched sequential history", [] {
    const Model model = any_model();
    const History h = sequential_history(model);
    const auto result = check_linearizability(h, model);
    RC_ASSERT(result.verdict == Verdict::kLinearizable);
  });
}

TEST_CASE("a read of a value never written breaks linearizability", "[linearizability][property]") {
  rc::prop("mutated read", [] {
    const Model model = any_model();
    History h = sequential_history(model);
    std::vector<std::size_t> reads;
    for (std::size_t i = 0; i < h.ops.size(); ++i)
      if (h.ops[i].kind == OpKind::kRead && h.ops[i].status == Status::kOk) reads.push_back(i);
    RC_PRE(!reads.empty());
    const std::size_t victim = *rc::gen::elementOf(reads);
    h.ops[victim].output = {model == Model::kKv ? text("never written") : num(1'000'000'007)};
    const auto result = check_linearizability(h, model);
    RC_ASSERT(result.verdict == Verdict::kNotLinearizable);
    check_explanation(h, model, *result.violation);
  });
}

TEST_CASE("the checker agrees with a brute-force search on small histories", "[linearizability][property]") {
  static int yes = 0, no = 0;
  rc::prop("agrees with brute force", [] {
    const Model model = any_model();
    const auto n = *rc::gen::inRange<std::size_t>(0, 8);
    const std::size_t keys = *rc::gen::inRange<std::size_t>(1, 3);
    History h;
    for (std::size_t i = 0; i < n; ++i) {
      Operation op = random_op(model, static_cast<std::int64_t>(i), keys);
      op.invoke = *rc::gen::inRange<std::uint64_t>(0, 20);
      op.response = op.invoke + *rc::gen::inRange<std::uint64_t>(0, 10);
      op.status = *rc::gen::element(Status::kOk, Status::kOk, Status::kOk, Status::kFail, Status::kInfo);
      if (op.status != Status::kOk) op.output.clear();
      if (op.status == Status::kInfo) op.response = kNever;
      h.ops.push_back(std::move(op));
    }
    const auto result = check_linearizability(h, model);
    const bool expected = brute_force_linearizable(h, model);
    RC_ASSERT((result.verdict == Verdict::kLinearizable) == expected);
    (expected ? yes : no)++;
    if (!expected) check_explanation(h, model, *result.violation);
  });
  // The generator must exercise both answers for the agreement to mean much.
  CHECK(yes > 10);
  CHECK(no > 10);
}
