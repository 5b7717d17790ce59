// Sequential specifications the checkers test histories against: a register
// (read / write / cas), a key-value map (get / put / append, and cas) and a
// counter (increment / read). Every key is an independent object, so all three
// are checked one key at a time (P-compositionality).
//
// For speed the linearizability search never touches Values: each spec
// compiles an Operation into a Call over small integer ids and keeps its state
// in one 64-bit word (register: value id; map: id of the interned string;
// counter: the count itself).
#pragma once
#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "properties/history.hpp"
#include "properties/text_table.hpp"

namespace replicheck::properties {

enum class Model : std::uint8_t { kRegister, kKv, kCounter };
std::string_view to_string(Model model);
bool parse_model(std::string_view name, Model& out);

// How an operation takes part in a linearizability check.
//  kRequired: must be linearized between invocation and response (ok ops, and
//             failed cas: it ran and found a different value).
//  kOptional: outcome unknown (info) but it may change state: may be
//             linearized any time after invocation, or never.
//  kIgnored:  constrains nothing (failed or unknown reads, failed writes).
enum class Role : std::uint8_t { kRequired, kOptional, kIgnored };
Role role_of(const Operation& op);

// Empty if `op` is a well-formed operation of `model`, else what is wrong
// ("the counter model has no cas", "write needs one input value", ...).
std::string validate(const Operation& op, Model model);

// Why `op` cannot take effect when the object holds `state`, in words.
std::string why_illegal(Model model, const Operation& op, const Value& state);
// "write 3", "cas 1->2", "read -> 4", "append \"x\"" (plus the key, and the
// status if not ok).
std::string describe(const Operation& op, bool with_key = true);

namespace spec {

using State = std::uint64_t;
enum class CallKind : std::uint8_t { kRead, kWrite, kCas, kCasFailed, kAppend, kIncrement };
struct Call {
  CallKind kind;
  std::uint64_t a = 0;  // read: expected; write/append: value; cas: from; increment: delta
  std::uint64_t b = 0;  // cas: to
};

// True if the call leaves the state unchanged in every state where it is
// legal (reads, failed cas, cas x->x). Such a call, once legal, can be moved
// to any earlier point where it is also legal; the search relies on this.
// (A write is not one: writing 3 keeps state 3, but not state 1.)
inline bool never_changes_state(const Call& c) {
  return c.kind == CallKind::kRead || c.kind == CallKind::kCasFailed || (c.kind == CallKind::kCas && c.a == c.b);
}

// Dense ids for values compared only by equality; nil is 0.
class ValueIds {
 public:
  std::uint64_t id(const Value& v);
  const Value& value(std::uint64_t id) const { return values_[id]; }

 private:
  std::deque<Value> values_{Value{Nil{}}};
  std::unordered_map<std::string, std::uint64_t> strings_;
  std::unordered_map<std::int64_t, std::uint64_t> ints_;
};

class Register {
 public:
  State initial() const { return 0; }
  Call compile(const Operation& op);
  static bool step(State s, const Call& c, State& next) {
    switch (c.kind) {
      case CallKind::kRead: next = s; return s == c.a;
      case CallKind::kWrite: next = c.a; return true;
      case CallKind::kCas: next = c.b; return s == c.a;
      case CallKind::kCasFailed: next = s; return s != c.a;
      default: return false;
    }
  }
  Value value(State s) const { return ids_.value(s); }
  std::size_t bytes() const { return 0; }  // few values, fixed by the history

 private:
  ValueIds ids_;
};

// Map values are strings (a missing key reads as ""), interned so that the
// state is one word.
class KeyValue {
 public:
  State initial() const { return 0; }  // ""
  Call compile(const Operation& op);
  bool step(State s, const Call& c, State& next) {
    switch (c.kind) {
      case CallKind::kRead: next = s; return s == c.a;
      case CallKind::kWrite: next = c.a; return true;
      case CallKind::kCas: next = c.b; return s == c.a;
      case CallKind::kCasFailed: next = s; return s != c.a;
      case CallKind::kAppend:
        next = texts_.concat(static_cast<std::uint32_t>(s), static_cast<std::uint32_t>(c.a));
        return true;
      default: return false;
    }
  }
  Value value(State s) const { return Value{std::string(texts_.text(static_cast<std::uint32_t>(s)))}; }
  std::size_t bytes() const { return texts_.bytes(); }  // grows as appends build new strings

 private:
  detail::TextTable texts_;
};

class Counter {
 public:
  State initial() const { return 0; }
  Call compile(const Operation& op);
  static bool step(State s, const Call& c, State& next) {
    switch (c.kind) {
      case CallKind::kRead: next = s; return s == c.a;
      // Two's complement wrap-around, done on unsigned words to stay defined.
      case CallKind::kIncrement: next = s + c.a; return true;
      default: return false;
    }
  }
  Value value(State s) const { return Value{static_cast<std::int64_t>(s)}; }
  std::size_t bytes() const { return 0; }
};

}  // namespace spec
}  // namespace replicheck::properties
