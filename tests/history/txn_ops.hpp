// Terse constructors for hand-made transactional histories in tests.
#pragma once
#include <initializer_list>
#include <optional>
#include <string>

#include "properties/txn.hpp"

namespace replicheck::testing {

using properties::Mop;
using properties::MopKind;
using properties::Status;
using properties::Txn;
using properties::TxnHistory;

inline Mop append(std::string key, std::int64_t e) { return {MopKind::kAppend, std::move(key), e, {}, true}; }
inline Mop write(std::string key, std::int64_t v) { return {MopKind::kWrite, std::move(key), v, {}, true}; }
// list-append read of the whole list
inline Mop read(std::string key, std::vector<std::int64_t> list) { return {MopKind::kRead, std::move(key), 0, std::move(list), true}; }
// rw-register read: nullopt is nil
inline Mop read_reg(std::string key, std::optional<std::int64_t> v) {
  return {MopKind::kRead, std::move(key), 0, v ? std::vector<std::int64_t>{*v} : std::vector<std::int64_t>{}, true};
}

inline Txn txn(std::int64_t process, std::uint64_t invoke, std::uint64_t complete, std::vector<Mop> mops,
               Status status = Status::kOk) {
  Txn t;
  t.process = process;
  t.invoke = invoke;
  t.complete = status == Status::kInfo ? properties::kNever : complete;
  t.status = status;
  for (Mop& m : mops) {  // a transaction that did not complete ok has no read results
    if (status == Status::kOk || m.writes()) continue;
    m.known = false;
    m.read.clear();
  }
  t.mops = std::move(mops);
  return t;
}

}  // namespace replicheck::testing
