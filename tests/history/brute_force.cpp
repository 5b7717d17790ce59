#include "tests/history/brute_force.hpp"

#include <map>
#include <string>
#include <vector>

namespace replicheck::testing {

using namespace properties;

namespace {

// What the issue says, restated independently of properties/specs.cpp.
enum class Need { kMust, kMay, kDrop };
Need need_of(const Operation& op) {
  if (op.status == Status::kOk) return Need::kMust;
  if (op.status == Status::kFail) return op.kind == OpKind::kCas ? Need::kMust : Need::kDrop;
  return op.kind == OpKind::kRead ? Need::kDrop : Need::kMay;
}

using Objects = std::map<std::string, Value>;

Value normal(const Value& v, Model model) {  // a missing map key reads as ""
  if (model == Model::kKv && std::holds_alternative<Nil>(v)) return std::string();
  return v;
}

struct Search {
  const History& history;
  Model model;
  std::vector<bool> placed;

  bool done() const {
    for (std::size_t i = 0; i < history.ops.size(); ++i)
      if (!placed[i] && need_of(history.ops[i]) == Need::kMust) return false;
    return true;
  }

  // May op i go next: no unplaced op that must happen returned before i began.
  bool may_go_next(std::size_t i) const {
    for (std::size_t j = 0; j < history.ops.size(); ++j) {
      if (j == i || placed[j] || need_of(history.ops[j]) != Need::kMust) continue;
      if (history.ops[j].response < history.ops[i].invoke) return false;
    }
    return true;
  }

  bool from(const Objects& objects) {
    if (done()) return true;
    for (std::size_t i = 0; i < history.ops.size(); ++i) {
      if (placed[i] || need_of(history.ops[i]) == Need::kDrop || !may_go_next(i)) continue;
      Objects next = objects;
      const Operation& op = history.ops[i];
      auto [it, fresh] = next.try_emplace(op.key, initial_value(model));
      if (!reference_step(op, model, it->second)) continue;
      placed[i] = true;
      const bool ok = from(next);
      placed[i] = false;
      if (ok) return true;
    }
    return false;
  }
};

}  // namespace

Value initial_value(Model model) {
  if (model == Model::kKv) return std::string();
  if (model == Model::kCounter) return std::int64_t{0};
  return Nil{};
}

bool reference_step(const Operation& op, Model model, Value& state) {
  switch (op.kind) {
    case OpKind::kRead: return normal(op.output.at(0), model) == state;
    case OpKind::kWrite: state = normal(op.input.at(0), model); return true;
    case OpKind::kCas:
      if (op.status == Status::kFail) return normal(op.input.at(0), model) != state;
      if (normal(op.input.at(0), model) != state) return false;
      state = normal(op.input.at(1), model);
      return true;
    case OpKind::kAppend:
      state = std::get<std::string>(state) + std::get<std::string>(op.input.at(0));
      return true;
    case OpKind::kIncrement:
      state = static_cast<std::int64_t>(static_cast<std::uint64_t>(std::get<std::int64_t>(state)) +
                                        static_cast<std::uint64_t>(std::get<std::int64_t>(op.input.at(0))));
      return true;
  }
  return false;
}

bool brute_force_linearizable(const History& history, Model model) {
  Search search{history, model, std::vector<bool>(history.ops.size(), false)};
  return search.from({});
}

}  // namespace replicheck::testing
