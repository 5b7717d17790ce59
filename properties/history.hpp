// A history: what clients of a replicated store asked for and saw. It is a
// plain value type with no I/O so that parsers (history_io), the explorer's
// client layer and the consistency checkers all exchange the same thing.
#pragma once
#include <compare>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace replicheck::properties {

// A value read or written: nil (absent / never written), an integer or a
// string. Registers compare values only for equality; the counter needs
// integers; the key-value map needs strings (nil reads as "").
struct Nil {
  friend constexpr auto operator<=>(Nil, Nil) = default;
};
using Value = std::variant<Nil, std::int64_t, std::string>;

// One canonical set of operation kinds for all sequential specifications.
// Jepsen's key-value `get`/`put` are `read`/`write`; its counter `add` is
// `increment`.
enum class OpKind : std::uint8_t { kRead, kWrite, kCas, kAppend, kIncrement };

// kOk: completed and took effect exactly once. kFail: completed and did not
// change state (a failed cas found a different value; other failures never
// happened). kInfo: outcome unknown (timed out) -- it may take effect at any
// time after its invocation, or never.
enum class Status : std::uint8_t { kOk, kFail, kInfo };

// Clock value of a response that never arrived (kInfo operations).
inline constexpr std::uint64_t kNever = std::numeric_limits<std::uint64_t>::max();

struct Operation {
  std::int64_t session = 0;  // client / Jepsen process; one op at a time each
  std::string key;           // object the op touches; "" for single-object histories
  OpKind kind = OpKind::kRead;
  std::vector<Value> input;   // write/append: {v}; cas: {from, to}; increment: {delta}
  std::vector<Value> output;  // read: {value seen}; empty otherwise
  Status status = Status::kOk;
  // Positions on one clock shared by the whole history: event indices (line
  // numbers for line-based files) or timestamps. A precedes B in real time
  // exactly when A.response < B.invoke. kInfo ops have response == kNever.
  std::uint64_t invoke = 0;
  std::uint64_t response = kNever;

  friend bool operator==(const Operation&, const Operation&) = default;
};

struct History {
  std::vector<Operation> ops;  // any order; checkers sort by the clock themselves

  friend bool operator==(const History&, const History&) = default;
};

inline bool precedes(const Operation& a, const Operation& b) { return a.response < b.invoke; }

std::string_view to_string(OpKind kind);
std::string_view to_string(Status status);
// Accepts the canonical names and Jepsen's aliases (get, put, add, ...).
bool parse_op_kind(std::string_view name, OpKind& out);
// "nil", 3 or "text" (quoted, with \" and \\ escaped).
std::string to_string(const Value& value);

// Operations of `history` grouped by key, in first-seen key order, each group
// holding indices into history.ops. The basis of P-compositional checking.
struct KeyPart {
  std::string key;
  std::vector<std::size_t> ops;
};
std::vector<KeyPart> split_by_key(const History& history);

}  // namespace replicheck::properties
