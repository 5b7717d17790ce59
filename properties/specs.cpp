#include "properties/specs.hpp"

#include <fmt/format.h>

namespace replicheck::properties {

std::string_view to_string(Model model) {
  switch (model) {
    case Model::kRegister: return "register";
    case Model::kKv: return "kv";
    case Model::kCounter: return "counter";
  }
  return "?";
}

bool parse_model(std::string_view name, Model& out) {
  for (Model m : {Model::kRegister, Model::kKv, Model::kCounter}) {
    if (to_string(m) == name) {
      out = m;
      return true;
    }
  }
  return false;
}

Role role_of(const Operation& op) {
  switch (op.status) {
    case Status::kOk: return Role::kRequired;
    // A failed cas compared and found another value; any other failure
    // (including Jepsen's `:fail :read :timed-out`) never happened.
    case Status::kFail: return op.kind == OpKind::kCas ? Role::kRequired : Role::kIgnored;
    // An unknown read changes nothing, so it can always be left out.
    case Status::kInfo: return op.kind == OpKind::kRead ? Role::kIgnored : Role::kOptional;
  }
  return Role::kIgnored;
}

namespace {

bool is_int(const Value& v) { return std::holds_alternative<std::int64_t>(v); }
bool is_text(const Value& v) { return std::holds_alternative<std::string>(v); }

bool kind_allowed(Model model, OpKind kind) {
  switch (model) {
    case Model::kRegister: return kind == OpKind::kRead || kind == OpKind::kWrite || kind == OpKind::kCas;
    case Model::kKv: return kind != OpKind::kIncrement;
    case Model::kCounter: return kind == OpKind::kRead || kind == OpKind::kIncrement;
  }
  return false;
}

std::size_t inputs_needed(OpKind kind) {
  switch (kind) {
    case OpKind::kRead: return 0;
    case OpKind::kCas: return 2;
    default: return 1;
  }
}

// Values the model can hold; `for_read` admits nil where a read may see it.
std::string check_value(Model model, const Value& v, bool for_read) {
  switch (model) {
    case Model::kRegister: return {};
    case Model::kKv:
      if (is_text(v) || (for_read && std::holds_alternative<Nil>(v))) return {};
      return fmt::format("the kv model holds strings, not {}", to_string(v));
    case Model::kCounter:
      if (is_int(v)) return {};
      return fmt::format("the counter model holds integers, not {}", to_string(v));
  }
  return {};
}

std::string holder(Model model, const Operation& op) {
  switch (model) {
    case Model::kRegister: return op.key.empty() ? "the register" : fmt::format("register \"{}\"", op.key);
    case Model::kKv: return fmt::format("key \"{}\"", op.key);
    case Model::kCounter: return op.key.empty() ? "the counter" : fmt::format("counter \"{}\"", op.key);
  }
  return "the object";
}

}  // namespace

std::string validate(const Operation& op, Model model) {
  if (!kind_allowed(model, op.kind))
    return fmt::format("the {} model has no {} operation", to_string(model), to_string(op.kind));
  if (op.input.size() != inputs_needed(op.kind))
    return fmt::format("{} needs {} input value(s), got {}", to_string(op.kind), inputs_needed(op.kind),
                       op.input.size());
  for (const Value& v : op.input) {
    if (auto bad = check_value(model, v, op.kind == OpKind::kCas); !bad.empty()) return bad;
  }
  if (op.kind == OpKind::kRead && op.status == Status::kOk) {
    if (op.output.size() != 1) return fmt::format("an ok read needs one output value, got {}", op.output.size());
    if (auto bad = check_value(model, op.output[0], true); !bad.empty()) return bad;
  }
  if (op.status != Status::kInfo && (op.response == kNever || op.response < op.invoke))
    return "a completed operation needs a response after its invocation";
  return {};
}

std::string why_illegal(Model model, const Operation& op, const Value& state) {
  const std::string where = holder(model, op);
  if (op.kind == OpKind::kRead && !op.output.empty())
    return fmt::format("the read saw {}, but {} holds {}", to_string(op.output[0]), where, to_string(state));
  if (op.kind == OpKind::kCas && op.input.size() == 2) {
    if (op.status == Status::kFail)
      return fmt::format("the cas failed, so {} must not hold {}, but it does", where, to_string(op.input[0]));
    return fmt::format("the cas expected {}, but {} holds {}", to_string(op.input[0]), where, to_string(state));
  }
  return fmt::format("{} is always legal; it can only be blocked by real-time order", to_string(op.kind));
}

std::string describe(const Operation& op, bool with_key) {
  std::string text{to_string(op.kind)};
  if (op.kind == OpKind::kCas && op.input.size() == 2) {
    text += fmt::format(" {}->{}", to_string(op.input[0]), to_string(op.input[1]));
  } else {
    for (const Value& v : op.input) text += fmt::format(" {}", to_string(v));
  }
  if (op.kind == OpKind::kRead && !op.output.empty() && op.status == Status::kOk)
    text += fmt::format(" -> {}", to_string(op.output[0]));
  if (with_key && !op.key.empty()) text += fmt::format(" [key \"{}\"]", op.key);
  if (op.status == Status::kFail) text += " (failed)";
  if (op.status == Status::kInfo) text += " (unknown outcome)";
  return text;
}

namespace spec {

std::uint64_t ValueIds::id(const Value& v) {
  if (std::holds_alternative<Nil>(v)) return 0;
  if (const auto* i = std::get_if<std::int64_t>(&v)) {
    auto [it, fresh] = ints_.try_emplace(*i, values_.size());
    if (fresh) values_.push_back(v);
    return it->second;
  }
  auto [it, fresh] = strings_.try_emplace(std::get<std::string>(v), values_.size());
  if (fresh) values_.push_back(v);
  return it->second;
}

namespace {
// Shared by register and map: the op shapes are the same, only ids differ.
template <class IdOf>
Call compile_common(const Operation& op, IdOf&& id_of) {
  switch (op.kind) {
    case OpKind::kRead: return {CallKind::kRead, op.output.empty() ? 0 : id_of(op.output[0]), 0};
    case OpKind::kWrite: return {CallKind::kWrite, id_of(op.input[0]), 0};
    case OpKind::kAppend: return {CallKind::kAppend, id_of(op.input[0]), 0};
    case OpKind::kCas:
      // An unknown cas is only worth linearizing where it swaps: where it
      // does not, it is indistinguishable from never happening.
      if (op.status == Status::kFail) return {CallKind::kCasFailed, id_of(op.input[0]), 0};
      return {CallKind::kCas, id_of(op.input[0]), id_of(op.input[1])};
    case OpKind::kIncrement: break;
  }
  return {CallKind::kIncrement, 0, 0};
}
}  // namespace

Call Register::compile(const Operation& op) {
  return compile_common(op, [this](const Value& v) { return ids_.id(v); });
}

Call KeyValue::compile(const Operation& op) {
  return compile_common(op, [this](const Value& v) -> std::uint64_t {
    if (const auto* text = std::get_if<std::string>(&v)) return texts_.intern(*text);
    return 0;  // nil: the missing key reads as ""
  });
}

Call Counter::compile(const Operation& op) {
  auto as_word = [](const Value& v) {
    const auto* i = std::get_if<std::int64_t>(&v);
    return static_cast<std::uint64_t>(i ? *i : 0);
  };
  if (op.kind == OpKind::kIncrement) return {CallKind::kIncrement, as_word(op.input[0]), 0};
  return {CallKind::kRead, op.output.empty() ? 0 : as_word(op.output[0]), 0};
}

}  // namespace spec
}  // namespace replicheck::properties
