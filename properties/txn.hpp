// Transactional histories, as Elle (Kingsbury & Alvaro, VLDB 2020) reads
// them: each operation is a transaction of micro-operations on keys. Two
// workloads:
//   list-append  [:append k e] adds a unique element e to the list at k;
//                [:r k [e...]] reads the whole list, which reveals the order
//                of every append it contains.
//   rw-register  [:w k v] writes v; [:r k v] reads one value (nil: the
//                initial value).
// A plain value type with no I/O, like history.hpp; txn_io.hpp parses it.
#pragma once
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

#include "properties/history.hpp"

namespace replicheck::properties {

enum class Workload : std::uint8_t { kListAppend, kRwRegister };
std::string_view to_string(Workload workload);
bool parse_workload(std::string_view name, Workload& out);

enum class MopKind : std::uint8_t { kAppend, kWrite, kRead };

struct Mop {
  MopKind kind = MopKind::kRead;
  std::string key;  // keys are compared by this text (an integer key 3 is "3")
  // Append: the element; write: the value.
  std::int64_t value = 0;
  // A read's result. list-append: the list; rw-register: {} for nil, or {v}.
  std::vector<std::int64_t> read;
  // False for a read whose result is not known (an :info transaction, or a
  // nil read in an :invoke).
  bool known = true;

  bool writes() const { return kind != MopKind::kRead; }
  friend bool operator==(const Mop&, const Mop&) = default;
};

// No process given (some of Elle's example histories omit :process): the
// transaction has no process order.
inline constexpr std::int64_t kNoProcess = std::numeric_limits<std::int64_t>::min();

// Status as in history.hpp: kOk committed; kFail did not commit; kInfo may or
// may not have committed (its reads are unknown).
struct Txn {
  std::int64_t process = 0;
  Status status = Status::kOk;
  std::vector<Mop> mops;
  // One clock for the whole history; A precedes B in real time exactly when
  // A.complete < B.invoke. kInfo transactions have complete == kNever.
  std::uint64_t invoke = 0;
  std::uint64_t complete = kNever;

  friend bool operator==(const Txn&, const Txn&) = default;
};

struct TxnHistory {
  std::vector<Txn> txns;
  friend bool operator==(const TxnHistory&, const TxnHistory&) = default;
};

// "[:append 1 2]", "[:r 1 [1 2]]", "[:w x 3]", "[:r x nil]": Elle's spelling.
std::string to_string(const Mop& mop, Workload workload);
// "[[:append 1 2] [:r 1 [1 2]]]"
std::string to_string(const Txn& txn, Workload workload);

}  // namespace replicheck::properties
