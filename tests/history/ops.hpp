// Terse constructors for hand-made histories in tests. Times are on one
// clock; kNever as response means "timed out" (use status kInfo).
#pragma once
#include <string>

#include "properties/history.hpp"

namespace replicheck::testing {

using properties::History;
using properties::kNever;
using properties::Nil;
using properties::Operation;
using properties::OpKind;
using properties::Status;
using properties::Value;

inline Operation make(std::int64_t session, OpKind kind, std::vector<Value> input, std::vector<Value> output,
                      std::uint64_t invoke, std::uint64_t response, Status status, std::string key) {
  Operation op;
  op.session = session;
  op.key = std::move(key);
  op.kind = kind;
  op.input = std::move(input);
  op.output = std::move(output);
  op.status = status;
  op.invoke = invoke;
  op.response = status == Status::kInfo ? kNever : response;
  return op;
}

inline Operation write_op(std::int64_t s, Value v, std::uint64_t inv, std::uint64_t resp, Status st = Status::kOk,
                       std::string key = "") {
  return make(s, OpKind::kWrite, {std::move(v)}, {}, inv, resp, st, std::move(key));
}
inline Operation read_op(std::int64_t s, Value seen, std::uint64_t inv, std::uint64_t resp, Status st = Status::kOk,
                      std::string key = "") {
  std::vector<Value> out;
  if (st == Status::kOk) out.push_back(std::move(seen));
  return make(s, OpKind::kRead, {}, std::move(out), inv, resp, st, std::move(key));
}
inline Operation cas_op(std::int64_t s, Value from, Value to, std::uint64_t inv, std::uint64_t resp,
                     Status st = Status::kOk, std::string key = "") {
  return make(s, OpKind::kCas, {std::move(from), std::move(to)}, {}, inv, resp, st, std::move(key));
}
inline Operation append_op(std::int64_t s, std::string v, std::uint64_t inv, std::uint64_t resp,
                        Status st = Status::kOk, std::string key = "") {
  return make(s, OpKind::kAppend, {Value{std::move(v)}}, {}, inv, resp, st, std::move(key));
}
inline Operation increment_op(std::int64_t s, std::int64_t by, std::uint64_t inv, std::uint64_t resp,
                           Status st = Status::kOk, std::string key = "") {
  return make(s, OpKind::kIncrement, {Value{by}}, {}, inv, resp, st, std::move(key));
}

inline Value text(const char* s) { return Value{std::string(s)}; }
inline Value num(std::int64_t i) { return Value{i}; }
inline const Value nil = Value{Nil{}};

}  // namespace replicheck::testing
